package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failing API server, through {@link FaultProxy} between the operator and the mock server: errors (500, 429 with
 * Retry-After, 409), 5 s of latency and watches closed by the server. The operator retries with a back-off, says in the
 * status what failed, keeps the running Connect cluster as it is, sends a bounded number of requests, and ends where it
 * would have without the faults once they stop. The test's own requests go to the mock server directly.
 */
class ApiFaultsTest extends ConnectBuildTestBase {
    /** The operator's client retries a request twice (fabric8's default is 10, up to ~100 s for one request). */
    private static final int CLIENT_ATTEMPTS = 3;
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/" + NS + "/deployments";

    private FaultProxy proxy;
    private KubernetesClient proxied;

    @BeforeEach
    void startProxy() {
        proxy = new FaultProxy(server.url("/"));
        proxied = new KubernetesClientBuilder().withConfig(new ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl(proxy.url()).withNamespace(NS).withRequestRetryBackoffLimit(CLIENT_ATTEMPTS - 1)
                .withRequestRetryBackoffInterval(100).build()).build();
    }

    @AfterEach
    void stopProxy() {
        operators.forEach(KafkaConnectAssemblyOperator::stop);
        proxied.close();
        proxy.close();
    }

    private KafkaConnectAssemblyOperator builtThroughTheProxy(String name) {
        KafkaConnectAssemblyOperator op = operator(proxied, config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES,
                new BuildRetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30)), new OperatorMetrics(), Clock.systemUTC());
        apply(connectYaml(name, "https://example.com/echo-1.jar", ""));
        awaitBuildPod(name);
        finishBuild(name, 0, OUTPUT + "@" + DIGEST);
        assertEquals("True", awaitBuildDone(name).getStatus());
        return op;
    }

    private void scale(String name, int replicas) {
        client.resources(KafkaConnect.class).inNamespace(NS).withName(name).edit(kc -> {
            kc.getSpec().setReplicas(replicas);
            return kc;
        });
    }

    private long deploymentWrites() {
        return proxy.requests().stream().filter(r -> !"GET".equals(r.method()) && r.path().startsWith(DEPLOYMENTS)).count();
    }

    private Condition awaitFailure(String name, String expected) {
        await().atMost(60, TimeUnit.SECONDS).until(() -> {
            Condition ready = condition(name, "Ready");
            return ready != null && ConditionReasons.RECONCILIATION_FAILED.equals(ready.getReason()) && ready.getMessage().contains(expected);
        });
        return condition(name, "Ready");
    }

    /**
     * The operator's attempts while the fault lasted were spaced by its back-off (1 s, 2 s, 4 s, ...): within t seconds
     * of the first there can be at most log2(t + 1) + 1 of them, each of {@link #CLIENT_ATTEMPTS} requests. Change
     * events other than a new generation (the echo of the failure's status write) wait for the back-off too. A loop
     * without back-off would send hundreds.
     */
    private void assertBackedOff(long writes, long sinceNanos) {
        double seconds = (System.nanoTime() - sinceNanos) / 1e9;
        double maxAttempts = Math.floor(Math.log(seconds + 1) / Math.log(2)) + 2;
        assertTrue(writes <= maxAttempts * CLIENT_ATTEMPTS, writes + " Deployment writes in " + seconds + " s");
    }

    private void recovers(String name, int replicas) {
        proxy.heal();
        await().atMost(60, TimeUnit.SECONDS).until(() -> deployment(name).getSpec().getReplicas() == replicas
                && "True".equals(condition(name, "Ready").getStatus()));
        assertEquals(OUTPUT + "@" + DIGEST, deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    private void expectedErrors(String part) {
        List<String> errors = errorLogs.take();
        assertTrue(!errors.isEmpty() && errors.stream().allMatch(e -> e.contains("reconciliation failed") && e.contains(part)), errors.toString());
    }

    @Test
    void serverErrorsAreRetriedWithABackOffAndTheStatusSaysWhatFailed() {
        builtThroughTheProxy("errors");
        proxy.inject(FaultProxy.Fault.status(FaultProxy.writesTo("deployments"), 500));
        proxy.clearRequests();
        long start = System.nanoTime();
        scale("errors", 3);

        Condition failed = awaitFailure("errors", "updating Deployment " + NS + "/errors-connect failed: HTTP 500");
        assertTrue(failed.getMessage().contains("next attempt at "), failed.getMessage());
        // Three attempts of the operator, each retried by the client.
        await().atMost(60, TimeUnit.SECONDS).until(() -> deploymentWrites() >= 3L * CLIENT_ATTEMPTS);
        assertBackedOff(deploymentWrites(), start);
        assertEquals(2, deployment("errors").getSpec().getReplicas(), "the running Connect cluster is as it was");

        recovers("errors", 3);
        expectedErrors("HTTP 500");
    }

    @Test
    void tooManyRequestsAreRetriedNoSoonerThanTheirRetryAfter() {
        builtThroughTheProxy("throttled");
        // Longer than the operator's first back-offs (1 s, 2 s): the wait between its attempts is the API server's.
        int retryAfterSeconds = 3;
        proxy.inject(FaultProxy.Fault.tooManyRequests(FaultProxy.writesTo("deployments"), retryAfterSeconds));
        proxy.clearRequests();
        long start = System.nanoTime();
        scale("throttled", 3);

        awaitFailure("throttled", "HTTP 429");
        await().atMost(60, TimeUnit.SECONDS).until(() -> deploymentWrites() >= 3L * CLIENT_ATTEMPTS);
        // Requests of one attempt come close together (the client's retries); the next attempt only after Retry-After.
        List<Long> times = proxy.requests().stream().filter(r -> !"GET".equals(r.method()) && r.path().startsWith(DEPLOYMENTS))
                .map(FaultProxy.Request::atNanos).toList();
        for (int attempt = 1; attempt < 3; attempt++) {
            long gap = times.get(attempt * CLIENT_ATTEMPTS) - times.get(attempt * CLIENT_ATTEMPTS - 1);
            assertTrue(gap >= TimeUnit.SECONDS.toNanos(retryAfterSeconds) - TimeUnit.MILLISECONDS.toNanos(100),
                    "attempt " + (attempt + 1) + " came " + gap / 1_000_000 + " ms after the last 429: " + proxy.requests());
        }
        assertTrue(deploymentWrites() <= CLIENT_ATTEMPTS * ((System.nanoTime() - start) / TimeUnit.SECONDS.toNanos(retryAfterSeconds) + 1),
                deploymentWrites() + " writes");

        recovers("throttled", 3);
        expectedErrors("HTTP 429");
    }

    @Test
    void duringTheBackOffThePeriodicPassWaitsAndOnlyANewGenerationReconcilesAtOnce() throws Exception {
        KafkaConnectAssemblyOperator op = builtThroughTheProxy("waiting");
        // Far longer than the test: any attempt the operator makes in it is early, unless a new generation asked for it.
        proxy.inject(FaultProxy.Fault.tooManyRequests(FaultProxy.writesTo("deployments"), 600));
        proxy.clearRequests();
        scale("waiting", 3);
        awaitFailure("waiting", "HTTP 429");
        assertEquals(CLIENT_ATTEMPTS, deploymentWrites());

        // The periodic full reconciliation leaves it to its back-off timer (it would have written the Deployment again).
        op.reconcileAll().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(CLIENT_ATTEMPTS, deploymentWrites(), proxy.requests().toString());

        // A change of the spec is the user's: it is reconciled at once, and after the fault ends it succeeds.
        proxy.heal();
        scale("waiting", 4);
        await().atMost(60, TimeUnit.SECONDS).until(() -> deployment("waiting").getSpec().getReplicas() == 4
                && "True".equals(condition("waiting", "Ready").getStatus()));
        expectedErrors("HTTP 429");
    }

    @Test
    void conflictsOnEveryWriteAreReadAgainThenRetriedWithABackOff() {
        builtThroughTheProxy("conflicts");
        proxy.inject(FaultProxy.Fault.status(FaultProxy.writesTo("deployments"), 409));
        proxy.clearRequests();
        long start = System.nanoTime();
        scale("conflicts", 3);

        awaitFailure("conflicts", "updating Deployment " + NS + "/conflicts-connect failed: HTTP 409");
        // After each conflict the Deployment is read again (a GET) and the write tried again, three times an attempt.
        List<FaultProxy.Request> first = proxy.requests().stream().filter(r -> r.path().startsWith(DEPLOYMENTS + "/conflicts-connect")).toList();
        assertEquals(List.of("PUT", "GET", "PUT", "GET", "PUT"), first.subList(0, 5).stream().map(FaultProxy.Request::method).toList(),
                first.toString());
        await().atMost(60, TimeUnit.SECONDS).until(() -> deploymentWrites() >= 9);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(deploymentWrites() <= 3 * (Math.floor(Math.log(seconds + 1) / Math.log(2)) + 2),
                deploymentWrites() + " writes in " + seconds + " s");

        recovers("conflicts", 3);
        expectedErrors("HTTP 409");
    }

    @Test
    void fiveSecondsOfLatencyOnEveryRequestSlowTheOperatorDownButNothingRunsTwice() {
        KafkaConnectAssemblyOperator op = operator(proxied, config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES,
                BuildRetryPolicy.DEFAULT, new OperatorMetrics(), Clock.systemUTC());
        proxy.inject(FaultProxy.Fault.latency(FaultProxy.anyRequest(), 5_000));
        proxy.clearRequests();
        apply("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: slow
                  namespace: kafka
                spec:
                  version: 4.0.0
                  replicas: 1
                  bootstrapServers: my-cluster-kafka-bootstrap:9092
                """);
        await().atMost(120, TimeUnit.SECONDS).until(() -> condition("slow", "Ready") != null && "True".equals(condition("slow", "Ready").getStatus()));
        // Each object created once, the status written once: slow requests are not sent again.
        List<String> writes = proxy.requests().stream().filter(r -> !"GET".equals(r.method())).map(FaultProxy.Request::toString).toList();
        assertEquals(List.of("POST /api/v1/namespaces/kafka/serviceaccounts", "POST /api/v1/namespaces/kafka/configmaps",
                "POST /api/v1/namespaces/kafka/services", "POST /apis/policy/v1/namespaces/kafka/poddisruptionbudgets",
                "POST " + DEPLOYMENTS, "PUT /apis/kafka.strimzi.io/v1beta2/namespaces/kafka/kafkaconnects/slow/status"), writes);

        // Drift is still repaired, as slowly as the API server answers.
        client.apps().deployments().inNamespace(NS).withName("slow-connect").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        await().atMost(60, TimeUnit.SECONDS).until(() -> deployment("slow").getSpec().getReplicas() == 1);
        assertEquals(List.of(), errorLogs.take());
        assertTrue(op.isRunning());
    }

    @Test
    void anOperatorStoppedWhileItsCachesFillEndsItsStartAsStoppedNotAsAnError() throws Exception {
        // Every list takes 5 s: the stop (a lost Lease, a shutdown) comes while the caches are filling.
        proxy.inject(FaultProxy.Fault.latency(FaultProxy.anyRequest(), 5_000));
        KafkaConnectAssemblyOperator op = new KafkaConnectAssemblyOperator(vertx, proxied, config("+UseConnectBuildWithBuildah", 60_000),
                Platform.KUBERNETES, new OperatorMetrics(), BuildRetryPolicy.DEFAULT, Clock.systemUTC());
        operators.add(op);
        io.vertx.core.Future<Void> start = op.start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> !proxy.requests().isEmpty());
        op.stop();

        Throwable failure = start.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(30, TimeUnit.SECONDS);
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        // Not the informers' "manually stopped before starting", which the controller would log as an error.
        assertTrue(cause instanceof StopSignal.OperatorStoppedException, String.valueOf(failure));
        assertTrue(!op.isRunning());
    }

    @Test
    void watchesClosedByTheServerAreOpenedAgainOnceAndChangesStillArrive() {
        builtThroughTheProxy("rewatch");
        int watches = proxy.openWatches();
        assertTrue(watches >= OwnedKinds.on(Platform.KUBERNETES).size() + 1, "an informer per kind: " + watches);
        proxy.clearRequests();

        assertEquals(watches, proxy.closeWatches());
        await().atMost(30, TimeUnit.SECONDS).until(() -> proxy.openWatches() == watches);
        client.apps().deployments().inNamespace(NS).withName("rewatch-connect").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        await().atMost(30, TimeUnit.SECONDS).until(() -> deployment("rewatch").getSpec().getReplicas() == 2);

        // Each informer watched again (or listed and watched) once; none in a loop.
        long watchRequests = proxy.requests().stream().filter(FaultProxy.Request::watch).count();
        assertTrue(watchRequests <= 2L * watches, watchRequests + " watch requests after closing " + watches + ": " + proxy.requests());
        assertEquals(List.of(), errorLogs.take());
    }
}
