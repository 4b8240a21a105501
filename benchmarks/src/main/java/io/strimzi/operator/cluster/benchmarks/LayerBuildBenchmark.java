package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.localcluster.ArtifactServer;
import io.strimzi.localcluster.BuildahStore;
import io.strimzi.localcluster.Commands;
import io.strimzi.localcluster.KafkaShapedBase;
import io.strimzi.localcluster.LocalImages;
import io.strimzi.localcluster.LocalRegistry;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.connectbuild.ConnectDockerfile;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The layer builder against Buildah and against its lower bound, on the Kafka-shaped base (17 layers, 441 MiB that does
 * not compress), with N artifacts of 1 MiB: each a whole process, as a build Pod runs it.
 * <ul>
 *   <li>layer builder: {@code java -jar connect-builder.jar} with the operator's plan for the KafkaConnect and the Pod's
 *   JVM options, TMPDIR fresh;</li>
 *   <li>Buildah: the generated Dockerfile, {@code buildah build} then {@code buildah push} from fresh vfs storage (the
 *   commands of the build Pod's script, this machine's Buildah);</li>
 *   <li>lower bound: {@code AppendLayer} appends an already written tar of the same files with the same Jib calls.</li>
 * </ul>
 * Every run pushes to a repository of its own, so no run finds the previous one's layer there. Peak disk: TMPDIR
 * sampled every 20 ms (layer builder), the vfs store after the push (Buildah: it only grows), the tar (lower bound).
 * Peak RSS: /usr/bin/time's maximum resident set size (for Buildah the larger of build and push). Then the first build
 * after the base image changed, with the base in another registry (every base layer must be copied), and the next one.
 */
final class LayerBuildBenchmark {
    private static final int ARTIFACT_BYTES = 1024 * 1024;
    /** The Pod's JVM (LayerTool.command()) without the jar. */
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private record Run(double seconds, double diskMiB, double rssMiB) {
    }

    private LayerBuildBenchmark() {
    }

    static String header() {
        return "| artifacts | builder | build+push s: median (min–max, n) | peak disk MiB | peak RSS MiB |\n|---|---|---|---|---|";
    }

