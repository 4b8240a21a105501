package io.strimzi.localcluster;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

    @Test
    void answersManyParallelDownloads() throws Exception {
        try (ArtifactServer server = ArtifactServer.start(8, 64)) {
            List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] content = new byte[64 * 1024];
                content[i] = (byte) i;
                String url = server.serve("/parallel/" + i + ".jar", content);
                responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (int i = 0; i < 40; i++) {
                HttpResponse<byte[]> response = responses.get(i).get();
                assertEquals(200, response.statusCode());
                assertEquals(64 * 1024, response.body().length);
                assertEquals((byte) i, response.body()[i]);
                assertEquals(1, server.requestCount("/parallel/" + i + ".jar"));
            }
        }
    }
}
