package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.localcluster.ArtifactServer;
import io.strimzi.localcluster.BaseImage;
import io.strimzi.localcluster.BuildahStore;
import io.strimzi.localcluster.Commands;
import io.strimzi.localcluster.KafkaShapedBase;
import io.strimzi.localcluster.LocalRegistry;
import io.strimzi.localcluster.TestArtifacts;
import io.strimzi.operator.cluster.model.connectbuild.ConnectDockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real Buildah: the Dockerfile the operator generates against the fastest one written by hand for the same artifacts
 * (same base image, same downloads to the same paths, same SHA-512 checks), built and pushed to a local registry with
 * the same commands as the build Pod's script, each from fresh vfs storage. The two alternate within a run so drift on
 * the machine hits both alike.
 */
final class BuildBenchmark {
    private static final int ARTIFACT_BYTES = 1024 * 1024;

    /** One artifact: where it is served, its checksum, and where both Dockerfiles put it. */
    record Artifact(String plugin, String url, String sha512, String directory, String file) {
    }

    private BuildBenchmark() {
    }

    /**
     * @param base {@code busybox} (2 MiB, one layer) or {@code kafka-shaped} (17 layers, ~440 MiB that does not
     *             compress: {@link KafkaShapedBase}, made by `make tools`)
     */
    static List<String> run(int[] artifactCounts, int runs, String base, Path out) throws Exception {
        Path work = out.resolve("build-work");
        Commands.deleteRecursively(work);
        Files.createDirectories(work);
        Path log = work.resolve("buildah.log");
        List<String> lines = new ArrayList<>();
        // All downloads of the hand-written Dockerfile arrive at once: room for them rather than refused connections.
        try (LocalRegistry registry = LocalRegistry.start();
             ArtifactServer artifacts = ArtifactServer.start(8, 64)) {
            String baseImage = switch (base) {
                case "busybox" -> BaseImage.buildAndPush(registry, "bench/kafka-base", "1");
                case "kafka-shaped" -> KafkaShapedBase.push(registry, "bench/kafka-shaped", "1");
                default -> throw new IllegalArgumentException("--base must be busybox or kafka-shaped, not " + base);
            };
            List<String> insecure = List.of(registry.address());

            for (int count : artifactCounts) {
                List<Artifact> list = serve(artifacts, count);
                KafkaConnect connect = connect(baseImage, list);
                String generated = ConnectDockerfile.fromCrd(connect, Connects.config(60_000)).content();
                String handWritten = handWritten(baseImage, withDirectoriesOf(generated, list));
                Path context = work.resolve("context-" + count);
                Files.createDirectories(context);
                Files.writeString(context.resolve("Dockerfile.generated"), generated);
                Files.writeString(context.resolve("Dockerfile.hand-written"), handWritten);

                Map<String, List<Double>> seconds = new LinkedHashMap<>();
                Map<String, List<Double>> diskMiB = new LinkedHashMap<>();
                List<Double> baseOnlyMiB = new ArrayList<>();
                for (String variant : List.of("generated", "hand-written")) {
                    seconds.put(variant, new ArrayList<>());
                    diskMiB.put(variant, new ArrayList<>());
                }
                for (int r = 0; r < runs; r++) {
                    List<String> order = r % 2 == 0 ? List.of("generated", "hand-written") : List.of("hand-written", "generated");
                    for (String variant : order) {
                        BuildahStore store = BuildahStore.create(work.resolve("storage"), insecure);
                        String image = registry.address() + "/bench/connect-" + variant + ":" + count + "-" + r;
                        long start = System.nanoTime();
                        buildah(store, log, "build", "--file=" + context.resolve("Dockerfile." + variant), "--tag=" + image,
                                "--storage-driver=vfs", "--tls-verify=false", context.toString());
                        buildah(store, log, "push", "--storage-driver=vfs", "--digestfile=" + store.root().resolve("digest"),
                                "--tls-verify=false", image);
                        seconds.get(variant).add((System.nanoTime() - start) / 1e9);
                        diskMiB.get(variant).add(Jvm.mib(store.diskUsageBytes()));
                        store.delete();
                    }
                    // What the base image alone costs in fresh storage, to show the Dockerfiles' own share.
                    BuildahStore baseOnly = BuildahStore.create(work.resolve("storage"), insecure);
                    buildah(baseOnly, log, "pull", "--storage-driver=vfs", "--tls-verify=false", "-q", baseImage);
                    baseOnlyMiB.add(Jvm.mib(baseOnly.diskUsageBytes()));
                    baseOnly.delete();
                }
                Stats genTime = Stats.of(seconds.get("generated"));
                Stats handTime = Stats.of(seconds.get("hand-written"));
                Stats genDisk = Stats.of(diskMiB.get("generated"));
                Stats handDisk = Stats.of(diskMiB.get("hand-written"));
                double baseDisk = Stats.of(baseOnlyMiB).median();
                lines.add(String.format(Locale.ROOT, "| %d × 1 MiB on %s | %s | %s | %.2f | %s | %s | %.2f | %.2f | %.1f |", count, base,
                        genTime.describe(2), handTime.describe(2), genTime.median() / handTime.median(),
                        genDisk.describe(1), handDisk.describe(1), genDisk.median() / handDisk.median(),
                        (genDisk.median() - baseDisk) / (handDisk.median() - baseDisk), baseDisk));
                lines.add("raw s generated " + seconds.get("generated") + " hand-written " + seconds.get("hand-written"));
            }
        } finally {
            Commands.deleteRecursively(work.resolve("storage"));
        }
        return lines;
    }

