package io.strimzi.operator.cluster.packaging;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.model.connect.ConnectRack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-images/: there is no container engine here, so the Makefiles are checked by the commands they would run
 * (`make -n`), the Dockerfile by what it copies, and the start script by running it with a stand-in `java`.
 */
class DockerImagesTest {
    private static final Path IMAGES = RepositoryFiles.ROOT.resolve("docker-images");

    @ParameterizedTest(name = "{0} RELEASE_VERSION={1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "buildah|none|quay.io/buildah/stable:v1.40.1|quay.io/strimzi/buildah:latest",
        "buildah|0.49.0|quay.io/buildah/stable:v1.40.1|quay.io/strimzi/buildah:0.49.0",
        "buildah|0.50.0-SNAPSHOT|quay.io/buildah/stable:v1.40.1|quay.io/strimzi/buildah:latest",
        "kaniko-executor|none|gcr.io/kaniko-project/executor:v1.24.0|quay.io/strimzi/kaniko-executor:latest",
        "kaniko-executor|0.49.0|gcr.io/kaniko-project/executor:v1.24.0|quay.io/strimzi/kaniko-executor:0.49.0",
    })
    void retagMakefilePullsTagsAndPushes(String image, String releaseVersion, String upstream, String target) throws Exception {
        List<String> commands = makeDryRun(IMAGES.resolve(image), releaseVersion == null ? List.of() : List.of("RELEASE_VERSION=" + releaseVersion));
        assertEquals(List.of(
                "docker pull " + upstream,
                "docker tag " + upstream + " " + target,
                "docker push " + target), commands);
    }

    @Test
    void registryOrganisationAndEngineCanBeChanged() throws Exception {
        List<String> commands = makeDryRun(IMAGES.resolve("buildah"),
                List.of("DOCKER_CMD=podman", "DOCKER_REGISTRY=registry.example.com", "DOCKER_ORG=mirror", "RELEASE_VERSION=1.2.3"));
        assertEquals("podman push registry.example.com/mirror/buildah:1.2.3", commands.get(commands.size() - 1));
    }

    /** The upstream version is written once, so that an upgrade is a one-line change. */
    @Test
    void upstreamVersionsArePinnedInOnePlace() throws IOException {
        for (Map.Entry<String, String> pin : Map.of("buildah", "v1.40.1", "kaniko-executor", "v1.24.0").entrySet()) {
            long occurrences = Stream.of(RepositoryFiles.read(IMAGES.resolve(pin.getKey()).resolve("Makefile")),
                            RepositoryFiles.read(IMAGES.resolve("retag.mk")))
                    .mapToLong(text -> text.split(Pattern.quote(pin.getValue()), -1).length - 1)
                    .sum();
            assertEquals(1, occurrences, pin.getValue() + " in docker-images/" + pin.getKey());
        }
    }

    @Test
    void operatorMakefileBuildsFromTheRepositoryRoot() throws Exception {
        List<String> commands = makeDryRun(IMAGES.resolve("operator"), List.of("RELEASE_VERSION=0.49.0"));
        assertEquals(List.of(
                "docker build -f " + IMAGES.resolve("operator/Dockerfile") + " -t quay.io/strimzi/operator:0.49.0 " + RepositoryFiles.ROOT,
                "docker push quay.io/strimzi/operator:0.49.0"), commands);
    }

    /** The Dockerfile copies what `make build` produces and runs as a non-root user. */
    @Test
    void operatorDockerfileCopiesTheBuiltJarAndRunsAsNonRoot() {
        String dockerfile = RepositoryFiles.read(IMAGES.resolve("operator/Dockerfile"));
        assertTrue(Pattern.compile("^FROM \\S+-jre\\S*$", Pattern.MULTILINE).matcher(dockerfile).find(), "a JRE base image");
        List<String> sources = new ArrayList<>();
        Matcher copy = Pattern.compile("^COPY (\\S+) (\\S+)$", Pattern.MULTILINE).matcher(dockerfile);
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertEquals(List.of("cluster-operator/target/lib/", "cluster-operator/target/cluster-operator.jar",
                "connect-builder/target/connect-builder.jar", "docker-images/operator/scripts/cluster_operator_run.sh",
                "docker-images/operator/scripts/kafka_init_run.sh"), sources);
        assertTrue(RepositoryFiles.read(RepositoryFiles.ROOT.resolve("Makefile")).contains("cluster-operator/target/cluster-operator.jar"),
                "the jar path is the one `make build` produces");
        assertTrue(Files.isExecutable(RepositoryFiles.ROOT.resolve(sources.get(3))), "the start script is executable");
        assertTrue(Files.isExecutable(RepositoryFiles.ROOT.resolve(sources.get(4))), "the rack init script is executable");
        assertTrue(dockerfile.contains("COPY docker-images/operator/scripts/kafka_init_run.sh " + ConnectRack.INIT_COMMAND + "\n"),
                "the rack init container's command is where the image has the script");
        Matcher builder = Pattern.compile("^COPY connect-builder/target/connect-builder.jar (\\S+)$", Pattern.MULTILINE).matcher(dockerfile);
        assertTrue(builder.find());
        assertEquals(layerBuildCommand().get(layerBuildCommand().size() - 1), builder.group(1),
                "the layer builder's Pod runs the jar where the image has it");
        Matcher user = Pattern.compile("^USER (\\d+)$", Pattern.MULTILINE).matcher(dockerfile);
        assertTrue(user.find() && Integer.parseInt(user.group(1)) > 0, "a numeric non-root USER");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/opt/strimzi/bin/cluster_operator_run.sh\"]"));
    }

    /** The command of a layer build Pod, as the model renders it. */
    private static List<String> layerBuildCommand() {
        KafkaConnect connect = io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata: {name: c, namespace: n}
                spec:
                  bootstrapServers: kafka:9092
                  build:
                    output: {type: docker, image: registry.example.com/c:1}
                    plugins: [{name: plugin, artifacts: [{type: jar, url: "https://example.com/a.jar"}]}]
                """, KafkaConnect.class);
        ClusterOperatorConfig config = ClusterOperatorConfig.builder(OperatorVersion.current())
                .featureGates(FeatureGates.parse("+UseConnectBuildWithLayerAppend", OperatorVersion.current())).build();
        HasMetadata pod = KafkaConnectBuild.fromCrd(connect, config, Platform.KUBERNETES).objects().get(2);
        return ((Pod) pod).getSpec().getContainers().get(0).getCommand();
    }

    /** The start script, run in the image's layout with a `java` that records its arguments. */
    @Test
    void startScriptPassesJavaOptsAndArguments(@TempDir Path home) throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.copy(IMAGES.resolve("operator/scripts/cluster_operator_run.sh"), bin.resolve("cluster_operator_run.sh"));
        Path fakeJavaDir = Files.createDirectories(home.resolve("fake-jdk"));
        Path recorded = home.resolve("argv");
        Path fakeJava = fakeJavaDir.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$ARGV_FILE\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder builder = new ProcessBuilder("sh", bin.resolve("cluster_operator_run.sh").toString(),
                "render", "--file", "my file.yaml");
        builder.environment().put("PATH", fakeJavaDir + ":/usr/bin:/bin");
        builder.environment().put("ARGV_FILE", recorded.toString());
        builder.environment().put("JAVA_OPTS", "-Xmx256m -Dlog4j2.configurationFile=/etc/log4j2.properties");
        builder.environment().remove("STRIMZI_HOME");
        Process process = builder.redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        assertEquals(List.of("-XX:+ExitOnOutOfMemoryError", "-Xmx256m", "-Dlog4j2.configurationFile=/etc/log4j2.properties",
                        "-jar", home.toRealPath() + "/cluster-operator.jar", "render", "--file", "my file.yaml"),
                Files.readAllLines(recorded));
    }

    private static List<String> makeDryRun(Path dir, List<String> variables) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-n", "-C", dir.toString()));
        command.addAll(variables);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The environment of CI must not leak into the expectations.
        for (String name : List.of("RELEASE_VERSION", "DOCKER_CMD", "DOCKER_REGISTRY", "DOCKER_ORG")) {
            builder.environment().remove(name);
        }
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
    }
}
