package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Burst: N KafkaConnects with builds created at once (16 harness threads) on a running operator; the instant build
 * completer finishes every build Pod as soon as it appears. Measures the time until all are Ready on the digest built
 * for their revision, and the operator's peak and final heap, threads, connections to the API server and watches.
 * Then it waits 10 s and counts the operator's requests in them: with every resource done there should be none.
 */
final class BurstBenchmark {
    private static final long TIMEOUT_MS = TimeUnit.MINUTES.toMillis(10);
    private static final long NO_PERIODIC_PASS_MS = TimeUnit.HOURS.toMillis(1);
    private static final long QUIET_WINDOW_MS = 10_000;

    private BurstBenchmark() {
    }

    static String header() {
        return "| N | created → all Ready s | builds (expected N, each once) | heap MiB: before operator / peak (uncollected) / final after GC "
                + "| threads: before / peak / final | operator connections: peak / final | watches opened: at Ready / final "
                + "| operator requests in the 10 s after all Ready | load average before → after |\n|---|---|---|---|---|---|---|---|---|";
    }

    static List<String> run(int n, Path out) throws Exception {
        String loadBefore = load();
        ClusterOperatorConfig config = Connects.config(NO_PERIODIC_PASS_MS);
        List<String> report = new ArrayList<>();
        try (MockApiServerProcess server = MockApiServerProcess.start(out.resolve("mock-api-server-burst-" + n + ".log"))) {
            KubernetesClient harness = server.relayedClient();
            BuildLedger ledger = new BuildLedger();
            InstantBuildCompleter completer = new InstantBuildCompleter(harness, Connects.NAMESPACE, ledger);
            harness.resources(io.strimzi.api.kafka.model.connect.KafkaConnect.class).inNamespace(Connects.NAMESPACE).list();
            OperatorProbe.Sample before;
            try (OperatorUnderTest operator = new OperatorUnderTest(server, config)) {
                OperatorProbe probe = new OperatorProbe(server.port(), operator.requests);
                before = probe.sampleAfterGc();
                operator.startAndLead();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    names.add(Connects.name(i));
                }
                double seconds;
                OperatorProbe.Sample peak;
                long watchesAtReady;
                try (LoadHarness.PeakSampler sampler = new LoadHarness.PeakSampler(probe)) {
                    long start = System.nanoTime();
                    LoadHarness.createAll(harness, names, config, ledger);
                    seconds = LoadHarness.awaitAllReady(harness, n, start, TIMEOUT_MS, () -> { });
                    watchesAtReady = operator.requests.watchesOpened();
                    operator.requests.reset();
                    Thread.sleep(QUIET_WINDOW_MS);
                    peak = sampler.peak();
                }
                var afterReady = operator.requests.snapshot();
                long quietRequests = afterReady.entrySet().stream().filter(e -> !e.getKey().equals("leases"))
                        .mapToLong(e -> e.getValue().total()).sum();
                OperatorProbe.Sample last = probe.sampleAfterGc();
                List<String> wrong = LoadHarness.wrong(harness, config);
                List<String> builds = ledger.problems();
                boolean leading = operator.controller.isLeading();
                completer.close();
                report.add(String.format(Locale.ROOT, "| %d | %.1f | %d, %s | %.1f / %.1f / %.1f | %d / %d / %d | %d / %d | %d / %d | %d | %s → %s |",
                        n, seconds, ledger.builds(), builds.isEmpty() ? "each once" : builds.size() + " wrong",
                        Jvm.mib(before.heapBytes()), Jvm.mib(peak.heapBytes()), Jvm.mib(last.heapBytes()),
                        before.threads(), peak.threads(), last.threads(), peak.connections(), last.connections(),
                        watchesAtReady, last.watchesOpened(), quietRequests, loadBefore, load()));
                report.add("N=" + n + ": requests in the 10 s after all Ready, by resource (reads/writes): " + afterReady
                        + "; still the leader at the end: " + leading + "; not right at the end: " + (wrong.isEmpty() ? "none" : wrong.size()
                        + " " + wrong.subList(0, Math.min(5, wrong.size()))) + "; build problems: "
                        + (builds.isEmpty() ? "none" : builds.subList(0, Math.min(5, builds.size()))));
                if (!wrong.isEmpty() || !builds.isEmpty()) {
                    report.forEach(System.out::println);
                    throw new IllegalStateException("the burst did not end with every KafkaConnect built once and on its digest");
                }
            }
            harness.close();
        }
        return report;
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