    static List<String> run(int[] counts, int runs, Path out) throws Exception {
        Path jar = LocalImages.connectBuilderJar().orElseThrow(() -> new IllegalStateException("no connect-builder.jar: make build"));
        Path work = out.resolve("layer-work");
        Commands.deleteRecursively(work);
        Files.createDirectories(work);
        List<String> lines = new ArrayList<>();
        lines.add("load before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        try (LocalRegistry registry = LocalRegistry.start(); LocalRegistry other = LocalRegistry.start();
             ArtifactServer artifacts = ArtifactServer.start(8, 64)) {
            String base = KafkaShapedBase.push(registry, "bench/kafka-shaped", "1");
            for (int count : counts) {
                List<BuildBenchmark.Artifact> served = BuildBenchmark.serve(artifacts, count);
                Path tar = tarOf(served, work.resolve("lower-bound-" + count + ".tar"));
                Map<String, List<Run>> results = new LinkedHashMap<>();
                for (String variant : List.of("layer builder", "Buildah (generated Dockerfile)", "lower bound (Jib append only)")) {
                    results.put(variant, new ArrayList<>());
                }
                for (int r = 0; r < runs; r++) {
                    String repository = registry.address() + "/bench/run-" + count + "-" + r;
                    results.get("layer builder").add(layerBuilder(jar, plan(connect(base, repository + "-layer:v1", served)), work));
                    results.get("Buildah (generated Dockerfile)").add(buildah(registry, base, repository + "-buildah:v1", served, work));
                    results.get("lower bound (Jib append only)").add(lowerBound(jar, plan(connect(base, repository + "-append:v1", served)), tar, work));
                }
                double artifactsMiB = count * ARTIFACT_BYTES / 1048576.0;
                results.forEach((variant, list) -> lines.add(String.format(Locale.ROOT, "| %d × 1 MiB | %s | %s | %s | %s |", count, variant,
                        Stats.of(list.stream().map(Run::seconds).toList()).describe(2),
                        Stats.of(list.stream().map(Run::diskMiB).toList()).describe(1),
                        Stats.of(list.stream().map(Run::rssMiB).toList()).describe(0))));
                double layer = Stats.of(results.get("layer builder").stream().map(Run::seconds).toList()).median();
                double buildahTime = Stats.of(results.get("Buildah (generated Dockerfile)").stream().map(Run::seconds).toList()).median();
                double bound = Stats.of(results.get("lower bound (Jib append only)").stream().map(Run::seconds).toList()).median();
                double disk = Stats.of(results.get("layer builder").stream().map(Run::diskMiB).toList()).max();
                lines.add(String.format(Locale.ROOT, "targets %d: layer/lower bound %.2f (≤ 1.5), Buildah/layer %.1f (≥ 5), "
                        + "peak disk / artifacts %.2f (≤ 1.1)", count, layer / bound, buildahTime / layer, disk / artifactsMiB));
                for (Map.Entry<String, List<Run>> e : results.entrySet()) {
                    lines.add("raw " + count + " " + e.getKey() + ": " + e.getValue());
                }
            }
            // The base image changed: its layers are not in the output's registry yet and must be copied (another
            // registry); the next build finds them there.
            List<BuildBenchmark.Artifact> served = BuildBenchmark.serve(artifacts, counts[0]);
            String target = other.address() + "/bench/changed-base:v1";
            Run first = layerBuilder(jar, plan(connect(base, target, served)), work);
            Run next = layerBuilder(jar, plan(connect(base, other.address() + "/bench/changed-base:v2", served)), work);
            lines.add(String.format(Locale.ROOT, "| %d × 1 MiB | layer builder, first build after the base changed (base in another "
                    + "registry: 441 MiB copied) | %.2f | %.1f | %.0f |", counts[0], first.seconds(), first.diskMiB(), first.rssMiB()));
            lines.add(String.format(Locale.ROOT, "| %d × 1 MiB | layer builder, the next build (base layers already there) | %.2f | %.1f | %.0f |",
                    counts[0], next.seconds(), next.diskMiB(), next.rssMiB()));
        } finally {
            Commands.deleteRecursively(work);
        }
        lines.add("load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
        return lines;
    }

    private static Run layerBuilder(Path jar, String plan, Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("layer-run"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path planFile = Files.writeString(dir.resolve("plan.json"), plan);
        List<String> argv = new ArrayList<>(List.of(java()));
        argv.addAll(JVM);
        argv.addAll(List.of("-jar", jar.toString(), "--plan", planFile.toString(), "--termination-log", dir.resolve("termination").toString()));
        AtomicLong peak = new AtomicLong();
        Thread sampler = sampler(tmp, peak);
        Run run = timed(argv, Map.of("TMPDIR", tmp.toString()), dir, peak, sampler);
        String result = Files.readString(dir.resolve("termination"));
        if (!result.contains("@sha256:")) {
            throw new IllegalStateException("the layer builder failed: " + result);
        }
        Commands.deleteRecursively(dir);
        return run;
    }

    private static Run lowerBound(Path jar, String plan, Path tar, Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("append-run"));
        Path planFile = Files.writeString(dir.resolve("plan.json"), plan);
        List<String> argv = new ArrayList<>(List.of(java()));
        argv.addAll(JVM);
        argv.addAll(List.of("-cp", jar.toString(), "io.strimzi.connectbuilder.AppendLayer", planFile.toString(), tar.toString()));
        AtomicLong peak = new AtomicLong(Files.size(tar));
        Run run = timed(argv, Map.of("TMPDIR", dir.toString()), dir, peak, null);
        Commands.deleteRecursively(dir);
        return run;
    }

    private static Run buildah(LocalRegistry registry, String base, String image, List<BuildBenchmark.Artifact> served, Path work) throws Exception {
        KafkaConnect connect = connect(base, image, served);
        Path context = Files.createDirectories(work.resolve("buildah-context"));
        Path dockerfile = Files.writeString(context.resolve("Dockerfile"), ConnectDockerfile.fromCrd(connect, Connects.config(60_000)).content());
        BuildahStore store = BuildahStore.create(work.resolve("buildah-storage"), List.of(registry.address()));
        Path rss = work.resolve("rss");
        long start = System.nanoTime();
        Commands.run(List.of("/usr/bin/time", "-o", rss.toString(), "-f", "%M", "buildah", "build", "--file=" + dockerfile,
                "--tag=" + image, "--storage-driver=vfs", "--tls-verify=false", context.toString()), store.environment());
        long buildRss = Long.parseLong(Files.readString(rss).strip());
        Commands.run(List.of("/usr/bin/time", "-o", rss.toString(), "-f", "%M", "buildah", "push", "--storage-driver=vfs",
                "--digestfile=" + store.root().resolve("digest"), "--tls-verify=false", image), store.environment());
        double seconds = (System.nanoTime() - start) / 1e9;
        long pushRss = Long.parseLong(Files.readString(rss).strip());
        double disk = Jvm.mib(store.diskUsageBytes());
        store.delete();
        return new Run(seconds, disk, Math.max(buildRss, pushRss) / 1024.0);
    }

    /** Runs argv under /usr/bin/time: wall time, the peak the sampler saw (or the fixed peak), maximum RSS. */
    private static Run timed(List<String> argv, Map<String, String> env, Path dir, AtomicLong peak, Thread sampler) throws Exception {
        Path rss = dir.resolve("rss");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-o", rss.toString(), "-f", "%M"));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (sampler != null) {
            sampler.start();
        }
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        if (exit != 0) {
            throw new IllegalStateException(argv + " failed: " + Files.readString(dir.resolve("output")));
        }
        return new Run(seconds, Jvm.mib(peak.get()), Long.parseLong(Files.readString(rss).strip()) / 1024.0);
    }

