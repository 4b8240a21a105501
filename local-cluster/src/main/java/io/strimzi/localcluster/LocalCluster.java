package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.TgzArtifact;
import io.strimzi.api.kafka.model.connect.build.ZipArtifact;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code make run} without a cluster: starts the local parts (mock API server, fake kubelet with real Buildah,
 * local registry with a busybox base image, artifact server), the operator as its own process (its real entry
 * point, configured through {@code STRIMZI_*} variables and a kubeconfig that points at the mock API server),
 * applies an example adapted to them, and prints what happens until the {@code KafkaConnect} is Ready (exit 0) or
 * fails (exit 1 with the reason). Missing tools: exit 2 with what to install.
 *
 * <p>Arguments: {@code [--file <KafkaConnect YAML>] [--builder buildah|layer] [--timeout-seconds N] [--keep]}. With
 * {@code --builder layer} ({@code make run BUILDER=layer}) the operator runs with {@code +UseConnectBuildWithLayerAppend}
 * and the build Pod runs the layer builder in the operator image, restricted (no capabilities, read-only root). The example is adapted: namespace,
 * output image (the local registry), plugins (a jar, a tgz and a zip served locally, with checksums) and the
 * Connect version's image (the local base image through {@code STRIMZI_KAFKA_CONNECT_IMAGES}). With {@code --keep}
 * ({@code make run KEEP=1}) everything keeps running once Ready, for kubectl ({@link KeepRunning}), until Ctrl-C.
 */
public final class LocalCluster {
    static final String NAMESPACE = "myproject";
    static final String DEFAULT_EXAMPLE = "examples/connect/kafka-connect-build.yaml";
    static final String CONNECT_VERSION = "4.1.0";
    static final String DEFAULT_OPERATOR_JAR = "cluster-operator/target/cluster-operator.jar";
    static final String USAGE = "usage: LocalCluster [--file <KafkaConnect YAML>] [--builder buildah|layer] [--operator-jar <jar>] "
            + "[--timeout-seconds N] [--keep]";
    /** Builder output lines longer than this are shortened (Buildah repeats each whole RUN instruction). */
    static final int OUTPUT_LINE_MAX = 200;
    private static final Duration POLL = Duration.ofMillis(200);

    private final PrintStream out;

    LocalCluster(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        // This process's own client would repeat the warning the operator logs about the v1beta2 API.
        org.apache.logging.log4j.core.config.Configurator.setLevel("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
                org.apache.logging.log4j.Level.ERROR);
        System.exit(new LocalCluster(System.out).run(args));
    }

