package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.Artifact;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.DownloadableArtifact;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.OtherArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.TgzArtifact;
import io.strimzi.api.kafka.model.connect.build.ZipArtifact;
import io.strimzi.operator.cluster.model.build.KafkaConnectBuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The issue's end-to-end scenarios: a KafkaConnect goes into the mock API server, the real operator (its own
 * process) creates the build Pod, the fake kubelet runs it with real Buildah against the real local registry, and
 * the Deployment must end on exactly the digest the registry reports for the pushed tag.
 */
class ConnectBuildScenariosTest {
    private static final String NAMESPACE = "scenarios";
    private static final String KANIKO_NAMESPACE = "scenarios-kaniko";
    private static final Duration TIMEOUT = Duration.ofSeconds(150);

    private static LocalParts parts;
    private static LocalOperator operator;
    private static LocalOperator kanikoOperator;
    private static KubernetesClient client;
    private static LocalRegistry registry;
    private static ArtifactServer artifacts;
    private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    private static final Duration OPERATOR_GRACE = Duration.ofSeconds(30);
    private static Instant operatorStarted;
    private static volatile boolean operatorSeenWorking;

    @BeforeAll
    static void startEverything() {
        FakeKubelet.Listener listener = new FakeKubelet.Listener() {
            @Override
            public void output(String pod, String line) {
                OUTPUT.add("[" + pod + "] " + line);
            }
        };
        parts = LocalParts.start(NAMESPACE, null, listener);
        client = parts.client();
        registry = parts.registry();
        artifacts = parts.artifacts();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(KANIKO_NAMESPACE).endMetadata().build()).create();
        operatorStarted = Instant.now();
        operator = LocalOperator.start(parts, null, Map.of(), line -> OUTPUT.add("[operator] " + line));
        kanikoOperator = LocalOperator.start(parts, null, Map.of(
                "STRIMZI_NAMESPACE", KANIKO_NAMESPACE,
                "STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE", KANIKO_NAMESPACE,
                "STRIMZI_FEATURE_GATES", "-UseConnectBuildWithBuildah",
                "STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE", "gcr.io/kaniko-project/executor:v1.23.2"),
                line -> OUTPUT.add("[kaniko-operator] " + line));
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable closeable : Arrays.asList(kanikoOperator, operator, parts)) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        if (operator != null) {
            assertFalse(operator.isAlive());
        }
        if (registry != null) {
            assertFalse(registry.isRunning());
        }
    }

    // 1. jar, tgz, zip and other, all with checksums, tagged output
    @Test
    void everyArtifactTypeLandsInTheImageAndTheDeploymentRunsThePushedDigest() {
        byte[] jar = TestArtifacts.jar(Map.of("io/example/A.class", "jar content"));
        byte[] tgz = TestArtifacts.tgz(ordered("tgz-plugin/lib/b.jar", "tgz content", "tgz-plugin/README", "read me"));
        byte[] zip = TestArtifacts.zip(Map.of("zip-plugin/c.jar", "zip content"), Map.of("zip-plugin/escape", "/etc/passwd"));
        byte[] other = "connector.class=io.example.A\n".getBytes(StandardCharsets.UTF_8);
        KafkaConnect connect = connect("all-types", registry.address() + "/scenarios/all-types:v1",
                plugin("jar-and-tgz", jar("/all/a.jar", jar), tgz("/all/b.tgz", tgz)),
                plugin("zip-and-other", zip("/all/c.zip", zip), other("/all/d.properties", other, "connector.properties")));
        create(connect);

        String image = awaitReadyImage("all-types", 1);
        assertEquals(registry.address() + "/scenarios/all-types@" + registry.requireDigestOf("scenarios/all-types", "v1"), image);

        ImageContents contents = ImageContents.read(registry, image);
        assertFileUnder(contents, "/opt/kafka/plugins/jar-and-tgz", path -> true, jar);
        assertFileUnder(contents, "/opt/kafka/plugins/jar-and-tgz", path -> path.endsWith("/tgz-plugin/lib/b.jar"), bytes("tgz content"));
        assertFileUnder(contents, "/opt/kafka/plugins/zip-and-other", path -> path.endsWith("/zip-plugin/c.jar"), bytes("zip content"));
        assertFileUnder(contents, "/opt/kafka/plugins/zip-and-other", path -> path.endsWith("/connector.properties"), other);
        List<String> links = contents.list("/opt/kafka/plugins").stream()
                .filter(path -> contents.get(path).type() == ImageContents.Entry.Type.SYMLINK).toList();
        assertEquals(List.of(), links, "symbolic links unpacked from the zip are removed");
        assertFalse(contents.list("/opt/kafka/plugins").stream().anyMatch(path -> path.endsWith(".tgz") || path.endsWith(".zip")),
                "archives are deleted after unpacking: " + contents.list("/opt/kafka/plugins"));
    }

    // 2. output image without a tag: pushed as latest
    @Test
    void outputWithoutTagIsPushedAsLatest() {
        byte[] jar = TestArtifacts.jar(Map.of("NoTag.class", "no tag"));
        create(connect("no-tag", registry.address() + "/scenarios/no-tag", plugin("plugin", jar("/no-tag/a.jar", jar))));
        String image = awaitReadyImage("no-tag", 1);
        assertEquals(registry.address() + "/scenarios/no-tag@" + registry.requireDigestOf("scenarios/no-tag", "latest"), image);
    }

    // 3. a registry with htpasswd and a pushSecret; wrong credentials fail clearly
    @Test
    void pushSecretReachesAnAuthenticatedRegistryAndWrongCredentialsFailClearly() {
        LocalRegistry.Credentials credentials = new LocalRegistry.Credentials("connect-pusher", "s3cret word");
        try (LocalRegistry privateRegistry = LocalRegistry.start(credentials)) {
            createPushSecret("good-push-secret", privateRegistry.address(), credentials.username(), credentials.password());
            createPushSecret("bad-push-secret", privateRegistry.address(), credentials.username(), "not the password");
            byte[] jar = TestArtifacts.jar(Map.of("Auth.class", "auth"));
            List<String> tlsOff = List.of("--tls-verify=false");

            KafkaConnect good = connect("auth-good", privateRegistry.address() + "/scenarios/auth:v1", plugin("plugin", jar("/auth/a.jar", jar)));
            output(good).setPushSecret("good-push-secret");
            output(good).setAdditionalPushOptions(tlsOff);
            create(good);
            String image = awaitReadyImage("auth-good", 1);
            assertEquals(privateRegistry.address() + "/scenarios/auth@" + privateRegistry.requireDigestOf("scenarios/auth", "v1"), image);

            KafkaConnect bad = connect("auth-bad", privateRegistry.address() + "/scenarios/auth-bad:v1", plugin("plugin", jar("/auth/a.jar", jar)));
            output(bad).setPushSecret("bad-push-secret");
            output(bad).setAdditionalPushOptions(tlsOff);
            create(bad);
            Condition failed = awaitNotReady("auth-bad", 1);
            assertTrue(failed.getMessage().contains("unauthorized") || failed.getMessage().contains("authentication required"),
                    failed.getMessage());
        }
    }

    // 4 and 5 (registry down at push time, retry after back-off): options with --tls-verify=false and --retry
    @Test
    void registryDownAtPushKeepsThePreviousImageAndTheRetryAfterBackOffSucceeds() {
        try (LocalRegistry output = LocalRegistry.start()) {
            byte[] first = TestArtifacts.jar(Map.of("Retry.class", "first"));
            KafkaConnect connect = connect("retry", output.address() + "/scenarios/retry:v1", plugin("plugin", jar("/retry/first.jar", first)));
            // This registry is not in the kubelet's registries.conf: plain HTTP only through the options.
            output(connect).setAdditionalBuildOptions(List.of("--tls-verify=false", "--retry=1"));
            output(connect).setAdditionalPushOptions(List.of("--tls-verify=false", "--retry=1", "--retry-delay=1s"));
            create(connect);
            String previous = awaitReadyImage("retry", 1);
            assertEquals(output.address() + "/scenarios/retry@" + output.requireDigestOf("scenarios/retry", "v1"), previous);

            output.stopProcessOnly();
            byte[] second = TestArtifacts.jar(Map.of("Retry.class", "second"));
            long generation = update("retry", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/retry/second.jar", second))));
            Condition failed = awaitNotReady("retry", generation);
            assertTrue(failed.getMessage().contains("connection refused") || failed.getMessage().contains("push"), failed.getMessage());
            assertEquals(previous, deploymentImage("retry"), "the running Connect cluster is not touched");

            output.restart();
            String rebuilt = awaitReadyImage("retry", generation);
            assertNotEquals(previous, rebuilt);
            assertEquals(output.address() + "/scenarios/retry@" + output.requireDigestOf("scenarios/retry", "v1"), rebuilt);
        }
    }

    // 5. checksum mismatch, artifact 404, base image missing
    @Test
    void buildFailuresShowTheirCauseAndKeepThePreviousImage() {
        byte[] jar = TestArtifacts.jar(Map.of("Fail.class", "fine"));
        create(connect("failing", registry.address() + "/scenarios/failing:v1", plugin("plugin", jar("/failing/a.jar", jar))));
        String previous = awaitReadyImage("failing", 1);

        long checksum = update("failing", c -> ((DownloadableArtifact) c.getSpec().getBuild().getPlugins().get(0).getArtifacts().get(0))
                .setSha512sum("ab".repeat(64)));
        Condition mismatch = awaitNotReady("failing", checksum);
        assertTrue(mismatch.getMessage().contains("FAILED") || mismatch.getMessage().contains("did NOT match"),
                () -> "the status does not show the cause: " + mismatch.getMessage() + "\nbuilder output:\n" + builderLog("failing"));
        assertEquals(previous, deploymentImage("failing"));

        long missing = update("failing", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(
                List.of(downloadable(new JarArtifact(), artifacts.url("/failing/nowhere.jar"), null))));
        Condition notFound = awaitNotReady("failing", missing);
        assertTrue(notFound.getMessage().contains("404"),
                () -> "the status does not show the cause: " + notFound.getMessage() + "\nbuilder output:\n" + builderLog("failing"));
        assertEquals(previous, deploymentImage("failing"));

        long noBase = update("failing", c -> {
            c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/failing/a.jar", jar)));
            c.getSpec().setImage(registry.address() + "/strimzi/no-such-base:1");
        });
        Condition baseMissing = awaitNotReady("failing", noBase);
        assertTrue(baseMissing.getMessage().contains("no-such-base"), baseMissing.getMessage());
        assertEquals(previous, deploymentImage("failing"));
    }

    // 6. a plugin change gives a new digest and a rolled Deployment; an unchanged resource gives no new build
    @Test
    void pluginChangeRollsTheDeploymentWhileAnUnchangedResourceIsNotRebuilt() throws InterruptedException {
        byte[] v1 = TestArtifacts.jar(Map.of("Change.class", "v1"));
        create(connect("change", registry.address() + "/scenarios/change:v1", plugin("plugin", jar("/change/v1.jar", v1))));
        String first = awaitReadyImage("change", 1);
        int buildsAfterFirst = buildsOf("change");
        assertEquals(1, buildsAfterFirst);

        // A metadata-only change makes the operator reconcile without changing what is built.
        client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName("change")
                .edit(c -> {
                    c.getMetadata().setAnnotations(Map.of("example.com/touched", "yes"));
                    return c;
                });
        Thread.sleep(3000);
        assertEquals(buildsAfterFirst, buildsOf("change"), "no build for an unchanged build spec");
        assertEquals(first, deploymentImage("change"));

        byte[] v2 = TestArtifacts.jar(Map.of("Change.class", "v2"));
        long generation = update("change", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/change/v2.jar", v2))));
        String second = awaitReadyImage("change", generation);
        assertNotEquals(first, second);
        assertEquals(registry.address() + "/scenarios/change@" + registry.requireDigestOf("scenarios/change", "v1"), second);
        assertEquals(buildsAfterFirst + 1, buildsOf("change"));
    }

    // 7. hostile values that pass validation are built safely
    @Test
    void hostileValuesThatPassValidationRunNothing(@org.junit.jupiter.api.io.TempDir Path markerDir) {
        Path marker = markerDir.resolve("pwned");
        byte[] jar = TestArtifacts.jar(Map.of("Hostile.class", "hostile"));
        artifacts.serve("/hostile/a.jar", jar);
        // Shell syntax that a URL may carry ($, parentheses, single quotes, ;, &); backticks, double quotes, | and braces
        // are not legal in an HTTP request line, so the JDK artifact server would answer 400 before any shell matters.
        String url = artifacts.url("/hostile/a.jar") + "?q=$(touch$IFS" + marker + ")&r=';touch$IFS" + marker + ";'&s=&&touch$IFS" + marker;
        JarArtifact hostile = downloadable(new JarArtifact(), url, TestArtifacts.sha512(jar));
        create(connect("hostile", registry.address() + "/scenarios/hostile:v1", plugin("plugin", hostile)));

        Condition ready = awaitSettled("hostile", 1);
        assertFalse(Files.exists(marker), "a command from the URL ran on the build host");
        if ("True".equals(ready.getStatus())) {
            ImageContents contents = ImageContents.read(registry, deploymentImage("hostile"));
            assertFalse(contents.entries().keySet().stream().anyMatch(path -> path.contains("pwned")),
                    "a command from the URL ran in the build: " + contents.list("/tmp"));
            assertFileUnder(contents, "/opt/kafka/plugins/plugin", path -> true, jar);
        } else {
            assertEquals("InvalidResource", ready.getReason(), () -> ready.getMessage() + "\nbuilder output:\n" + builderLog("hostile"));
            assertTrue(ready.getMessage().contains(".spec.build.plugins[0].artifacts[0].url"), ready.getMessage());
        }
    }

    // 8. Kaniko: there is no Kaniko binary here, so the test plays the executor's result
    @Test
    void kanikoTerminationMessageRollsTheDeployment() {
        byte[] jar = TestArtifacts.jar(Map.of("Kaniko.class", "kaniko"));
        KafkaConnect connect = connect("kaniko", registry.address() + "/scenarios/kaniko:v1", plugin("plugin", jar("/kaniko/a.jar", jar)));
        connect.getMetadata().setNamespace(KANIKO_NAMESPACE);
        client.resources(KafkaConnect.class).inNamespace(KANIKO_NAMESPACE).resource(connect).create();

        String podName = KafkaConnectBuild.buildPodName("kaniko");
        Pod pod = await("the Kaniko build Pod", () -> client.pods().inNamespace(KANIKO_NAMESPACE).withName(podName).get(), Objects::nonNull);
        assertTrue(LocalParts.isKanikoPod(pod), "the fake kubelet cannot run it: there is no Kaniko executor on this machine");
        List<String> args = pod.getSpec().getContainers().get(0).getArgs();
        assertTrue(args.contains("--destination=" + registry.address() + "/scenarios/kaniko:v1"), args.toString());
        assertTrue(args.contains("--dockerfile=/dockerfile/Dockerfile"), args.toString());

        // What Kaniko writes with --image-name-with-digest-file=/dev/termination-log: the repository by digest.
        String reported = registry.address() + "/scenarios/kaniko@sha256:" + "0123456789abcdef".repeat(4);
        client.pods().inNamespace(KANIKO_NAMESPACE).withName(podName).editStatus(current -> new PodBuilder(current)
                .editOrNewStatus()
                    .withPhase("Succeeded")
                    .withContainerStatuses(new ContainerStatusBuilder()
                            .withName(current.getSpec().getContainers().get(0).getName())
                            .withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withMessage(reported)
                            .endTerminated().endState()
                            .build())
                .endStatus()
                .build());

        await("Ready with the Kaniko image", () -> readyCondition(KANIKO_NAMESPACE, "kaniko"),
                condition -> condition != null && "True".equals(condition.getStatus()));
        assertEquals(reported, deploymentImage(KANIKO_NAMESPACE, "kaniko"));
    }

    // ---- helpers

    private static KafkaConnect connect(String name, String outputImage, Plugin... plugins) {
        KafkaConnect connect = new KafkaConnect();
        connect.getMetadata().setName(name);
        connect.getMetadata().setNamespace(NAMESPACE);
        KafkaConnectSpec spec = new KafkaConnectSpec();
        spec.setVersion(LocalCluster.CONNECT_VERSION);
        spec.setReplicas(1);
        spec.setBootstrapServers("my-kafka-bootstrap:9092");
        DockerOutput output = new DockerOutput();
        output.setImage(outputImage);
        Build build = new Build();
        build.setOutput(output);
        build.setPlugins(List.of(plugins));
        spec.setBuild(build);
        connect.setSpec(spec);
        return connect;
    }

    private static DockerOutput output(KafkaConnect connect) {
        return (DockerOutput) connect.getSpec().getBuild().getOutput();
    }

    private static Plugin plugin(String name, Artifact... artifacts) {
        Plugin plugin = new Plugin();
        plugin.setName(name);
        plugin.setArtifacts(List.of(artifacts));
        return plugin;
    }

    private static JarArtifact jar(String path, byte[] content) {
        return downloadable(new JarArtifact(), artifacts.serve(path, content), TestArtifacts.sha512(content));
    }

    private static TgzArtifact tgz(String path, byte[] content) {
        return downloadable(new TgzArtifact(), artifacts.serve(path, content), TestArtifacts.sha512(content));
    }

    private static ZipArtifact zip(String path, byte[] content) {
        return downloadable(new ZipArtifact(), artifacts.serve(path, content), TestArtifacts.sha512(content));
    }

    private static OtherArtifact other(String path, byte[] content, String fileName) {
        OtherArtifact artifact = downloadable(new OtherArtifact(), artifacts.serve(path, content), TestArtifacts.sha512(content));
        artifact.setFileName(fileName);
        return artifact;
    }

    private static <T extends DownloadableArtifact> T downloadable(T artifact, String url, String sha512) {
        artifact.setUrl(url);
        artifact.setSha512sum(sha512);
        return artifact;
    }

    private static Map<String, String> ordered(String... pathsAndContents) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            entries.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return entries;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void create(KafkaConnect connect) {
        client.resources(KafkaConnect.class).inNamespace(NAMESPACE).resource(connect).create();
    }

    /** Applies a spec change and returns the new generation. */
    private static long update(String name, java.util.function.Consumer<KafkaConnect> change) {
        KafkaConnect updated = client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName(name).edit(c -> {
            change.accept(c);
            return c;
        });
        return updated.getMetadata().getGeneration();
    }

    private static void createPushSecret(String name, String registryAddress, String username, String password) {
        String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        String config = "{\"auths\":{\"" + registryAddress + "\":{\"auth\":\"" + auth + "\"}}}";
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToData(".dockerconfigjson", Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)))
                .build()).create();
    }

    private static void assertFileUnder(ImageContents contents, String directory, Predicate<String> path, byte[] expected) {
        boolean found = contents.list(directory).stream()
                .filter(path)
                .map(contents::get)
                .anyMatch(entry -> entry.type() == ImageContents.Entry.Type.FILE && Arrays.equals(expected, entry.content()));
        assertTrue(found, "no such file under " + directory + ": " + contents.list(directory));
    }

    /** False once the operator has had OPERATOR_GRACE to write any status and has not: then waiting is pointless. */
    private static boolean operatorWroteStatus() {
        if (operatorSeenWorking || Instant.now().isBefore(operatorStarted.plus(OPERATOR_GRACE))) {
            return true;
        }
        operatorSeenWorking = client.resources(KafkaConnect.class).inAnyNamespace().list().getItems().stream()
                .anyMatch(c -> c.getStatus() != null);
        return operatorSeenWorking;
    }

    /** The build Pod's last output, then the last lines of everything (operator included), for failure messages. */
    private static String builderLog(String name) {
        return String.join("\n", parts.kubelet().logs(NAMESPACE + "/" + KafkaConnectBuild.buildPodName(name)))
                + "\nlast output:\n" + String.join("\n", OUTPUT.subList(Math.max(0, OUTPUT.size() - 60), OUTPUT.size()));
    }

    private static int buildsOf(String name) {
        String pod = NAMESPACE + "/" + KafkaConnectBuild.buildPodName(name);
        return (int) parts.kubelet().runs().stream().filter(run -> run.pod().equals(pod)).count();
    }

    private static String deploymentImage(String name) {
        return deploymentImage(NAMESPACE, name);
    }

    private static String deploymentImage(String namespace, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name + "-connect").get();
        return deployment == null ? null : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static Condition readyCondition(String namespace, String name) {
        KafkaConnect connect = client.resources(KafkaConnect.class).inNamespace(namespace).withName(name).get();
        if (connect == null || connect.getStatus() == null || connect.getStatus().getConditions() == null) {
            return null;
        }
        return connect.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    /** The Ready condition and the observed generation, from one read (two reads could pair a stale condition with a newer generation). */
    private record ReadyAt(Condition ready, long observedGeneration) {
        boolean settledFor(long generation) {
            return ready != null && observedGeneration >= generation && !"BuildRunning".equals(ready.getReason());
        }
    }

    private static ReadyAt readyAt(String name) {
        KafkaConnect connect = client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName(name).get();
        if (connect == null || connect.getStatus() == null) {
            return new ReadyAt(null, -1);
        }
        Long observed = connect.getStatus().getObservedGeneration();
        Condition ready = connect.getStatus().getConditions() == null ? null
                : connect.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        return new ReadyAt(ready, observed == null ? -1 : observed);
    }

    /** Waits until Ready=True for generation and returns the Deployment's image; an invalid resource fails at once. */
    private static String awaitReadyImage(String name, long generation) {
        Condition ready = await(name + " Ready for generation " + generation, () -> readyAt(name),
                at -> at.settledFor(generation) && ("True".equals(at.ready().getStatus()) || "InvalidResource".equals(at.ready().getReason())))
                .ready();
        assertEquals("True", ready.getStatus(), () -> ready.getReason() + ": " + ready.getMessage());
        return deploymentImage(name);
    }

    /** Waits until a build of generation failed: Ready=False with a reason other than BuildRunning. */
    private static Condition awaitNotReady(String name, long generation) {
        return await(name + " not Ready for generation " + generation, () -> readyAt(name),
                at -> at.settledFor(generation) && "False".equals(at.ready().getStatus())).ready();
    }

    /** Waits until generation either is Ready or failed. */
    private static Condition awaitSettled(String name, long generation) {
        return await(name + " settled for generation " + generation, () -> readyAt(name), at -> at.settledFor(generation)).ready();
    }

    private static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        T value = probe.get();
        while (!done.test(value)) {
            if (!operatorWroteStatus()) {
                fail("the operator has written no KafkaConnect status " + OPERATOR_GRACE.toSeconds() + " s after it started: "
                        + "does this build hold the operator (issue 4)?\n" + String.join("\n", OUTPUT.subList(Math.max(0, OUTPUT.size() - 40), OUTPUT.size())));
            }
            if (Instant.now().isAfter(deadline)) {
                fail("timed out waiting for " + what + "; last seen " + value + "\n" + String.join("\n", OUTPUT.subList(Math.max(0, OUTPUT.size() - 80), OUTPUT.size())));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        return value;
    }
}
