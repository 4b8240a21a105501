package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.model.connectbuild.PodBuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Proves the harness with hand-written build Pods (not the operator's): Buildah 1.39 run by the fake kubelet under runc,
 * building FROM the local base image, downloading from the artifact server and pushing to the local registry.
 */
class BuildPodHarnessTest {
    private static final String NAMESPACE = "harness";
    private static final Duration POD_TIMEOUT = Duration.ofSeconds(120);
    /**
     * What the build container runs: user values (the image) arrive as positional parameters, never in the script.
     * $1 = image, $2 = extra buildah option (for both build and push).
     */
    private static final String BUILD_SCRIPT = String.join("\n",
            "set -e",
            "buildah build --file=/dockerfile/Dockerfile --tag=\"$1\" --storage-driver=vfs \"$2\"",
            "buildah push --storage-driver=vfs --digestfile=/workspace/digest \"$2\" \"$1\"",
            "printf '%s@%s' \"$(buildah images --storage-driver=vfs --format '{{.Name}}' \"$1\")\" \"$(cat /workspace/digest)\" > /dev/termination-log");

    private static LocalParts parts;
    private static KubernetesClient client;
    private static LocalRegistry registry;
    private static ArtifactServer artifacts;
    private static String baseImage;
    private static FakeKubelet kubelet;
    private static final Map<String, Long> PIDS = new ConcurrentHashMap<>();
    private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startParts() {
        FakeKubeletOptions.Listener listener = new FakeKubeletOptions.Listener() {
            @Override
            public void started(String pod, long pid) {
                PIDS.put(pod, pid);
            }

            @Override
            public void output(String pod, String line) {
                OUTPUT.add(pod + ": " + line);
            }
        };
        parts = LocalParts.start(NAMESPACE, null, listener);
        client = parts.client();
        registry = parts.registry();
        artifacts = parts.artifacts();
        baseImage = parts.baseImage();
        kubelet = parts.kubelet();
    }

    @AfterAll
    static void stopParts() {
        if (parts != null) {
            parts.close();
        }
        PIDS.forEach((pod, pid) -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "process of " + pod + " still alive"));
        if (registry != null) {
            assertFalse(ProcessHandle.of(registry.pid()).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void buildPodBuildsPushesAndReportsTheDigestTheRegistryHolds() {
        byte[] jar = TestArtifacts.jar(Map.of("io/example/EchoConnector.class", "not really bytecode"));
        String url = artifacts.serve("/echo/echo-connector.jar", jar);
        createDockerfile("ok", dockerfileDownloading(url, TestArtifacts.sha512(jar)));
        String image = registry.address() + "/connect/ok:v1";

        client.pods().inNamespace(NAMESPACE).resource(buildPod("ok", "ok", image, "--tls-verify=false", null)).create();
        ContainerStateTerminated terminated = awaitTerminated("ok");

        assertEquals(0, terminated.getExitCode(), () -> "build failed: " + terminated.getMessage() + "\n" + output("ok"));
        assertEquals("Completed", terminated.getReason());
        assertEquals("Succeeded", pod("ok").getStatus().getPhase());
        String digest = registry.requireDigestOf("connect/ok", "v1");
        assertEquals(registry.address() + "/connect/ok@" + digest, terminated.getMessage());

        ImageContents contents = ImageContents.read(registry, terminated.getMessage());
        ImageContents.Entry plugin = contents.get("/opt/kafka/plugins/echo/0a1b2c3d/echo-connector.jar");
        assertEquals(TestArtifacts.sha512(jar), TestArtifacts.sha512(plugin.content()));
        assertTrue(contents.contains("/bin/busybox"), "the base image's layer is there too");
        assertEquals(1, artifacts.requestCount("/echo/echo-connector.jar"));

        FakeKubelet.Run run = kubelet.runs().stream().filter(r -> r.pod().equals(NAMESPACE + "/ok")).findFirst().orElseThrow();
        assertEquals(List.of("/bin/sh", "-c", BUILD_SCRIPT, "build", image, "--tls-verify=false"), run.argv(),
                "the container runs its command exactly: the volumes are at their mount paths");
    }

    @Test
    void artifactMissingFailsTheBuildWithTheCauseInTheStatus() {
        createDockerfile("missing", dockerfileDownloading(artifacts.url("/nowhere/plugin.jar"), "0".repeat(128)));

        client.pods().inNamespace(NAMESPACE).resource(buildPod("missing", "missing", registry.address() + "/connect/missing:v1",
                "--tls-verify=false", null)).create();
        ContainerStateTerminated terminated = awaitTerminated("missing");

        assertNotEquals(0, terminated.getExitCode());
        assertEquals("Error", terminated.getReason());
        assertEquals("Failed", pod("missing").getStatus().getPhase());
        assertTrue(terminated.getMessage().contains("404"), "the log tail names the cause: " + terminated.getMessage());
        assertEquals(Optional.empty(), registry.digestOf("connect/missing", "v1"));
    }

    @Test
    void pushSecretMountedAsAuthFileReachesAnAuthenticatedRegistry() {
        LocalRegistry.Credentials credentials = new LocalRegistry.Credentials("pusher", "p@ss word");
        try (LocalRegistry privateRegistry = LocalRegistry.start(credentials)) {
            byte[] jar = TestArtifacts.jar(Map.of("A.class", "a"));
            String url = artifacts.serve("/auth/a.jar", jar);
            createDockerfile("auth", dockerfileDownloading(url, TestArtifacts.sha512(jar)));
            createPushSecret("good-creds", privateRegistry.address(), credentials.username(), credentials.password());
            createPushSecret("bad-creds", privateRegistry.address(), credentials.username(), "wrong");

            client.pods().inNamespace(NAMESPACE).resource(buildPod("auth", "auth", privateRegistry.address() + "/connect/auth:v1",
                    "--tls-verify=false", "good-creds")).create();
            ContainerStateTerminated pushed = awaitTerminated("auth");
            assertEquals(0, pushed.getExitCode(), () -> pushed.getMessage() + "\n" + output("auth"));
            assertEquals(privateRegistry.address() + "/connect/auth@" + privateRegistry.requireDigestOf("connect/auth", "v1"),
                    pushed.getMessage());

            client.pods().inNamespace(NAMESPACE).resource(buildPod("auth-wrong", "auth", privateRegistry.address() + "/connect/auth-wrong:v1",
                    "--tls-verify=false", "bad-creds")).create();
            ContainerStateTerminated refused = awaitTerminated("auth-wrong");
            assertNotEquals(0, refused.getExitCode());
            assertTrue(refused.getMessage().contains("unauthorized") || refused.getMessage().contains("authentication required"),
                    refused.getMessage());
            assertEquals(Optional.empty(), privateRegistry.digestOf("connect/auth-wrong", "v1"));
        }
    }

    @Test
    void podWaitsForItsConfigMapAsAKubeletDoes() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("waits").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .addNewContainer()
                        .withName("main")
                        .withImage(LocalImages.BUILDAH)
                        .withCommand("/bin/sh", "-c", "cat /config/greeting > /dev/termination-log")
                        .addNewVolumeMount().withName("config").withMountPath("/config").endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("config").withNewConfigMap().withName("greeting").endConfigMap().endVolume()
                .endSpec()
                .build();
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
        Pod waiting = awaitPod("waits", p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null);
        assertEquals("Pending", waiting.getStatus().getPhase());
        assertEquals("ContainerCreating", waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());

        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("greeting").endMetadata()
                .addToData("greeting", "hello from a ConfigMap")
                .build()).create();
        ContainerStateTerminated terminated = awaitTerminated("waits");
        assertEquals(0, terminated.getExitCode());
        assertEquals("hello from a ConfigMap", terminated.getMessage());
    }

    @Test
    void deletingARunningPodEndsItsProcess() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("deleted").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .addNewContainer()
                        .withName("main")
                        .withImage(LocalImages.BUILDAH)
                        .withCommand("/bin/sh", "-c", "echo started; sleep 300; echo not reached > /dev/termination-log")
                    .endContainer()
                .endSpec()
                .build();
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
        awaitPod("deleted", p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
        awaitCondition("the container prints", () -> OUTPUT.contains(NAMESPACE + "/deleted: started"));
        long pid = PIDS.get(NAMESPACE + "/deleted");

        client.pods().inNamespace(NAMESPACE).withName("deleted").delete();
        awaitCondition("process " + pid + " ends", () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(List.of(), kubelet.logs(NAMESPACE + "/deleted").stream().filter(l -> l.contains("not reached")).toList());
    }

    /**
     * The Pod the operator renders (its script, security context and volumes), with a Dockerfile of this test's: its
     * RUN step keeps the build container's own limits (the script's --ulimit; Buildah 1.39 alone would raise the
     * open-files soft limit to the hard one, 1.40 both to 1048576).
     */
    @Test
    void theRenderedBuildahPodsRunStepsKeepTheContainersLimits() throws Exception {
        KafkaConnect connect = new KafkaConnect();
        connect.getMetadata().setName("limits");
        connect.getMetadata().setNamespace(NAMESPACE);
        connect.setSpec(new KafkaConnectSpec());
        connect.getSpec().setBootstrapServers("kafka:9092");
        connect.getSpec().setImage(baseImage);
        DockerOutput output = new DockerOutput();
        output.setImage(registry.address() + "/connect/limits:v1");
        Build build = new Build();
        build.setOutput(output);
        Plugin plugin = new Plugin();
        plugin.setName("plugin");
        JarArtifact jar = new JarArtifact();
        jar.setUrl(artifacts.url("/limits/a.jar"));
        plugin.setArtifacts(List.of(jar));
        build.setPlugins(List.of(plugin));
        connect.getSpec().setBuild(build);
        ClusterOperatorConfig config = ClusterOperatorConfig.fromMap(Map.of(
                ClusterOperatorConfig.STRIMZI_FEATURE_GATES, "+UseConnectBuildWithBuildah",
                ClusterOperatorConfig.STRIMZI_DEFAULT_BUILDAH_IMAGE, LocalImages.BUILDAH), OperatorVersion.current());
        Pod rendered = ((PodBuild) KafkaConnectBuild.fromCrd(connect, config, Platform.KUBERNETES)).pod();
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(BuildNames.dockerfileConfigMapName("limits")).endMetadata()
                .addToData("Dockerfile", "FROM " + baseImage + "\nUSER root:root\n"
                        + "RUN grep -E '^Max (open files|processes)' /proc/self/limits > /limits\nUSER 1001\n")
                .build()).create();
        client.pods().inNamespace(NAMESPACE).resource(rendered).create();

        ContainerStateTerminated terminated = awaitTerminated(rendered.getMetadata().getName());
        assertEquals(0, terminated.getExitCode(), () -> terminated.getMessage() + "\n" + output(rendered.getMetadata().getName()));
        String limits = new String(ImageContents.read(registry, terminated.getMessage()).get("/limits").content(), StandardCharsets.UTF_8);
        long nofileHard = Math.min(OciConfig.CONTAINERD_NOFILE_HARD, ContainerFiles.hardLimit("Max open files"));
        assertTrue(limits.matches("(?s).*Max open files +" + Math.min(OciConfig.CONTAINERD_NOFILE_SOFT, nofileHard) + " +" + nofileHard + " .*"),
                "the RUN step has the container's open-files limits: " + limits);
        String processes = ContainerFiles.hardLimit("Max processes") == Long.MAX_VALUE ? "unlimited" : Long.toString(ContainerFiles.hardLimit("Max processes"));
        assertTrue(limits.matches("(?s).*Max processes +\\S+ +" + processes + " .*"), limits);
    }

    private static String dockerfileDownloading(String url, String sha512) {
        String dir = "/opt/kafka/plugins/echo/0a1b2c3d";
        String file = dir + "/" + url.substring(url.lastIndexOf('/') + 1);
        return "FROM " + baseImage + "\n"
                + "USER root:root\n"
                + "RUN mkdir -p '" + dir + "' \\\n"
                + "  && wget -O '" + file + "' '" + url + "' \\\n"
                + "  && echo '" + sha512 + "  " + file + "' > /tmp/sha512 \\\n"
                + "  && sha512sum -c /tmp/sha512 && rm -f /tmp/sha512\n"
                + "USER 1001\n";
    }

    private static void createDockerfile(String name, String dockerfile) {
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name + "-dockerfile").endMetadata()
                .addToData("Dockerfile", dockerfile)
                .build()).create();
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

    /** A build Pod as the build model would make it: Dockerfile, working storage and push secret as volumes. */
    private static Pod buildPod(String name, String dockerfile, String image, String option, String pushSecret) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .addNewContainer()
                        .withName("build")
                        .withImage(LocalImages.BUILDAH)
                        .withCommand("/bin/sh", "-c", BUILD_SCRIPT, "build", image, option)
                        .withTerminationMessagePolicy("FallbackToLogsOnError")
                        .addNewVolumeMount().withName("dockerfile").withMountPath("/dockerfile").endVolumeMount()
                        .addNewVolumeMount().withName("workspace").withMountPath("/workspace").endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("dockerfile")
                        .withNewConfigMap().withName(dockerfile + "-dockerfile").endConfigMap()
                    .endVolume()
                    .addNewVolume().withName("workspace").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec();
        if (pushSecret != null) {
            pod.editSpec()
                    .editFirstContainer()
                        .addNewEnv().withName("REGISTRY_AUTH_FILE").withValue("/push-secret/.dockerconfigjson").endEnv()
                        .addNewVolumeMount().withName("push-secret").withMountPath("/push-secret").withReadOnly(true).endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("push-secret").withNewSecret().withSecretName(pushSecret).endSecret().endVolume()
                    .endSpec();
        }
        return pod.build();
    }

    private static Pod pod(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    private static ContainerStateTerminated awaitTerminated(String name) {
        Pod pod = awaitPod(name, p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getState().getTerminated() != null);
        return pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    }

    /** Polls (rather than watches: see the shared notes on closing mock-server watches). */
    private static Pod awaitPod(String name, Predicate<Pod> condition) {
        Instant deadline = Instant.now().plus(POD_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Pod pod = pod(name);
            if (pod != null && condition.test(pod)) {
                return pod;
            }
            sleep();
        }
        return fail("Pod " + name + " did not reach the expected state; it is " + pod(name) + "\n" + output(name));
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(POD_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out waiting until " + what);
            }
            sleep();
        }
    }

    private static String output(String name) {
        return String.join("\n", kubelet.logs(NAMESPACE + "/" + name));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
