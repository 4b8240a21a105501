package io.strimzi.operator.cluster.operator;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The API requests a reconciliation costs, counted at the mock API server, and how its reads stay correct. */
class ReconcileRequestsTest extends ConnectBuildTestBase {
    private static final String KAFKA_CONNECTS = "/apis/kafka.strimzi.io/v1beta2/namespaces/" + NS + "/kafkaconnects/";

    private KafkaConnectController startController() {
        ClusterOperatorConfig config = ClusterOperatorConfig.builder(OPERATOR_VERSION)
                .featureGates(FeatureGates.parse("+UseConnectBuildWithBuildah", OPERATOR_VERSION))
                .namespaces(Set.of(NS)).leaseNamespace(NS).leaderIdentity("counted")
                // The test runs the full reconciliation itself.
                .fullReconciliationIntervalMs(TimeUnit.HOURS.toMillis(1))
                .build();
        KafkaConnectAssemblyOperator op = new KafkaConnectAssemblyOperator(vertx, client, config,
                Platform.KUBERNETES, new OperatorMetrics(), BuildRetryPolicy.DEFAULT, Clock.systemUTC());
        operators.add(op);
        KafkaConnectController controller = new KafkaConnectController(vertx, client, config, op, Duration.ofSeconds(30));
        controller.start();
        await().atMost(20, TimeUnit.SECONDS).until(() -> controller.isLeading() && controller.isReady());
        return controller;
    }

    /**
     * The requests recorded until none came for a second (the operator has settled), without the leader Lease's and the
     * informers' watches (which only stay open).
     */
    private List<String> requestsUntilQuiet() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(1)) {
            RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS);
            if (request != null && !request.getPath().startsWith("/apis/coordination.k8s.io/") && !request.getPath().contains("watch=true")) {
                requests.add(request.getMethod() + " " + request.getPath());
                quietSince = System.nanoTime();
            }
        }
        return requests;
    }

    private void buildThroughTheController(String name) {
        apply(connectYaml(name, "https://example.com/echo-1.jar", ""));
        awaitBuildPod(name);
        finishBuild(name, 0, OUTPUT + "@" + DIGEST);
        assertEquals("True", awaitBuildDone(name).getStatus());
        await().atMost(20, TimeUnit.SECONDS).until(() -> buildPod(name) == null);
    }

    @Test
    void aFullReconciliationOfAnUnchangedBuiltResourceSendsNoRequest() throws InterruptedException {
        KafkaConnectController c = startController();
        try {
            buildThroughTheController("steady");
            String transition = condition("steady", "Ready").getLastTransitionTime();
            String version = get("steady").getMetadata().getResourceVersion();
            requestsUntilQuiet();

            join(c.fullReconciliation());
            join(c.fullReconciliation());

            // Everything it reads comes from its informers; nothing differs, so nothing is written.
            assertEquals(List.of(), requestsUntilQuiet());
            assertEquals(version, get("steady").getMetadata().getResourceVersion());
            assertEquals(transition, condition("steady", "Ready").getLastTransitionTime());
        } finally {
            c.stop();
        }
    }

    @Test
    void aSpecChangeSeenThroughTheInformerIsReconciledAndItsStatusWriteCausesNoLoop() throws InterruptedException {
        KafkaConnectController c = startController();
        try {
            buildThroughTheController("changing");
            String firstTransition = condition("changing", "Ready").getLastTransitionTime();
            requestsUntilQuiet();

            // A changed option: no rebuild, the Deployment and the status's observedGeneration follow.
            client.resources(KafkaConnect.class).inNamespace(NS).withName("changing").edit(kc -> {
                kc.getSpec().setReplicas(3);
                return kc;
            });
            await().atMost(20, TimeUnit.SECONDS).until(() -> deployment("changing").getSpec().getReplicas() == 3
                    && get("changing").getStatus().getObservedGeneration() == 2L);
            List<String> writes = requestsUntilQuiet().stream().filter(request -> !request.startsWith("GET ")).toList();

            // One edit by the test, one Deployment update, one status write; nothing written twice.
            assertEquals(1, writes.stream().filter(w -> w.contains("/deployments/")).count(), writes.toString());
            assertEquals(1, writes.stream().filter(w -> w.endsWith("/changing/status")).count(), writes.toString());
            assertEquals(3, writes.size(), writes.toString());
            assertEquals(firstTransition, condition("changing", "Ready").getLastTransitionTime(),
                    "Ready stayed True: no transition");
        } finally {
            c.stop();
        }
    }

    @Test
    void aConflictingStatusWriteIsComparedAgainWithAFreshReadAndWritten() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("conflict", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "conflict", DIGEST);
        String transition = condition("conflict", "Ready").getLastTransitionTime();
        api.refuseOnce("PUT", KAFKA_CONNECTS + "conflict/status", 409, "Conflict",
                "the object has been modified; please apply your changes to the latest version and try again");
        drainRequests();

        // A change of the Deployment's status changes what the status reports: its event reconciles the KafkaConnect, and
        // the first status write meets a conflict.
        client.apps().deployments().inNamespace(NS).withName("conflict-connect").editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(2).build());
            return d;
        });
        await().atMost(20, TimeUnit.SECONDS).until(() -> get("conflict").getStatus().getReplicas() == 2);

        List<String> writes = writeRequests().stream().filter(w -> w.contains("/kafkaconnects/")).toList();
        assertEquals(List.of("PUT " + KAFKA_CONNECTS + "conflict/status", "PUT " + KAFKA_CONNECTS + "conflict/status"), writes);
        assertEquals(transition, condition("conflict", "Ready").getLastTransitionTime());
        assertNotEquals(null, get("conflict").getStatus().getBuild());
    }

    /** The operator's own write is what its next reconciliation compares with, so its echo writes nothing. */
    @Test
    void theEchoOfTheOperatorsOwnWritesCausesNoSecondWrite() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("echo", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "echo", DIGEST);
        assertEquals("Succeeded", get("echo").getStatus().getBuild().getPhase());
        String version = get("echo").getMetadata().getResourceVersion();
        drainRequests();

        reconcile(op, "echo");
        reconcile(op, "echo");

        assertEquals(List.of(), writeRequests());
        assertEquals(version, get("echo").getMetadata().getResourceVersion());
        Condition ready = condition("echo", "Ready");
        assertEquals("True", ready.getStatus());
    }
}
