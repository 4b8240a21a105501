package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Reaction: how long after the kubelet writes the build Pod's terminated status the Connect Deployment carries the new
 * image. One KafkaConnect is rebuilt again and again (each time a plugin URL changes, so the revision changes); the
 * benchmark plays the kubelet and watches the Deployment.
 */
final class ReactionBenchmark {
    private static final String NAME = "reactor";
    /** A build takes at least this long, so the operator is waiting on its watch as with a real build. */
    private static final long BUILD_RUNS_MS = 200;
    private static final long STEP_TIMEOUT_MS = 30_000;

    private ReactionBenchmark() {
    }

    static List<String> run(int builds, int warmup, Path workDir) throws Exception {
        ClusterOperatorConfig config = Connects.config(TimeUnit.HOURS.toMillis(1));
        List<Double> reactionMs = new ArrayList<>();
        try (MockApiServerProcess server = MockApiServerProcess.start(workDir.resolve("mock-api-server-reaction.log"))) {
            KubernetesClient harness = server.client();
            var connects = harness.resources(KafkaConnect.class).inNamespace(Connects.NAMESPACE);
            connects.resource(Connects.connect(NAME, 0)).create();

            BlockingQueue<Pod> buildPods = new LinkedBlockingQueue<>();
            Map<String, Long> imageFirstSeenNanos = new ConcurrentHashMap<>();
            Watch podWatch = harness.pods().inNamespace(Connects.NAMESPACE).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Pod pod) {
                    if (action == Action.ADDED) {
                        buildPods.add(pod);
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            });
            Watch deploymentWatch = harness.apps().deployments().inNamespace(Connects.NAMESPACE).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Deployment d) {
                    long now = System.nanoTime();
                    if (action != Action.DELETED) {
                        imageFirstSeenNanos.putIfAbsent(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), now);
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            });

            try (OperatorUnderTest operator = new OperatorUnderTest(server, config)) {
                operator.startAndLead();
                for (int i = 0; i < warmup + builds; i++) {
                    int build = i;
                    if (i > 0) {
                        KafkaConnect changed = Connects.connect(NAME, i);
                        Connects.changePlugins(harness, NAME, changed);
                    }
                    String revision = KafkaConnectBuild.fromCrd(connects.withName(NAME).get(), config, Platform.KUBERNETES).revision();
                    Pod pod = awaitBuildPod(buildPods, revision);
                    await(() -> {
                        var status = connects.withName(NAME).get().getStatus();
                        return status != null && status.getBuild() != null && "Running".equals(status.getBuild().getPhase())
                                && revision.equals(status.getBuild().getRevision());
                    }, "build " + i + " Running in the status");
                    Thread.sleep(BUILD_RUNS_MS);

                    String image = Connects.imageReference(NAME, build);
                    long written = System.nanoTime();
                    harness.pods().inNamespace(Connects.NAMESPACE).withName(pod.getMetadata().getName())
                            .editStatus(p -> Connects.terminated(p, image));
                    await(() -> imageFirstSeenNanos.containsKey(image), "the Deployment on " + image);
                    if (i >= warmup) {
                        reactionMs.add((imageFirstSeenNanos.get(image) - written) / 1e6);
                    }
                    await(() -> Connects.notDoneReason(harness, connects.withName(NAME).get(), config) == null,
                            "build " + i + " done");
                }
            } finally {
                podWatch.close();
                deploymentWatch.close();
                harness.close();
            }
        }
        Stats s = Stats.of(reactionMs);
        return List.of(String.format(Locale.ROOT, "| %d (after %d warm-up) | %.1f | %.1f | %.1f | %.1f | %.1f |",
                builds, warmup, s.median(), s.percentile(99), s.percentile(90), s.min(), s.max()),
                "raw ms: " + reactionMs.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }

    private static Pod awaitBuildPod(BlockingQueue<Pod> pods, String revision) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            Pod pod = pods.poll(100, TimeUnit.MILLISECONDS);
            if (pod != null && pod.getMetadata().getAnnotations() != null
                    && revision.equals(pod.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION))) {
                return pod;
            }
        }
        throw new IllegalStateException("no build Pod of revision " + revision + " within " + STEP_TIMEOUT_MS + " ms");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    static String header() {
        return "| builds measured | p50 ms | p99 ms | p90 ms | min ms | max ms |\n|---|---|---|---|---|---|";
    }
}
