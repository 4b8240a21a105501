package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.UnsupportedFields;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.BuildWarnings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** `render` in-process: examples, platforms, gates, the STRIMZI_* variables and every kind of refusal. */
class RenderCommandTest {
    static final Path ROOT = repositoryRoot();
    static final Path EXAMPLES = ROOT.resolve("examples");
    static final Path REFERENCE_EXAMPLE = EXAMPLES.resolve("connect/kafka-connect-build.yaml");
    /** Each example says how it renders in a comment line `# render: <arguments>` (possibly no arguments). */
    private static final Pattern RENDER_MARKER = Pattern.compile("(?m)^# render:(.*)$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String VERSION = OperatorVersion.current();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
        List<HasMetadata> objects() {
            return parseDocuments(out);
        }

        List<String> kinds() {
            return objects().stream().map(HasMetadata::getKind).toList();
        }
    }

    static Run render(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(new RenderCommand(environment, outStream, errStream));
        commandLine.setErr(new PrintWriter(errStream, true));
        commandLine.setOut(new PrintWriter(outStream, true));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run render(String... args) {
        return render(Map.of(), args);
    }

    /** Splits on the `---` lines render writes between documents and reads each as a Kubernetes object. */
    static List<HasMetadata> parseDocuments(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\n")) {
            if (!document.isBlank()) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    static Path write(Path dir, String yaml) {
        try {
            Path file = dir.resolve("kafka-connect.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the examples ----

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
            // Guards against a vacuous pass: these are the examples users start from.
            for (String dir : List.of("connect/", "connect/v1/")) {
                assertTrue(yaml.containsAll(List.of(EXAMPLES.resolve(dir + "kafka-connect-build.yaml"),
                        EXAMPLES.resolve(dir + "kafka-connect.yaml"), EXAMPLES.resolve(dir + "kafka-connect-build-kaniko.yaml"),
                        EXAMPLES.resolve(dir + "kafka-connect-build-openshift.yaml"))), "examples found: " + yaml);
            }
            return yaml.stream();
        }
    }

    static List<String> markerArguments(String example) {
        Matcher marker = RENDER_MARKER.matcher(example);
        if (!marker.find()) {
            fail("every example says how to render it in a '# render: <arguments>' comment line");
        }
        String arguments = marker.group(1).strip();
        return arguments.isEmpty() ? List.of() : Arrays.asList(arguments.split("\\s+"));
    }

    /**
     * Each example renders with the arguments it names, in either version; except, while the operator does not support
     * some of the fields it sets (UnsupportedFields, e.g. v1's groupId), it is refused naming exactly those.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleRendersWithTheGatesItIsWrittenFor(Path example) throws IOException {
        String text = Files.readString(example);
        List<String> args = new ArrayList<>(List.of("--file", example.toString()));
        args.addAll(markerArguments(text));
        Run run = render(args.toArray(String[]::new));

        List<String> unsupported = UnsupportedFields.set(YAML.readTree(text));
        if (!unsupported.isEmpty()) {
            assertEquals(1, run.status(), run.err());
            assertTrue(run.err().startsWith(String.join(", ", unsupported) + " are not supported by this operator yet"), run.err());
            assertEquals("", run.out());
            return;
        }
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        KafkaConnect connect = KafkaConnectReader.read(text);
        String name = connect.getMetadata().getName();
        boolean openShift = args.contains("--platform=openshift") || String.join(" ", args).contains("--platform openshift");
        List<String> expectedKinds = new ArrayList<>();
        List<String> expectedNames = new ArrayList<>();
        if (connect.getSpec().getBuild() != null) {
            if (openShift) {
                expectedKinds.add("BuildConfig");
                expectedNames.add(BuildNames.buildConfigName(name));
            } else {
                expectedKinds.addAll(List.of("ConfigMap", "ServiceAccount", "Pod"));
                // The layer builder's input is its build plan, the others' the Dockerfile.
                expectedNames.addAll(List.of(String.join(" ", args).contains("+UseConnectBuildWithLayerAppend")
                                ? BuildNames.buildPlanConfigMapName(name) : BuildNames.dockerfileConfigMapName(name),
                        BuildNames.serviceAccountName(name), BuildNames.buildPodName(name)));
            }
        }
        expectedKinds.addAll(List.of("ServiceAccount", "ConfigMap", "Service", "PodDisruptionBudget", "Deployment"));
        expectedNames.addAll(List.of(KafkaConnectCluster.serviceAccountName(name), KafkaConnectCluster.configMapName(name),
                KafkaConnectCluster.serviceName(name), KafkaConnectCluster.podDisruptionBudgetName(name),
                KafkaConnectCluster.deploymentName(name)));

        List<HasMetadata> objects = run.objects();
        assertEquals(expectedKinds, objects.stream().map(HasMetadata::getKind).toList());
        assertEquals(expectedNames, objects.stream().map(o -> o.getMetadata().getName()).toList());
        assertInstanceOf(Deployment.class, objects.get(objects.size() - 1));
        assertInstanceOf(PodDisruptionBudget.class, objects.get(objects.size() - 2));
        assertInstanceOf(Service.class, objects.get(objects.size() - 3));
        assertInstanceOf(ConfigMap.class, objects.get(objects.size() - 4));
    }

    @Test
    void referenceExampleIsRefusedUnderKanikoNamingTheFieldAndTheOption() {
        Run run = render("--file", REFERENCE_EXAMPLE.toString(), "--feature-gates=-UseConnectBuildWithBuildah");

        assertEquals(1, run.status());
        assertEquals("", run.out(), "nothing is rendered for an invalid resource");
        assertTrue(run.err().startsWith("Invalid .spec.build.output.additionalBuildOptions: options not allowed with the "
                + "Kaniko builder: --tls-verify (allowed: "), run.err());
        // Kaniko does not use additionalPushOptions, so the push option --quiet is not what it objects to.
        assertFalse(run.err().contains("--quiet"), run.err());
        assertEquals(1, run.err().lines().count(), "one message: " + run.err());
    }

    @Test
    void referenceExampleUnderBuildahGivesTheBuildahPodAndAPlaceholderImage() {
        Run run = render(Map.of(ClusterOperatorConfig.STRIMZI_DEFAULT_BUILDAH_IMAGE, "registry.example.com/tools/buildah:1.40"),
                "--file", REFERENCE_EXAMPLE.toString(), "--feature-gates", "+UseConnectBuildWithBuildah");
        assertEquals(0, run.status(), run.err());
        List<HasMetadata> objects = run.objects();
        assertEquals(List.of("ConfigMap", "ServiceAccount", "Pod", "ServiceAccount", "ConfigMap", "Service", "PodDisruptionBudget", "Deployment"),
                objects.stream().map(HasMetadata::getKind).toList());

        Pod pod = (Pod) objects.get(2);
        Deployment deployment = (Deployment) objects.get(7);
        String revision = pod.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION);
        assertAll(
            () -> assertEquals("registry.example.com/tools/buildah:1.40", pod.getSpec().getContainers().get(0).getImage(),
                    "STRIMZI_DEFAULT_BUILDAH_IMAGE is read as the operator reads it"),
            () -> assertTrue(String.join(" ", pod.getSpec().getContainers().get(0).getArgs()).contains("--tls-verify=false")),
            () -> assertEquals(revision, deployment.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION)),
            () -> assertEquals("my-internal-registry:5000/repository/image:latest",
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()),
            () -> assertTrue(run.out().contains("---\n# Placeholder image: after build revision " + revision
                    + " succeeds, the operator sets the image"), "the placeholder is marked before the Deployment"),
            () -> assertEquals(1, Pattern.compile("(?m)^# ").matcher(run.out()).results().count(), "one note only"),
            () -> assertNull(deployment.getMetadata().getNamespace(), "the example has no namespace; render adds none"));
    }

    @Test
    void openShiftGivesABuildConfigAndNoPodWhateverTheGate() {
        for (String gates : List.of("+UseConnectBuildWithBuildah", "-UseConnectBuildWithBuildah")) {
            Run run = render("--file", REFERENCE_EXAMPLE.toString(), "--platform", "openshift", "--feature-gates", gates);
            assertEquals(0, run.status(), gates + ": " + run.err());
            List<HasMetadata> objects = run.objects();
            assertEquals(List.of("BuildConfig", "ServiceAccount", "ConfigMap", "Service", "PodDisruptionBudget", "Deployment"),
                    objects.stream().map(HasMetadata::getKind).toList(), gates);
            GenericKubernetesResource buildConfig = assertInstanceOf(GenericKubernetesResource.class, objects.get(0));
            assertEquals("build.openshift.io/v1", buildConfig.getApiVersion());
            assertFalse(objects.stream().anyMatch(o -> o instanceof Pod), gates);
            assertEquals(List.of("my-connect-cluster-connect"), objects.stream().filter(o -> o instanceof ServiceAccount)
                    .map(o -> o.getMetadata().getName()).toList(), "only the Connect pods' ServiceAccount: " + gates);
        }
    }

    @Test
    void withoutBuildTheDeploymentRunsTheImageOfTheVersion() {
        Run run = render(Map.of(ClusterOperatorConfig.STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=registry.example.com/kafka:own-4.1.0"),
                "--file", EXAMPLES.resolve("connect/kafka-connect.yaml").toString());
        assertEquals(0, run.status(), run.err());
        Deployment deployment = (Deployment) run.objects().get(4);
        assertEquals("registry.example.com/kafka:own-4.1.0", deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertFalse(run.out().contains(BuildNames.REVISION_ANNOTATION), "no build annotations without a build");
        assertFalse(run.out().contains("\n#"), "no placeholder without a build");
    }

    @Test
    void namespaceOfTheFileIsKeptOnEveryObject(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(REFERENCE_EXAMPLE).replace("  name: my-connect-cluster\n",
                "  name: my-connect-cluster\n  namespace: kafka\n");
        Run run = render("--file", write(dir, yaml).toString(), "--feature-gates=+UseConnectBuildWithBuildah");
        assertEquals(0, run.status(), run.err());
        assertEquals(8, run.objects().size());
        run.objects().forEach(o -> assertEquals("kafka", o.getMetadata().getNamespace(), o.getKind()));
    }

    /** Rack and JMX: the ClusterRoleBinding, and the JMX Secret without credentials (generated only on the cluster). */
    @Test
    void rackAndJmxRenderTheirObjectsAndNoCredentials(@TempDir Path dir) throws IOException {
        String yaml = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata: {name: zoned, namespace: kafka}
                spec:
                  bootstrapServers: my-kafka:9092
                  rack: {topologyKey: topology.kubernetes.io/zone}
                  jmxOptions: {authentication: {type: password}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: unrelated, namespace: kafka}
                data: {a: b}
                """;
        Run run = render("--file", write(dir, yaml).toString());
        assertEquals(0, run.status(), run.err());
        List<String> kinds = run.objects().stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
        assertTrue(kinds.contains("ClusterRoleBinding/strimzi-kafka-zoned-connect-init"), kinds::toString);
        io.fabric8.kubernetes.api.model.Secret secret = (io.fabric8.kubernetes.api.model.Secret) run.objects().stream()
                .filter(o -> "Secret".equals(o.getKind())).findFirst().orElseThrow();
        assertEquals("zoned-connect-jmx", secret.getMetadata().getName());
        assertTrue(secret.getData() == null || secret.getData().isEmpty(), "no generated password printed");
        assertTrue(run.out().contains("# The operator generates jmx-username and jmx-password once"), run.out());
    }

    @Test
    void featureGatesOptionOverridesTheVariable() {
        Map<String, String> env = Map.of(ClusterOperatorConfig.STRIMZI_FEATURE_GATES, "+UseConnectBuildWithBuildah");
        assertEquals(0, render(env, "--file", REFERENCE_EXAMPLE.toString()).status(), "the variable alone selects Buildah");
        assertEquals(1, render(env, "--file", REFERENCE_EXAMPLE.toString(), "--feature-gates=-UseConnectBuildWithBuildah").status());
    }

    @Test
    void deprecatedKanikoOptionsRenderWithTheWarningOnStderr(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(EXAMPLES.resolve("connect/kafka-connect-build-kaniko.yaml"))
                .replace("additionalBuildOptions:", "additionalKanikoOptions:");
        Run run = render("--file", write(dir, yaml).toString(), "--feature-gates=-UseConnectBuildWithBuildah");
        assertEquals(0, run.status(), run.err());
        assertEquals("Warning condition DeprecatedFields: " + BuildWarnings.deprecatedKanikoOptions().getMessage()
                + System.lineSeparator(), run.err());
        Pod pod = (Pod) run.objects().get(2);
        assertTrue(pod.getSpec().getContainers().get(0).getArgs().contains("--skip-tls-verify-pull"));
    }

    /** A v1 resource renders exactly as its v1beta2 twin, whatever the outcome (the operator reads both as v1beta2). */
    @Test
    void v1RendersAsItsV1beta2Twin(@TempDir Path dir) throws IOException {
        String v1 = Files.readString(EXAMPLES.resolve("connect/v1/kafka-connect-build.yaml"));
        Path twinDir = Files.createDirectory(dir.resolve("twin"));
        Run fromV1 = render("--file", write(dir, v1).toString(), "--feature-gates=+UseConnectBuildWithBuildah");
        Run fromV1beta2 = render("--file", write(twinDir, v1.replace("apiVersion: kafka.strimzi.io/v1\n",
                "apiVersion: kafka.strimzi.io/v1beta2\n")).toString(), "--feature-gates=+UseConnectBuildWithBuildah");
        assertEquals(fromV1beta2, fromV1);
    }

    /** The README's command, pasted as it stands into a shell, runs render (its options are on their own lines). */
    @Test
    void readmeRenderCommandRunsAsPasted() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("(?s)```sh\n(java -jar cluster-operator/target/cluster-operator\\.jar render .*?)```").matcher(readme);
        assertTrue(block.find(), "the README shows the render command");
        String command = block.group(1).replace("java -jar cluster-operator/target/cluster-operator.jar render", "render_args");
        // The shell decides what the pasted lines are; each line's arguments go to render as the shell splits them.
        Process shell = new ProcessBuilder("bash", "-c", "render_args() { printf '%s\\0' \"$@\"; echo; }\n" + command)
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.waitFor(), "the shell runs the README's command: " + output);
        for (String line : output.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] args = line.split("\0");
            for (int i = 0; i + 1 < args.length; i++) {
                if ("--file".equals(args[i])) {
                    args[i + 1] = ROOT.resolve(args[i + 1]).toString(); // the shell ran in the repository root
                }
            }
            Run run = render(args);
            assertEquals(0, run.status(), String.join(" ", args) + ": " + run.err());
        }
    }

    // ---- refusals ----

    /** A KafkaConnect with a Buildah-valid build, into which a test splices one invalid part. */
    static String connectYaml(String spec, String build) {
        return """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: my-connect
                spec:
                  version: 4.1.0
                  bootstrapServers: my-kafka:9092
                %s  build:
                    output:
                      type: docker
                      image: registry.example.com/team/connect:latest
                %s    plugins:
                      - name: echo
                        artifacts:
                          - type: jar
                            url: https://example.com/echo.jar
                """.formatted(spec, build);
    }

    /** The jar's entry point (Main, with the process's own streams and environment) dispatches to render. */
    @Test
    void entryPointRunsRender() {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = new CommandLine(new Main()).execute("render", "--file", REFERENCE_EXAMPLE.toString(),
                    "--feature-gates=+UseConnectBuildWithBuildah", "--platform=kubernetes");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, stderr);
        assertFalse(stderr.contains("Cluster operator " + VERSION + " starting"), "render must not start the operator: " + stderr);
        assertEquals(List.of("ConfigMap", "ServiceAccount", "Pod", "ServiceAccount", "ConfigMap", "Service", "PodDisruptionBudget", "Deployment"),
                parseDocuments(out.toString(StandardCharsets.UTF_8)).stream().map(HasMetadata::getKind).toList());
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
