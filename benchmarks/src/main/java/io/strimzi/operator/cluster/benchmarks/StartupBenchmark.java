package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.localcluster.Commands;
import io.strimzi.localcluster.LocalRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: `java -jar cluster-operator.jar` (the real entry point, no JVM options) against a fresh mock API server
 * that holds one KafkaConnect with a build, until that KafkaConnect is Ready for its generation with the built image
 * (the first reconciliation finished; the instant build completer marks the build Pod finished at once). Resident memory is read from
 * /proc/PID/status at that moment.
 */
final class StartupBenchmark {
    private static final String NAME = "first";
    private static final long TIMEOUT_MS = 60_000;

    private StartupBenchmark() {
    }

    static List<String> run(Path jar, int runs, Path out) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist; build it first (make build)");
        }
        List<Double> seconds = new ArrayList<>();
        List<Double> rssMiB = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            try (MockApiServerProcess server = MockApiServerProcess.start(out.resolve("mock-api-server-startup.log"))) {
                KubernetesClient harness = server.client();
                harness.resources(KafkaConnect.class).inNamespace(Connects.NAMESPACE).resource(Connects.connect(NAME, 0)).create();
                InstantBuildCompleter buildCompleter = new InstantBuildCompleter(harness, Connects.NAMESPACE);
                Path home = Files.createTempDirectory("startup-home");
                ProcessBuilder builder = new ProcessBuilder(Jvm.java(), "-jar", jar.toString());
                builder.environment().clear();
                builder.environment().put("PATH", System.getenv("PATH"));
                builder.environment().put("HOME", home.toString());
                builder.environment().put("KUBERNETES_MASTER", server.url());
                builder.environment().put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
                builder.environment().put("STRIMZI_NAMESPACE", Connects.NAMESPACE);
                builder.environment().put("STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE", Connects.NAMESPACE);
                builder.environment().put("STRIMZI_FEATURE_GATES", "+UseConnectBuildWithBuildah");
                builder.environment().put("STRIMZI_HEALTH_PORT", Integer.toString(LocalRegistry.freePort()));
                // The operator's own configuration, to know the revision it will build.
                Map<String, String> operatorEnv = new HashMap<>(builder.environment());
                ClusterOperatorConfig config = ClusterOperatorConfig.fromMap(operatorEnv, OperatorVersion.current());
                builder.redirectErrorStream(true).redirectOutput(out.resolve("startup-operator-" + r + ".log").toFile());
                long start = System.nanoTime();
                Process operator = builder.start();
                try {
                    while (true) {
                        KafkaConnect kc = harness.resources(KafkaConnect.class).inNamespace(Connects.NAMESPACE).withName(NAME).get();
                        if (Connects.notDoneReason(harness, kc, config) == null) {
                            break;
                        }
                        if (!operator.isAlive() || System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS)) {
                            throw new IllegalStateException("the operator did not finish its first reconciliation: "
                                    + Connects.notDoneReason(harness, kc, config) + "; see " + out.resolve("startup-operator-" + r + ".log"));
                        }
                        Thread.sleep(10);
                    }
                    seconds.add((System.nanoTime() - start) / 1e9);
                    rssMiB.add(Jvm.mib(Jvm.residentBytes(operator.pid())));
                } finally {
                    operator.destroy();
                    if (!operator.waitFor(30, TimeUnit.SECONDS)) {
                        operator.destroyForcibly();
                    }
                    buildCompleter.close();
                    harness.close();
                    Commands.deleteRecursively(home);
                }
            }
        }
        return List.of(String.format(Locale.ROOT, "| %s | %s |", Stats.of(seconds).describe(2), Stats.of(rssMiB).describe(0)));
    }

    static String header() {
        return "| process start → first reconcile finished, s: median (min–max, n) | VmRSS then, MiB |\n|---|---|";
    }
}
