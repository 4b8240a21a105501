package io.strimzi.operator.cluster.model.connectbuild;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildTerminationMessageTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void acceptsTheOutputRepositoryByDigest() {
        BuildTerminationMessage m = BuildTerminationMessage.parse("registry.example.com:5000/team/connect@" + DIGEST,
                "registry.example.com:5000/team/connect:latest");
        assertTrue(m.isValid(), m.failure());
        assertEquals("registry.example.com:5000/team/connect@" + DIGEST, m.imageReference());
        assertNull(m.failure());
    }

    @Test
    void toleratesOneTrailingNewline() {
        BuildTerminationMessage m = BuildTerminationMessage.parse("quay.io/org/connect@" + DIGEST + "\n", "quay.io/org/connect");
        assertEquals("quay.io/org/connect@" + DIGEST, m.imageReference());
    }

    @Test
    void acceptsKanikosDockerHubSpelling() {
        // Kaniko (go-containerregistry) names Docker Hub index.docker.io and adds library/.
        assertTrue(BuildTerminationMessage.parse("index.docker.io/library/connect@" + DIGEST, "connect:1.0").isValid());
        assertTrue(BuildTerminationMessage.parse("index.docker.io/myorg/connect@" + DIGEST, "myorg/connect").isValid());
        assertTrue(BuildTerminationMessage.parse("docker.io/myorg/connect@" + DIGEST, "docker.io/myorg/connect:v1").isValid());
    }

    @Test
    void acceptsLocalhostRegistry() {
        assertTrue(BuildTerminationMessage.parse("localhost/connect@" + DIGEST, "localhost/connect:x").isValid());
        assertFalse(BuildTerminationMessage.parse("docker.io/localhost/connect@" + DIGEST, "localhost/connect:x").isValid());
    }

    @Test
    void refusesAnEmptyOrMissingMessage() {
        assertFailure(BuildTerminationMessage.parse("", "quay.io/org/connect"), "wrote no image reference");
        assertFailure(BuildTerminationMessage.parse(null, "quay.io/org/connect"), "wrote no image reference");
    }

    @Test
    void refusesTwoLines() {
        String two = "quay.io/org/connect@" + DIGEST + "\nquay.io/org/connect@" + DIGEST;
        BuildTerminationMessage m = BuildTerminationMessage.parse(two, "quay.io/org/connect");
        assertFailure(m, "several lines");
        assertTrue(m.failure().contains("\"quay.io/org/connect@" + DIGEST + "\\nquay.io/org/connect@" + DIGEST + "\""), m.failure());
    }

    @Test
    void refusesATagInsteadOfADigest() {
        BuildTerminationMessage m = BuildTerminationMessage.parse("quay.io/org/connect:latest", "quay.io/org/connect:latest");
        assertFailure(m, "not an image reference");
        assertTrue(m.failure().contains("\"quay.io/org/connect:latest\""));
    }

    @Test
    void refusesATagAndADigest() {
        assertFailure(BuildTerminationMessage.parse("quay.io/org/connect:latest@" + DIGEST, "quay.io/org/connect:latest"),
                "carries a tag");
    }

    @Test
    void refusesAnotherRepositoryOrRegistry() {
        assertFailure(BuildTerminationMessage.parse("quay.io/org/other@" + DIGEST, "quay.io/org/connect"),
                "names repository quay.io/org/other but the build output is quay.io/org/connect");
        assertFailure(BuildTerminationMessage.parse("evil.example.com/org/connect@" + DIGEST, "quay.io/org/connect"),
                "evil.example.com/org/connect");
        assertFailure(BuildTerminationMessage.parse("docker.io/org/connect@" + DIGEST, "quay.io/org/connect"), "docker.io/org/connect");
    }

    @Test
    void refusesMalformedDigests() {
        assertFailure(BuildTerminationMessage.parse("quay.io/org/connect@sha256:abc", "quay.io/org/connect"), "not an image reference");
        assertFailure(BuildTerminationMessage.parse("quay.io/org/connect@sha512:" + "ab".repeat(64), "quay.io/org/connect"),
                "not an image reference");
        assertFailure(BuildTerminationMessage.parse("quay.io/org/connect@" + DIGEST.toUpperCase(), "quay.io/org/connect"),
                "not an image reference");
        assertFailure(BuildTerminationMessage.parse(" quay.io/org/connect@" + DIGEST, "quay.io/org/connect"), "not an image reference");
        assertFailure(BuildTerminationMessage.parse("error: push failed: unauthorized", "quay.io/org/connect"),
                "\"error: push failed: unauthorized\"");
    }

    @Test
    void quotesOnlyTheTailOfALongMessage() {
        String log = "x".repeat(1000) + "END";
        BuildTerminationMessage m = BuildTerminationMessage.parse(log, "quay.io/org/connect");
        assertTrue(m.failure().endsWith("END\""), m.failure());
        assertTrue(m.failure().length() < 500, m.failure());
    }

    private static void assertFailure(BuildTerminationMessage m, String expected) {
        assertFalse(m.isValid());
        assertNull(m.imageReference());
        assertTrue(m.failure().contains(expected), m.failure());
    }
}