    int run(String[] args) {
        Path example = Path.of(DEFAULT_EXAMPLE);
        boolean fileGiven = false;
        boolean keep = false;
        boolean layer = false;
        Duration timeout = Duration.ofSeconds(120);
        Path operatorJar = Path.of(DEFAULT_OPERATOR_JAR);
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--file") && i + 1 < args.length) {
                    example = Path.of(args[++i]);
                    fileGiven = true;
                } else if (args[i].equals("--operator-jar") && i + 1 < args.length) {
                    operatorJar = Path.of(args[++i]);
                } else if (args[i].equals("--timeout-seconds") && i + 1 < args.length) {
                    timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                } else if (args[i].equals("--keep")) {
                    keep = true;
                } else if (args[i].equals("--builder") && i + 1 < args.length && List.of("buildah", "layer").contains(args[i + 1])) {
                    layer = args[++i].equals("layer");
                } else {
                    out.println(USAGE);
                    return 2;
                }
            }
        } catch (NumberFormatException e) {
            out.println(USAGE);
            return 2;
        }
        List<String> missing = missingTools(Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin"));
        if (layer && LocalImages.fromCache().find(LocalImages.OPERATOR).isEmpty()) {
            missing.add("the local operator image " + LocalImages.OPERATOR);
        }
        if (layer && LocalImages.connectBuilderJar().isEmpty()) {
            missing.add(LocalImages.CONNECT_BUILDER_JAR + " (make build)");
        }
        if (!missing.isEmpty()) {
            out.println("Missing: " + String.join(", ", missing) + ". Install them with: make tools (sudo bash .ci/install-tools.sh)");
            return 2;
        }
        KafkaConnect connect;
        try {
            connect = readExample(example, fileGiven);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        Instant start = Instant.now();
        step("Starting the mock API server, local registry, artifact server and fake kubelet");
        FakeKubeletOptions.Listener listener = new FakeKubeletOptions.Listener() {
            @Override
            public void started(String pod, long pid) {
                step("Build Pod " + pod + " started (process " + pid + ")");
            }

            @Override
            public void output(String pod, String line) {
                out.println("    [builder] " + shorten(line));
            }

            @Override
            public void finished(String pod, int exitCode, String terminationMessage) {
                step("Build Pod " + pod + " finished with exit code " + exitCode + ": " + shorten(terminationMessage.strip()));
            }

            @Override
            public void problem(String pod, String message) {
                step("Build Pod " + pod + ": " + message);
            }
        };
        try (LocalParts parts = LocalParts.start(NAMESPACE, null, listener); ConnectRunProof proof = ConnectRunProof.start()) {
            step("Registry " + parts.registry().address() + " holds the base image " + parts.baseImage());
            adaptExample(parts, connect, layer);
            proof.adapt(parts, connect, this::step);
            step("Operator: " + (Files.isRegularFile(operatorJar) ? "java -jar " + operatorJar : LocalOperator.MAIN_CLASS + " on this class path"));
            Map<String, String> builderEnv = layer ? LocalOperator.layerBuilderEnvironment() : Map.of();
            step("Builder: " + (layer ? "the layer builder (" + LocalImages.OPERATOR + " with " + LocalImages.CONNECT_BUILDER_PATH
                    + ", restricted Pod)" : "Buildah (" + LocalImages.BUILDAH + ")"));
            try (LocalOperator operator = LocalOperator.start(parts, operatorJar, builderEnv, line -> out.println("    [operator] " + line))) {
                step("Operator started (process " + operator.pid() + ")");
                parts.client().resources(KafkaConnect.class).inNamespace(NAMESPACE).resource(connect).create();
                step("Applied KafkaConnect " + NAMESPACE + "/" + connect.getMetadata().getName()
                        + " with output image " + ((DockerOutput) connect.getSpec().getBuild().getOutput()).getImage());
                int result = follow(parts, connect.getMetadata().getName(), operator, timeout);
                if (result == 0) {
                    result = proof.run(parts, connect, out, this::step);
                }
                step((result == 0 ? "Done" : "Failed") + " after " + Duration.between(start, Instant.now()).toSeconds() + " s");
                if (result == 0 && keep) {
                    return new KeepRunning(out, parts, operator, connect).run();
                }
                return result;
            }
        } catch (RuntimeException e) {
            out.println("local cluster failed: " + e);
            return 1;
        }
    }

    /** The tools the local parts run, looked up on path (a PATH value), plus the static busybox. */
    static List<String> missingTools(String path) {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("buildah", "docker-registry", "skopeo", "runc")) {
            boolean found = Arrays.stream(path.split(":")).filter(dir -> !dir.isEmpty())
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                missing.add(tool);
            }
        }
        if (!Files.isExecutable(BaseImage.BUSYBOX)) {
            missing.add("busybox-static");
        }
        if (LocalImages.fromCache().find(LocalImages.BUILDAH).isEmpty()) {
            missing.add("the local Buildah image " + LocalImages.BUILDAH);
        }
        return missing;
    }

    /**
     * The KafkaConnect to build: the named file (which must exist), else the default example, else a built-in one.
     *
     * @throws IllegalArgumentException with the message for the user
     */
    KafkaConnect readExample(Path example, boolean fileGiven) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        KafkaConnect connect;
        if (Files.exists(example)) {
            try {
                connect = serialization.unmarshal(Files.readString(example), KafkaConnect.class);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("Cannot read a KafkaConnect from " + example + ": " + e.getMessage());
            }
            if (connect == null || connect.getSpec() == null) {
                throw new IllegalArgumentException("Cannot read a KafkaConnect from " + example + ": it has no spec");
            }
            step("Example " + example + ", adapted to the local parts");
        } else if (fileGiven) {
            throw new IllegalArgumentException("No such file: " + example);
        } else {
            connect = serialization.unmarshal("""
                    apiVersion: kafka.strimzi.io/v1beta2
                    kind: KafkaConnect
                    metadata:
                      name: my-connect-cluster
                    spec:
                      replicas: 1
                      bootstrapServers: my-cluster-kafka-bootstrap:9092
                      build:
                        output:
                          type: docker
                          image: placeholder
                    """, KafkaConnect.class);
            step("No " + example + " here (run from the repository root to use it): using a built-in example");
        }
        if (connect.getSpec().getBuild() == null) {
            throw new IllegalArgumentException(example + " has no spec.build: make run builds a Connect image and needs one "
                    + "(see " + DEFAULT_EXAMPLE + ")");
        }
        return connect;
    }

    /** The example with what cannot work here replaced by local parts; everything else as written. */
    private void adaptExample(LocalParts parts, KafkaConnect connect, boolean layer) {
        connect.getMetadata().setNamespace(NAMESPACE);
        connect.getSpec().setVersion(CONNECT_VERSION);
        connect.getSpec().setImage(null);
        DockerOutput output = connect.getSpec().getBuild().getOutput() instanceof DockerOutput docker ? docker : new DockerOutput();
        output.setImage(parts.registry().address() + "/connect/" + connect.getMetadata().getName() + ":latest");
        output.setPushSecret(null);
        if (layer) {
            // The layer builder has no registries.conf: the local registries are plain HTTP, which each phase is told.
            output.setAdditionalBuildOptions(List.of("--tls-verify=false"));
            output.setAdditionalPushOptions(List.of("--tls-verify=false"));
        }
        connect.getSpec().getBuild().setOutput(output);

        ArtifactServer artifacts = parts.artifacts();
        byte[] jar = TestArtifacts.jar(Map.of("io/example/EchoConnector.class", "stand-in for a connector"));
        byte[] tgz = TestArtifacts.tgz(Map.of("echo-plugin/lib/echo-lib.jar", "stand-in library", "echo-plugin/README", "read me"));
        byte[] zip = TestArtifacts.zip(Map.of("echo-zip/echo-zip.jar", "stand-in"), Map.of("echo-zip/link", "/etc/passwd"));
        JarArtifact jarArtifact = new JarArtifact();
        jarArtifact.setUrl(artifacts.serve("/echo/echo-connector.jar", jar));
        jarArtifact.setSha512sum(TestArtifacts.sha512(jar));
        TgzArtifact tgzArtifact = new TgzArtifact();
        tgzArtifact.setUrl(artifacts.serve("/echo/echo-plugin.tgz", tgz));
        tgzArtifact.setSha512sum(TestArtifacts.sha512(tgz));
        ZipArtifact zipArtifact = new ZipArtifact();
        zipArtifact.setUrl(artifacts.serve("/echo/echo-zip.zip", zip));
        zipArtifact.setSha512sum(TestArtifacts.sha512(zip));
        Plugin plugin = new Plugin();
        plugin.setName("echo-connector");
        plugin.setArtifacts(List.of(jarArtifact, tgzArtifact, zipArtifact));
        connect.getSpec().getBuild().setPlugins(List.of(plugin));
        step("Plugins replaced by a jar, a tgz and a zip served at " + artifacts.url("/echo/") + " (no internet needed)");
    }

    /** A long line as its head, an ellipsis and its tail. */
    static String shorten(String line) {
        if (line.length() <= OUTPUT_LINE_MAX) {
            return line;
        }
        return line.substring(0, OUTPUT_LINE_MAX - 60) + " ... " + line.substring(line.length() - 50)
                + " (" + line.length() + " characters)";
    }

    /** Prints each change of the build Pod, Deployment and status; 0 once Ready with the pushed digest. */
    private int follow(LocalParts parts, String name, LocalOperator operator, Duration timeout) {
        KubernetesClient client = parts.client();
        Instant deadline = Instant.now().plus(timeout);
        String lastPodState = null;
        String lastImage = null;
        String lastReady = null;
        while (Instant.now().isBefore(deadline)) {
            if (!operator.isAlive()) {
                out.println("The operator exited with " + operator.exitValue());
                return 1;
            }
            Pod pod = client.pods().inNamespace(NAMESPACE).withName(BuildNames.buildPodName(name)).get();
            String podState = pod == null ? null : describe(pod);
            // The kubelet's listener reports how the Pod finished; this reports the way there.
            if (podState != null && !podState.equals(lastPodState) && !podState.startsWith("Succeeded") && !podState.startsWith("Failed")) {
                step("Build Pod " + pod.getMetadata().getName() + ": " + podState);
            }
            lastPodState = podState == null ? lastPodState : podState;

            Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-connect").get();
            String image = deployment == null ? null : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            if (image != null && !image.equals(lastImage)) {
                step("Deployment " + name + "-connect runs " + image);
                lastImage = image;
            }

            KafkaConnect connect = client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName(name).get();
            Condition ready = connect == null || connect.getStatus() == null || connect.getStatus().getConditions() == null ? null
                    : connect.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
            String readyText = ready == null ? null : ready.getStatus() + " " + ready.getReason() + " " + ready.getMessage();
            if (readyText != null && !readyText.equals(lastReady)) {
                step("KafkaConnect " + name + " Ready=" + ready.getStatus()
                        + (ready.getReason() == null ? "" : " (" + ready.getReason() + ")")
                        + (ready.getMessage() == null ? "" : ": " + ready.getMessage()));
                lastReady = readyText;
            }
            if (ready != null && "True".equals(ready.getStatus())) {
                return checkPushedImage(parts, connect, lastImage);
            }
            if (ready != null && "False".equals(ready.getStatus()) && isFailure(ready.getReason())) {
                out.println("The KafkaConnect is not Ready: " + ready.getReason() + ": " + ready.getMessage());
                return 1;
            }
            sleep(POLL);
        }
        out.println("Timed out after " + timeout.toSeconds() + " s waiting for the KafkaConnect to become Ready");
        return 1;
    }

    /** Ready=False reasons that end the run (others, such as BuildRunning, are progress). */
    static boolean isFailure(String reason) {
        return reason != null && (reason.equals("InvalidResource") || reason.endsWith("Failed")
                || reason.endsWith("Timeout") || reason.endsWith("Error"));
    }

    private int checkPushedImage(LocalParts parts, KafkaConnect connect, String deploymentImage) {
        String output = ((DockerOutput) connect.getSpec().getBuild().getOutput()).getImage();
        String withoutRegistry = output.substring(parts.registry().address().length() + 1);
        String repository = withoutRegistry.substring(0, withoutRegistry.lastIndexOf(':'));
        String tag = withoutRegistry.substring(withoutRegistry.lastIndexOf(':') + 1);
        String expected = parts.registry().address() + "/" + repository + "@" + parts.registry().requireDigestOf(repository, tag);
        if (!expected.equals(deploymentImage)) {
            out.println("Ready, but the Deployment runs " + deploymentImage + " while the registry holds " + expected);
            return 1;
        }
        step("The Deployment runs exactly the image the registry holds: " + expected);
        return 0;
    }

    private static String describe(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
            return "created";
        }
        if (pod.getStatus().getContainerStatuses() != null && !pod.getStatus().getContainerStatuses().isEmpty()) {
            ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
            if (terminated != null) {
                return pod.getStatus().getPhase() + ", exit code " + terminated.getExitCode();
            }
        }
        return pod.getStatus().getPhase();
    }

    void step(String message) {
        out.println("==> " + message);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
