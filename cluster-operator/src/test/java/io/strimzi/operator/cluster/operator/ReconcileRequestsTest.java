package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API requests a reconciliation costs, counted at the mock API server, and how its reads stay correct. */
class ReconcileRequestsTest extends ConnectBuildTestBase {
    private static final String KAFKA_CONNECTS = "/apis/kafka.strimzi.io/v1beta2/namespaces/" + NS + "/kafkaconnects/";

    private KafkaConnectController controller;

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
        controller = new KafkaConnectController(vertx, client, config, op, Duration.ofSeconds(30));
        controller.start();
        await().atMost(20, TimeUnit.SECONDS).until(controller::isLeading);
        return controller;
    }

    /** The requests recorded until none but the leader Lease's came for a second (the operator has settled). */
    private List<String> requestsUntilQuiet() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(1)) {
            RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS);
            if (request != null && !request.getPath().startsWith("/apis/coordination.k8s.io/")) {
                requests.add(request.getMethod() + " " + request.getPath());
                quietSince = System.nanoTime();
            }
        }
        return requests;
    }

    @Test
    void aFullReconciliationOfAnUnchangedBuiltResourceReadsEachOwnedObjectOnceAndWritesNothing() throws InterruptedException {
        KafkaConnectController c = startController();
        try {
            apply(connectYaml("steady", "https://example.com/echo-1.jar", ""));
            awaitBuildPod("steady");
            finishBuild("steady", 0, OUTPUT + "@" + DIGEST);
            await().atMost(20, TimeUnit.SECONDS).until(() -> {
                Condition ready = condition("steady", "Ready");
                return ready != null && "True".equals(ready.getStatus());
            });
            String transition = condition("steady", "Ready").getLastTransitionTime();
            String version = get("steady").getMetadata().getResourceVersion();
            requestsUntilQuiet();

            join(c.fullReconciliation());
            List<String> requests = requestsUntilQuiet();

            List<String> writes = requests.stream().filter(request -> !request.startsWith("GET ")).toList();
            List<String> reads = requests.stream().filter(request -> request.startsWith("GET ")).toList();
            assertEquals(List.of(), writes);
            // One GET each for the Deployment, ServiceAccount, ConfigMap, Service and PodDisruptionBudget.
            assertTrue(reads.size() <= 5, "at most 5 reads, got " + reads);
            assertTrue(reads.stream().noneMatch(read -> read.contains("/kafkaconnects")),
                    "the KafkaConnect comes from the informer: " + reads);
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
            apply(connectYaml("changing", "https://example.com/echo-1.jar", ""));
            awaitBuildPod("changing");
            finishBuild("changing", 0, OUTPUT + "@" + DIGEST);
            await().atMost(20, TimeUnit.SECONDS).until(() -> deployment("changing") != null
                    && condition("changing", "Ready") != null && "True".equals(condition("changing", "Ready").getStatus()));
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
        // A change of the Deployment's status changes what the status reports; the first status write meets a conflict.
        client.apps().deployments().inNamespace(NS).withName("conflict-connect").editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(2).build());
            return d;
        });
        api.refuseOnce("PUT", KAFKA_CONNECTS + "conflict/status", 409, "Conflict",
                "the object has been modified; please apply your changes to the latest version and try again");
        drainRequests();

        join(op.reconcile(NS, "conflict"));

        List<String> writes = writeRequests();
        assertEquals(List.of("PUT " + KAFKA_CONNECTS + "conflict/status", "PUT " + KAFKA_CONNECTS + "conflict/status"), writes);
        assertEquals(2, get("conflict").getStatus().getReplicas());
        assertEquals(transition, condition("conflict", "Ready").getLastTransitionTime());
        assertNotEquals(null, get("conflict").getStatus().getBuild());
    }

    /**
     * A reconciliation working from a cached copy taken while the build ran (before its Succeeded status was stored)
     * must not rewrite the stored build details: it writes nothing.
     */
    @Test
    void aCachedCopyFromBeforeTheBuildFinishedCausesNoSecondStatusWrite() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("lagging", "https://example.com/echo-1.jar", ""));
        var reconcile = op.reconcile(NS, "lagging");
        awaitBuildPod("lagging");
        await().atMost(20, TimeUnit.SECONDS).until(() -> get("lagging").getStatus() != null
                && get("lagging").getStatus().getBuild() != null && "Running".equals(get("lagging").getStatus().getBuild().getPhase()));
        KafkaConnect whileRunning = get("lagging");
        finishBuild("lagging", 0, OUTPUT + "@" + DIGEST);
        join(reconcile);
        assertEquals("Succeeded", get("lagging").getStatus().getBuild().getPhase());
        assertTrue(get("lagging").getStatus().getBuild().getFinishTime() != null);
        String version = get("lagging").getMetadata().getResourceVersion();
        drainRequests();

        // The cache still holds the copy from while the build ran.
        LaggingStore lagging = new LaggingStore(client.getKubernetesSerialization().convertValue(whileRunning,
                GenericKubernetesResource.class));
        op.readConnectsFrom(namespace -> lagging);
        join(op.reconcile(NS, "lagging"));

        assertEquals(List.of(), writeRequests());
        assertEquals(version, get("lagging").getMetadata().getResourceVersion());
    }
}