    /** Runs buildah on the store and keeps its output in the log, for when a build goes wrong. */
    private static void buildah(BuildahStore store, Path log, String... arguments) throws IOException {
        String output = store.run(arguments);
        Files.writeString(log, "$ buildah " + String.join(" ", arguments) + "\n" + output, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String header() {
        return "| artifacts | generated: build+push s, median (min–max, n) | hand-written: build+push s | time ratio "
                + "| generated: vfs disk MiB | hand-written: vfs disk MiB | disk ratio (total) | disk ratio (above the base image) "
                + "| base image alone MiB |\n|---|---|---|---|---|---|---|---|---|";
    }

    /** The artifacts with the directories the generated Dockerfile creates for them, in order. */
    static List<Artifact> withDirectoriesOf(String generated, List<Artifact> artifacts) {
        Matcher m = Pattern.compile("mkdir -p '" + Pattern.quote(ConnectDockerfile.PLUGINS_DIRECTORY) + "/([a-z0-9-]+/[0-9a-f]+)'")
                .matcher(generated);
        List<Artifact> result = new ArrayList<>();
        for (Artifact a : artifacts) {
            if (!m.find() || !m.group(1).startsWith(a.plugin() + "/")) {
                throw new IllegalStateException("the generated Dockerfile has no directory for " + a.plugin() + ":\n" + generated);
            }
            result.add(new Artifact(a.plugin(), a.url(), a.sha512(), m.group(1), a.file()));
        }
        return result;
    }

    /** Serves count artifacts of random bytes (seeded by the path: the same path always has the same content). */
    static List<Artifact> serve(ArtifactServer server, int count) {
        List<Artifact> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String plugin = "plugin-" + i;
            String path = "/artifacts/" + plugin + "/" + plugin + ".jar";
            byte[] content = new byte[ARTIFACT_BYTES];
            new Random(path.hashCode()).nextBytes(content);
            String url = server.serve(path, content);
            list.add(new Artifact(plugin, url, TestArtifacts.sha512(content), null, plugin + ".jar"));
        }
        return list;
    }

    private static KafkaConnect connect(String base, List<Artifact> artifacts) {
        return connect(base, "127.0.0.1:5000/bench/connect:latest", artifacts);
    }

    /** A KafkaConnect that builds the artifacts, each its own plugin, on base into image. */
    static KafkaConnect connect(String base, String image, List<Artifact> artifacts) {
        List<Plugin> plugins = new ArrayList<>();
        for (Artifact a : artifacts) {
            JarArtifact jar = new JarArtifact();
            jar.setUrl(a.url());
            jar.setSha512sum(a.sha512());
            Plugin plugin = new Plugin();
            plugin.setName(a.plugin());
            plugin.setArtifacts(List.of(jar));
            plugins.add(plugin);
        }
        DockerOutput output = new DockerOutput();
        output.setImage(image);
        Build build = new Build();
        build.setOutput(output);
        build.setPlugins(plugins);
        KafkaConnectSpec spec = new KafkaConnectSpec();
        spec.setImage(base);
        spec.setBuild(build);
        KafkaConnect connect = new KafkaConnect();
        connect.setMetadata(new ObjectMetaBuilder().withName("build-bench").withNamespace(Connects.NAMESPACE).build());
        connect.setSpec(spec);
        return connect;
    }

    /**
     * The fastest Dockerfile for the job I could write: one RUN, all downloads in parallel straight to their final
     * paths (no temporary name, no move), one sha512sum call for all files, and a failed download fails the step.
     * The target directories are those the generated Dockerfile uses, read from it so both images hold the same files.
     */
    static String handWritten(String base, List<Artifact> artifacts) {
        StringBuilder run = new StringBuilder("RUN set -e; cd " + ConnectDockerfile.PLUGINS_DIRECTORY + "; mkdir -p");
        for (Artifact a : artifacts) {
            run.append(' ').append(a.directory());
        }
        run.append("; \\\n");
        for (int i = 0; i < artifacts.size(); i++) {
            Artifact a = artifacts.get(i);
            run.append("    wget -q -O ").append(a.directory()).append('/').append(a.file()).append(' ').append(a.url())
                    .append(" & p").append(i).append("=$!; \\\n");
        }
        for (int i = 0; i < artifacts.size(); i++) {
            // One command each: under set -e a failure inside an && list would not stop the step.
            run.append(i == 0 ? "    wait $p0" : "; wait $p" + i);
        }
        run.append("; \\\n    printf '%s  %s\\n'");
        for (Artifact a : artifacts) {
            run.append(" \\\n      ").append(a.sha512()).append(' ').append(a.directory()).append('/').append(a.file());
        }
        run.append(" \\\n    | sha512sum -c -s -\n");
        return "FROM " + base + "\nUSER root:root\n" + run + "USER 1001\n";
    }
}
