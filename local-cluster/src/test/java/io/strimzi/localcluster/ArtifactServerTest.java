package io.strimzi.localcluster;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesGivenBytesAndAnswers404Otherwise() throws Exception {
        try (ArtifactServer server = ArtifactServer.start()) {
            byte[] content = {1, 2, 3, 0, (byte) 0xff};
            String url = server.serve("/plugins/a.jar", content);
            assertTrue(url.startsWith("http://127.0.0.1:"), url);

            HttpResponse<byte[]> found = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, found.statusCode());
            assertArrayEquals(content, found.body());

            HttpResponse<byte[]> missing = http.send(HttpRequest.newBuilder(URI.create(server.url("/plugins/b.jar"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(404, missing.statusCode());

            server.remove("/plugins/a.jar");
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(2, server.requestCount("/plugins/a.jar"));
            assertEquals(1, server.requestCount("/plugins/b.jar"));
        }
    }
}
