package io.strimzi.operator.cluster.operator;

import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaderElectionAndHealthTest extends ConnectBuildTestBase {

    private KafkaConnectController controller(String identity, OperatorMetrics metrics) {
        ClusterOperatorConfig config = ClusterOperatorConfig.builder(OPERATOR_VERSION)
                .namespaces(Set.of(NS)).leaseNamespace(NS).leaderIdentity(identity).build();
        KafkaConnectAssemblyOperator op = new KafkaConnectAssemblyOperator(vertx, client, config,
                Platform.KUBERNETES, metrics, BuildRetryPolicy.DEFAULT, Clock.systemUTC());
        operators.add(op);
        return new KafkaConnectController(vertx, client, config, op, Duration.ofSeconds(2));
    }

    @Test
    void onlyTheLeaderReconcilesAndAnotherReplicaTakesOver() {
        KafkaConnectController first = controller("replica-a", new OperatorMetrics());
        KafkaConnectController second = controller("replica-b", new OperatorMetrics());
        first.start();
        await().atMost(20, TimeUnit.SECONDS).until(first::isLeading);
        second.start();
        assertFalse(second.isLeading());

        first.stop();
        await().atMost(30, TimeUnit.SECONDS).until(second::isLeading);
        assertFalse(first.isLeading());

        // The new leader's informer picks up a new resource and reconciles it.
        apply("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: led
                  namespace: kafka
                spec:
                  replicas: 1
                """);
        await().atMost(20, TimeUnit.SECONDS).until(() -> condition("led", "Ready") != null);
        assertEquals("InvalidResource", condition("led", "Ready").getReason());
        second.stop();
    }

    @Test
    void servesHealthReadinessAndMetrics() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics();
        operator(config("", 60_000), Platform.KUBERNETES, BuildRetryPolicy.DEFAULT, metrics);
        apply("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: metered
                  namespace: kafka
                spec:
                  replicas: 1
                """);
        // Its add event reconciles it.
        await().atMost(20, TimeUnit.SECONDS).until(() -> condition("metered", "Ready") != null);
        HealthServer health = new HealthServer(vertx, metrics, () -> true);
        int port = join(health.start(0));
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthy")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().matches("(?s).*strimzi_reconciliations_total\\{kind=\"KafkaConnect\"} [1-9][0-9]*\\.0\n.*"), scrape.body());
        assertTrue(scrape.body().contains("strimzi_connect_builds_in_progress"), scrape.body());
        join(health.stop());
    }
}
