package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.TgzArtifact;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.ConnectDockerfile;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.model.connectbuild.PodBuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Generation cost: the Dockerfile alone ({@link ConnectDockerfile#fromCrd}) and the whole build (Dockerfile, ConfigMap,
 * ServiceAccount and build Pod: {@link KafkaConnectBuild#fromCrd}) for a KafkaConnect with many plugins. A plain loop:
 * warm-up until the JIT has settled, then timed rounds of many calls; the results feed a sink so none is optimised away.
 */
final class GenerationBenchmark {
    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final long ROUND_NANOS = 300_000_000L;
    private static long sink;

    private GenerationBenchmark() {
    }

    static List<String> run(int plugins, int rounds) {
        KafkaConnect connect = connectWithPlugins(plugins);
        ClusterOperatorConfig config = Connects.config(ClusterOperatorConfig.DEFAULT_FULL_RECONCILIATION_INTERVAL_MS);
        List<String> lines = new ArrayList<>();
        lines.add(row("Dockerfile (`ConnectDockerfile.fromCrd`)", plugins,
                measure(() -> ConnectDockerfile.fromCrd(connect, config).content().length(), rounds)));
        lines.add(row("Dockerfile + ConfigMap + ServiceAccount + build Pod (`KafkaConnectBuild.fromCrd`)", plugins,
                measure(() -> ((PodBuild) KafkaConnectBuild.fromCrd(connect, config, Platform.KUBERNETES)).pod().hashCode(), rounds)));
        lines.add("(sink " + (sink & 1) + ")");
        return lines;
    }

    static String header() {
        return "| what | plugins | µs per call: median (min–max, n rounds) | µs per plugin (median) |\n|---|---|---|---|";
    }

    private static String row(String what, int plugins, Stats microsPerCall) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %.2f |", what, plugins, microsPerCall.describe(1),
                microsPerCall.median() / plugins);
    }

    /** Microseconds per call, one figure per round. */
    private static Stats measure(Supplier<Integer> call, int rounds) {
        long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < warmupEnd) {
            sink += call.get();
        }
        List<Double> micros = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long calls = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                sink += call.get();
                calls++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < ROUND_NANOS);
            micros.add(elapsed / 1000.0 / calls);
        }
        return Stats.of(micros);
    }

    /** Plugins of one checksummed jar each, every fifth one a tgz archive instead, as a mixed real list would be. */
    static KafkaConnect connectWithPlugins(int plugins) {
        List<Plugin> list = new ArrayList<>();
        for (int i = 0; i < plugins; i++) {
            String url = "https://artifacts.bench.example/plugin-" + i + "/1.0.0/plugin-" + i + (i % 5 == 4 ? ".tgz" : ".jar");
            var artifact = i % 5 == 4 ? new TgzArtifact() : new JarArtifact();
            artifact.setUrl(url);
            artifact.setSha512sum(Connects.sha512Hex(url));
            Plugin plugin = new Plugin();
            plugin.setName("plugin-" + i);
            plugin.setArtifacts(List.of(artifact));
            list.add(plugin);
        }
        DockerOutput output = new DockerOutput();
        output.setImage(Connects.outputRepository("generated") + ":latest");
        Build build = new Build();
        build.setOutput(output);
        build.setPlugins(list);
        KafkaConnectSpec spec = new KafkaConnectSpec();
        spec.setVersion("4.1.0");
        spec.setReplicas(1);
        spec.setBootstrapServers("my-kafka-bootstrap:9092");
        spec.setBuild(build);
        KafkaConnect connect = new KafkaConnect();
        connect.setMetadata(new ObjectMetaBuilder().withName("generated").withNamespace(Connects.NAMESPACE).withUid("uid-1").build());
        connect.setSpec(spec);
        return connect;
    }
}
