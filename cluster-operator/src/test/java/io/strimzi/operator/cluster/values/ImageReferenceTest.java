package io.strimzi.operator.cluster.values;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void parsesRegistriesPortsTagsAndDigests() {
        assertEquals(new ImageReference(null, "connect", null, null), ImageReference.parse("connect"));
        assertEquals(new ImageReference(null, "org/connect", "1.0", null), ImageReference.parse("org/connect:1.0"));
        assertEquals(new ImageReference("registry.example.com:5000", "org/team/connect", "v1-rc.2", null),
                ImageReference.parse("registry.example.com:5000/org/team/connect:v1-rc.2"));
        assertEquals(new ImageReference("localhost:5000", "connect", null, null), ImageReference.parse("localhost:5000/connect"));
        assertEquals(new ImageReference("localhost", "connect", null, null), ImageReference.parse("localhost/connect"));
        assertEquals(new ImageReference("[::1]:5000", "connect", "x", null), ImageReference.parse("[::1]:5000/connect:x"));
        assertEquals(new ImageReference("quay.io", "strimzi/kafka", "1", DIGEST), ImageReference.parse("quay.io/strimzi/kafka:1@" + DIGEST));
        assertEquals(new ImageReference("quay.io", "strimzi/kafka", null, DIGEST), ImageReference.parse("quay.io/strimzi/kafka@" + DIGEST));
        assertEquals(new ImageReference("Registry", "a__b-c.d", null, null), ImageReference.parse("Registry/a__b-c.d"));
    }

    @Test
    void nameDropsTagAndDigestAndKeepsThePort() {
        assertEquals("registry.example.com:5000/org/connect", ImageReference.parse("registry.example.com:5000/org/connect:1.0").name());
        assertEquals("localhost:5000/connect", ImageReference.parse("localhost:5000/connect").name());
        assertEquals("quay.io/strimzi/kafka", ImageReference.parse("quay.io/strimzi/kafka:1@" + DIGEST).name());
        assertEquals("org/connect", ImageReference.parse("org/connect:1").name());
        assertEquals("quay.io/strimzi/kafka:1@" + DIGEST, ImageReference.parse("quay.io/strimzi/kafka:1@" + DIGEST).toString());
    }

    @Test
    void sameImageAppliesDockerDefaults() {
        assertTrue(ImageReference.parse("connect").sameImageAs(ImageReference.parse("docker.io/library/connect:latest")));
        assertTrue(ImageReference.parse("org/connect:1").sameImageAs(ImageReference.parse("docker.io/org/connect:1")));
        assertFalse(ImageReference.parse("org/connect:1").sameImageAs(ImageReference.parse("org/connect:2")));
        assertFalse(ImageReference.parse("a.io/connect").sameImageAs(ImageReference.parse("b.io/connect")));
        assertFalse(ImageReference.parse("localhost/connect").sameImageAs(ImageReference.parse("connect")));
    }

    @Test
    void canonicalNameAppliesDockerDefaults() {
        assertEquals("docker.io/library/busybox", ImageReference.parse("busybox").canonicalName());
        assertEquals("docker.io/org/app", ImageReference.parse("org/app").canonicalName());
        assertEquals("docker.io/library/app", ImageReference.parse("registry-1.docker.io/app").canonicalName());
        assertEquals("docker.io/library/app", ImageReference.parse("index.docker.io/library/app").canonicalName());
        assertEquals("registry:5000/app", ImageReference.parse("registry:5000/app").canonicalName());
        assertEquals("registry.example.com/app", ImageReference.parse("Registry.Example.com/app").canonicalName());
    }

    @Test
    void tagsAndSha256Digests() {
        assertTrue(ImageReference.isValidTag("v1.0-rc_1"));
        assertFalse(ImageReference.isValidTag("-v1"));
        assertFalse(ImageReference.isValidTag(""));
        assertFalse(ImageReference.isValidTag(null));
        assertTrue(ImageReference.parse("quay.io/org/connect@" + DIGEST).hasSha256Digest());
        assertFalse(ImageReference.parse("quay.io/org/connect@" + DIGEST.toUpperCase()).hasSha256Digest());
        assertFalse(ImageReference.parse("quay.io/org/connect@sha512:" + "ab".repeat(64)).hasSha256Digest());
        assertFalse(ImageReference.parse("quay.io/org/connect:1").hasSha256Digest());
    }

    @Test
    void reasonsEscapeControlCharacters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("repo:tag\nFROM evil"));
        assertEquals("'tag\\u000aFROM evil' is not a valid tag", e.getMessage());
    }

    @Test
    void rejectsInvalidReferences() {
        for (String invalid : List.of("", "UPPER", "org/UPPER", "with space", "-rf", "a;b", "$(id)", "`id`", "a\nb",
                "repo:", "repo:-tag", "repo:" + "t".repeat(129), "repo@sha256:short", "repo@" + DIGEST + "x!", "reg//repo",
                "/repo", "repo/", "bad_host.io:x/repo", "reg.io:5000/", "a".repeat(256), "quay.io/Strimzi/kafka:x",
                "reg.io/repo@sha256:" + "a".repeat(600))) {
            assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(invalid), invalid);
        }
    }
}
