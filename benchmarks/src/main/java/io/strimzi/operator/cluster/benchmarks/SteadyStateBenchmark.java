package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Steady state: N KafkaConnects whose builds are done. Set-up either lets the operator build each once (the instant
 * build completer finishes the build Pods), or seeds the Deployment a finished build leaves behind and lets the operator's first
 * pass find the build done and write the rest (no build Pod may appear). Then the benchmark checks that every resource is in the operator's done state and that the operator has gone
 * quiet, then times full reconciliation passes and counts the operator's API requests in each.
 */
final class SteadyStateBenchmark {
    private static final String LEASES = "leases";
    private static final int SETUP_BATCH = 25;
    private static final long SETUP_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(5);
    /** No periodic pass or informer resync while measuring: the benchmark runs the passes itself. */
    private static final long NO_PERIODIC_PASS_MS = TimeUnit.HOURS.toMillis(1);

    private SteadyStateBenchmark() {
    }

    static List<String> run(int n, int passes, boolean buildOnce, Path workDir) throws Exception {
        List<String> report = new ArrayList<>();
        ClusterOperatorConfig config = Connects.config(NO_PERIODIC_PASS_MS);
        try (MockApiServerProcess server = MockApiServerProcess.start(workDir.resolve("mock-api-server-steady-" + n + ".log"))) {
            KubernetesClient harness = server.client();
            List<String> names = new ArrayList<>();
            long heapBaseline = Jvm.heapUsedAfterGc();
            InstantBuildCompleter buildCompleter = new InstantBuildCompleter(harness, Connects.NAMESPACE);
            try (OperatorUnderTest operator = new OperatorUnderTest(server, config)) {
                long setupStart = System.nanoTime();
                operator.startAndLead();
                for (int i = 0; i < n; i++) {
                    names.add(Connects.name(i));
                }
                if (buildOnce) {
                    // In batches: hundreds of build watches opened and closed at once stall the mock server's event
                    // loop (see the shared notes) until the leader Lease expires. A real API server has no such limit.
                    for (int i = 0; i < n; i++) {
                        create(harness, names.get(i), config, false);
                        if ((i + 1) % SETUP_BATCH == 0 || i == n - 1) {
                            awaitAllDone(harness, i + 1, setupStart);
                        }
                    }
                } else {
                    names.forEach(name -> create(harness, name, config, true));
                    awaitAllDone(harness, n, setupStart);
                }
                if (!operator.controller.isLeading()) {
                    throw new IllegalStateException("the operator lost the leader Lease during the set-up");
                }
                double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
                awaitQuiet(operator.requests);
                List<String> notDone = Connects.notDone(harness, config);
                if (!notDone.isEmpty() || buildCompleter.completed() != (buildOnce ? n : 0)) {
                    throw new IllegalStateException("not in the done state before measuring (" + buildCompleter.completed()
                            + " builds completed): " + notDone.subList(0, Math.min(5, notDone.size())));
                }
                buildCompleter.close();

                List<Double> passMs = new ArrayList<>();
                List<Double> readsPerResource = new ArrayList<>();
                List<Double> writesPerResource = new ArrayList<>();
                Map<String, RequestCounter.Count> lastPass = null;
                long leaseRequests = 0;
                for (int p = 0; p < passes; p++) {
                    operator.requests.reset();
                    long start = System.nanoTime();
                    int failed = operator.reconcileAll(names, Connects.NAMESPACE);
                    passMs.add((System.nanoTime() - start) / 1e6);
                    if (failed > 0) {
                        throw new IllegalStateException(failed + " reconciliations failed in pass " + p);
                    }
                    lastPass = operator.requests.snapshot();
                    long reads = 0;
                    long writes = 0;
                    for (var e : lastPass.entrySet()) {
                        if (e.getKey().equals(LEASES)) {
                            leaseRequests += e.getValue().total();
                        } else {
                            reads += e.getValue().reads();
                            writes += e.getValue().writes();
                        }
                    }
                    readsPerResource.add((double) reads / n);
                    writesPerResource.add((double) writes / n);
                }
                List<String> after = Connects.notDone(harness, config);
                if (!after.isEmpty()) {
                    throw new IllegalStateException("the passes left resources out of the done state: " + after);
                }
                harness.close();
                long heap = Jvm.heapUsedAfterGc();

                report.add(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %.1f | %.1f | %.1f |", n,
                        buildOnce ? "built once" : "seeded", Stats.of(passMs).describe(1), Stats.of(readsPerResource).describe(2),
                        Stats.of(writesPerResource).describe(2), Jvm.mib(heap), Jvm.mib(heapBaseline), setupSeconds));
                StringBuilder breakdown = new StringBuilder("N=" + n + ", last pass, requests by resource (reads/writes): ");
                lastPass.forEach((k, v) -> breakdown.append(k).append(' ').append(v.reads()).append('/').append(v.writes()).append("; "));
                breakdown.append("lease requests during all ").append(passes).append(" passes: ").append(leaseRequests);
                report.add(breakdown.toString());
            }
        }
        return report;
    }

    static String header() {
        return "| N | set-up | pass wall time ms: median (min–max, n) | reads per resource per pass | writes per resource per pass "
                + "| heap after pass, after GC (MiB) | heap before the operator started (MiB) | set-up until done (s) |\n"
                + "|---|---|---|---|---|---|---|---|";
    }

    /**
     * Creates a KafkaConnect; when seeding, also the Connect Deployment as a finished build leaves it (the operator's
     * labels, revision and image annotations), so the operator's first pass finds the build done and writes the rest itself.
     */
    private static void create(KubernetesClient harness, String name, ClusterOperatorConfig config, boolean seed) {
        KafkaConnect kc = Connects.connect(name, 0);
        if (seed) {
            String revision = KafkaConnectBuild.fromCrd(kc, config, Platform.KUBERNETES).revision();
            String image = Connects.imageReference(name, 0);
            harness.apps().deployments().inNamespace(Connects.NAMESPACE).resource(new DeploymentBuilder()
                    .withNewMetadata().withName(KafkaConnectCluster.deploymentName(name)).withNamespace(Connects.NAMESPACE)
                        // The operator's labels: its caches only hold the objects they select.
                        .addToLabels(KafkaConnectCluster.selectorLabels(name))
                        .addToLabels("app.kubernetes.io/managed-by", "strimzi-cluster-operator")
                        .addToAnnotations(BuildNames.REVISION_ANNOTATION, revision)
                        .addToAnnotations(BuildNames.IMAGE_ANNOTATION, image)
                    .endMetadata()
                    .withNewSpec().withReplicas(1)
                        .withNewSelector().addToMatchLabels("app", name).endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                            .withNewSpec().addNewContainer().withName("connect").withImage(image).endContainer().endSpec()
                        .endTemplate()
                    .endSpec().build()).create();
        }
        // After the Deployment: the running operator reconciles a new KafkaConnect at once.
        harness.resources(KafkaConnect.class).inNamespace(Connects.NAMESPACE).resource(kc).create();
    }

    /** Waits until every KafkaConnect reports a finished build for its current generation. */
    private static void awaitAllDone(KubernetesClient harness, int n, long start)
            throws InterruptedException {
        while (true) {
            List<KafkaConnect> all = harness.resources(KafkaConnect.class).inNamespace(Connects.NAMESPACE).list().getItems();
            long ready = all.stream().filter(Connects::isReadyAndBuilt)
                    .count();
            if (ready == n) {
                return;
            }
            if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(SETUP_TIMEOUT_MS)) {
                throw new IllegalStateException("only " + ready + " of " + n + " KafkaConnects were done after the set-up time-out");
            }
            Thread.sleep(500);
        }
    }

    /** Waits until the operator has sent no request (leases aside) for two seconds. */
    private static void awaitQuiet(RequestCounter requests) throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(2)) {
            long now = requests.snapshot().entrySet().stream().filter(e -> !e.getKey().equals(LEASES))
                    .mapToLong(e -> e.getValue().total()).sum();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }
}
