package io.strimzi.operator.cluster.operator;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.strimzi.api.kafka.model.connect.ConnectorPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's use of a Connect cluster's REST API, against a stand-in for it on 127.0.0.1: it asks only once the
 * Deployment's rollout is complete, and then only when the Deployment's generation or the desired levels changed.
 */
class ConnectRestApiTest {
    private static final Reconciliation R = new Reconciliation("kafka", "my-connect");
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ConnectRestApi api = new ConnectRestApi();
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void startRestApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().toString();
            requests.add(exchange.getRequestMethod() + " " + path);
            String body = path.startsWith("/admin/loggers") && "GET".equals(exchange.getRequestMethod())
                    ? "{\"root\":{\"level\":\"INFO\"}}"
                    : path.startsWith("/connector-plugins")
                    ? "[{\"class\":\"org.apache.kafka.connect.file.FileStreamSourceConnector\",\"type\":\"source\",\"version\":\"4.3.0\"}]"
                    : "{}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopRestApi() {
        server.stop(0);
    }

    private static Deployment deployment(long generation, Long observed, Integer replicas, Integer updated, Integer ready) {
        return new DeploymentBuilder().withNewMetadata().withName("my-connect-connect").withGeneration(generation).endMetadata()
                .withNewStatus().withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(updated)
                .withReadyReplicas(ready).endStatus().build();
    }

    @Test
    void notAskedUntilTheRolloutIsCompleteWithAReadyPod() {
        Map<String, String> levels = Map.of("root", "INFO");
        assertFalse(api.due(R, null, levels), "no Deployment");
        assertFalse(api.due(R, new DeploymentBuilder().withNewMetadata().withGeneration(1L).endMetadata().build(), levels),
                "no status yet");
        assertFalse(api.due(R, deployment(2, 1L, 1, 1, 1), levels), "the controller has not seen generation 2");
        assertFalse(api.due(R, deployment(2, 2L, 2, 1, 2), levels), "an old pod still runs");
        assertFalse(api.due(R, deployment(2, 2L, 1, 1, null), levels), "no pod ready");
        assertTrue(api.due(R, deployment(2, 2L, 1, 1, 1), levels));
        assertEquals(List.of(), requests);
    }

    @Test
    void askedOncePerGenerationAndLevels() {
        Deployment rolledOut = deployment(3, 3L, 1, 1, 1);
        Map<String, String> info = Map.of("root", "INFO");
        List<ConnectorPlugin> plugins = api.observe(R, baseUrl, rolledOut, info).plugins().orElseThrow();
        assertEquals(List.of("org.apache.kafka.connect.file.FileStreamSourceConnector"),
                plugins.stream().map(ConnectorPlugin::getClassName).toList());
        assertEquals(List.of("GET /admin/loggers", "GET /connector-plugins?connectorsOnly=false"), requests);
        assertFalse(api.due(R, rolledOut, info), "answered for this generation and these levels");

        Map<String, String> debug = Map.of("root", "DEBUG");
        assertTrue(api.due(R, rolledOut, debug), "the levels changed");
        requests.clear();
        api.observe(R, baseUrl, rolledOut, debug);
        assertEquals(List.of("GET /admin/loggers", "PUT /admin/loggers/root?scope=cluster",
                "GET /connector-plugins?connectorsOnly=false"), requests);
        assertFalse(api.due(R, rolledOut, debug));

        assertTrue(api.due(R, deployment(4, 4L, 1, 1, 1), debug), "new pods (another image or plugin volumes)");
        api.forget(R);
        assertTrue(api.due(R, rolledOut, debug), "forgotten with the KafkaConnect");
    }

    @Test
    void aClusterThatDoesNotAnswerIsAskedAgain() {
        Deployment rolledOut = deployment(1, 1L, 1, 1, 1);
        server.stop(0);
        assertTrue(api.observe(R, baseUrl, rolledOut, Map.of()).plugins().isEmpty());
        assertTrue(api.due(R, rolledOut, Map.of()), "no answer yet: asked again at the next reconciliation");
    }
}