    /** Samples the bytes below dir every 20 ms into peak. */
    private static Thread sampler(Path dir, AtomicLong peak) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(bytesBelow(dir), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "disk-sampler");
        thread.setDaemon(true);
        return thread;
    }

    private static long bytesBelow(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // files vanished while walking: the next sample counts again
        }
    }

    /** The plan the operator writes for the KafkaConnect (the layer gate on). */
    private static String plan(KafkaConnect connect) {
        String version = OperatorVersion.current();
        ClusterOperatorConfig config = ClusterOperatorConfig.builder(version)
                .featureGates(FeatureGates.parse("+UseConnectBuildWithLayerAppend", version)).build();
        return ((ConfigMap) KafkaConnectBuild.fromCrd(connect, config, Platform.KUBERNETES).objects().get(0)).getData().get("plan.json");
    }

    /** The same files as a tar, as the lower bound's already written layer. */
    private static Path tarOf(List<BuildBenchmark.Artifact> served, Path tar) throws IOException {
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            for (BuildBenchmark.Artifact artifact : served) {
                // The same bytes BuildBenchmark.serve serves (seeded by the path).
                byte[] content = new byte[ARTIFACT_BYTES];
                new Random(("/artifacts/" + artifact.plugin() + "/" + artifact.file()).hashCode()).nextBytes(content);
                TarArchiveEntry entry = new TarArchiveEntry("opt/kafka/plugins/" + artifact.plugin() + "/" + artifact.file());
                entry.setSize(content.length);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return tar;
    }

    /** The benchmark's KafkaConnect, both phases told the local registries speak plain HTTP. */
    private static KafkaConnect connect(String base, String image, List<BuildBenchmark.Artifact> served) {
        KafkaConnect connect = BuildBenchmark.connect(base, image, served);
        DockerOutput output = (DockerOutput) connect.getSpec().getBuild().getOutput();
        output.setAdditionalBuildOptions(List.of("--tls-verify=false"));
        output.setAdditionalPushOptions(List.of("--tls-verify=false"));
        return connect;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
