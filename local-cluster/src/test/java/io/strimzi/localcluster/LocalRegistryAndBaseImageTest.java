package io.strimzi.localcluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalRegistryAndBaseImageTest {
    private static final LocalRegistry.Credentials CREDENTIALS = new LocalRegistry.Credentials("builder", "s3cret pass:word");
    private static LocalRegistry openRegistry;
    private static LocalRegistry authRegistry;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startRegistries() {
        openRegistry = LocalRegistry.start();
        authRegistry = LocalRegistry.start(CREDENTIALS);
    }

    @AfterAll
    static void stopRegistries() {
        if (openRegistry != null) {
            openRegistry.close();
        }
        if (authRegistry != null) {
            authRegistry.close();
        }
        assertFalse(ProcessHandle.of(openRegistry.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(ProcessHandle.of(authRegistry.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void baseImageIsBusyboxWithItsAppletsTheConnectUserAndThePluginDirectory() {
        String reference = BaseImage.buildAndPush(openRegistry, "strimzi/kafka-base", "1.0");
        assertEquals(openRegistry.address() + "/strimzi/kafka-base:1.0", reference);
        String digest = openRegistry.requireDigestOf("strimzi/kafka-base", "1.0");
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        assertEquals(Optional.of(digest), openRegistry.digestOf("strimzi/kafka-base", digest));
        assertEquals(Optional.empty(), openRegistry.digestOf("strimzi/kafka-base", "no-such-tag"));

        ImageContents image = ImageContents.read(openRegistry, openRegistry.address() + "/strimzi/kafka-base@" + digest);
        assertEquals(ImageContents.Entry.Type.FILE, image.get("/bin/busybox").type());
        for (String applet : List.of("sh", "wget", "sha512sum", "tar", "unzip", "mkdir", "rm", "find", "cp", "mv", "cat",
                "echo", "ls", "chmod", "id", "sed", "grep")) {
            ImageContents.Entry link = image.get("/bin/" + applet);
            assertEquals(ImageContents.Entry.Type.SYMLINK, link.type(), applet);
            assertEquals("busybox", link.linkTarget(), applet);
        }
        assertTrue(image.get("/etc/passwd").text().contains("kafka:x:1001:0:"));
        assertEquals(ImageContents.Entry.Type.DIRECTORY, image.get("/opt/kafka/plugins").type());
        assertEquals(List.of(), image.list("/opt/kafka/plugins"));
    }

    @Test
    void authenticatedRegistryRefusesAnonymousClientsAndTakesItsCredentials() throws Exception {
        HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(URI.create(authRegistry.baseUrl() + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(401, anonymous.statusCode());
        HttpResponse<Void> authenticated = http.send(HttpRequest.newBuilder(URI.create(authRegistry.baseUrl() + "/v2/"))
                .header("Authorization", CREDENTIALS.basicAuthorization()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, authenticated.statusCode());

        String reference = BaseImage.buildAndPush(authRegistry, "private/base", "latest");
        String digest = authRegistry.requireDigestOf("private/base", "latest");
        assertTrue(ImageContents.read(authRegistry, reference).contains("/bin/busybox"));
        assertEquals(digest, authRegistry.requireDigestOf("private/base", digest));
    }

    @Test
    void stoppedRegistryRefusesConnectionsAndRestartsWithItsContent() {
        LocalRegistry registry = LocalRegistry.start();
        try {
            BaseImage.buildAndPush(registry, "restart/base", "1");
            String digest = registry.requireDigestOf("restart/base", "1");
            long firstPid = registry.pid();

            registry.stopProcessOnly();
            assertFalse(registry.isRunning());
            assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
            assertThrows(UncheckedIOException.class, () -> registry.digestOf("restart/base", "1"));

            registry.restart();
            assertTrue(registry.isRunning());
            assertEquals(Optional.of(digest), registry.digestOf("restart/base", "1"));
        } finally {
            registry.close();
        }
        assertFalse(registry.isRunning());
    }
}
