package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Soak: N KafkaConnects built once, then C plugin changes a minute for M minutes, evenly spaced, on the operator with
 * its own periodic full reconciliation (every P s). The changes go round-robin to the first quarter of the resources
 * (each changed M·C/(N/4) times, far apart); the other three quarters are never changed, so every request naming one
 * of their objects during the soak is a request of a pass (or a watch event) about an unchanged resource.
 * At the end: each change built exactly once (the build ledger), every resource Ready on the digest of its revision;
 * per minute: heap after GC, threads, connections, watches opened, requests.
 */
final class SoakBenchmark {
    private static final long SETUP_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(10);
    private static final long SETTLE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);

    private SoakBenchmark() {
    }

    static String header() {
        return "| minute | changes | builds so far | reconciliations | requests (all) | requests naming an unchanged resource "
                + "| heap after GC MiB | threads | operator connections | watches opened so far |\n|---|---|---|---|---|---|---|---|---|---|";
    }

    static List<String> run(int n, int minutes, int changesPerMinute, int passSeconds, Path out) throws Exception {
        String loadBefore = BurstBenchmark.load();
        ClusterOperatorConfig config = Connects.config(TimeUnit.SECONDS.toMillis(passSeconds));
        List<String> report = new ArrayList<>();
        int changedSet = Math.max(1, n / 4);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(Connects.name(i));
        }
        List<String> unchanged = names.subList(changedSet, n);
        try (MockApiServerProcess server = MockApiServerProcess.start(out.resolve("mock-api-server-soak-" + n + ".log"))) {
            KubernetesClient harness = server.relayedClient();
            BuildLedger ledger = new BuildLedger();
            InstantBuildCompleter completer = new InstantBuildCompleter(harness, Connects.NAMESPACE, ledger);
            try (OperatorUnderTest operator = new OperatorUnderTest(server, config)) {
                OperatorProbe probe = new OperatorProbe(server.port(), operator.requests);
                operator.startAndLead();
                long setupStart = System.nanoTime();
                LoadHarness.createAll(harness, names, config, ledger);
                double setupSeconds = LoadHarness.awaitAllReady(harness, n, setupStart, SETUP_TIMEOUT_MS, () -> { });
                report.add(String.format(Locale.ROOT, "| set-up | %d created | %d | %.0f | %d | – | %s | | | |", n, ledger.builds(),
                        operator.counter("strimzi_reconciliations"), operator.requests.total(), "(" + String.format(Locale.ROOT, "%.1f s", setupSeconds) + ")"));

                int[] variants = new int[changedSet];
                long intervalNanos = TimeUnit.SECONDS.toNanos(60) / changesPerMinute;
                long soakStart = System.nanoTime();
                long unchangedBefore = requestsFor(operator.requests, unchanged);
                double reconciliationsBefore = operator.counter("strimzi_reconciliations");
                long unchangedAtStart = unchangedBefore;
                int change = 0;
                for (int m = 0; m < minutes; m++) {
                    operator.requests.reset();
                    for (int c = 0; c < changesPerMinute; c++, change++) {
                        sleepUntil(soakStart + change * intervalNanos);
                        int target = change % changedSet;
                        String name = names.get(target);
                        KafkaConnect changed = Connects.connect(name, ++variants[target]);
                        ledger.expect(name, LoadHarness.revision(changed, config));
                        Connects.changePlugins(harness, name, changed);
                    }
                    sleepUntil(soakStart + TimeUnit.SECONDS.toNanos(60L * (m + 1)));
                    long total = operator.requests.total();
                    long unchangedNow = requestsFor(operator.requests, unchanged);
                    double reconciliations = operator.counter("strimzi_reconciliations");
                    OperatorProbe.Sample s = probe.sampleAfterGc();
                    report.add(String.format(Locale.ROOT, "| %d | %d | %d | %.0f | %d | %d | %.1f | %d | %d | %d |", m + 1, changesPerMinute,
                            ledger.builds(), reconciliations - reconciliationsBefore, total, unchangedNow - unchangedBefore,
                            Jvm.mib(s.heapBytes()), s.threads(), s.connections(), s.watchesOpened()));
                    report.add("minute " + (m + 1) + " requests by resource (reads/writes): " + operator.requests.snapshot());
                    unchangedBefore = unchangedNow;
                    reconciliationsBefore = reconciliations;
                }
                // The last change's build finishes within moments; wait for it rather than a fixed time.
                LoadHarness.awaitAllReady(harness, n, System.nanoTime(), SETTLE_TIMEOUT_MS, () -> { });
                List<String> wrong = LoadHarness.wrong(harness, config);
                List<String> builds = ledger.problems();
                long passes = TimeUnit.MINUTES.toSeconds(minutes) / passSeconds;
                long unchangedRequests = requestsFor(operator.requests, unchanged) - unchangedAtStart;
                boolean leading = operator.controller.isLeading();
                double failed = operator.counter("strimzi_reconciliations_failed");
                completer.close();
                report.add(String.format(Locale.ROOT, "summary: N=%d, %d minutes, %d changes (to %d resources), %d builds expected, %d seen, "
                                + "build problems: %s; not right at the end: %s; requests naming the %d unchanged resources during the soak: %d "
                                + "(%d periodic passes of %d s: %.3f per unchanged resource per pass); failed reconciliations: %.0f; "
                                + "still the leader: %b; load average %s → %s",
                        n, minutes, change, changedSet, n + change, ledger.builds(), builds.isEmpty() ? "none" : builds,
                        wrong.isEmpty() ? "none" : wrong.subList(0, Math.min(5, wrong.size())), unchanged.size(), unchangedRequests,
                        passes, passSeconds, (double) unchangedRequests / unchanged.size() / passes, failed, leading, loadBefore, BurstBenchmark.load()));
                if (!wrong.isEmpty() || !builds.isEmpty()) {
                    report.forEach(System.out::println);
                    throw new IllegalStateException("the soak did not end with every change built once and every resource on its digest");
                }
            }
            harness.close();
        }
        return report;
    }

    private static long requestsFor(RequestCounter requests, List<String> connects) {
        return connects.stream().mapToLong(requests::requestsFor).sum();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
