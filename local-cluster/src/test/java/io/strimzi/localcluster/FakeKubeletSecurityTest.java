package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Pod whose security context forbids what its command needs fails under the fake kubelet as it would on a node:
 * runc applies the settings, the kernel refuses. Each refusal has a control Pod that differs only in that setting.
 */
class FakeKubeletSecurityTest {
    private static final String NAMESPACE = "security";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static MockApiServer apiServer;
    private static KubernetesClient client;
    private static FakeKubelet kubelet;

    @BeforeAll
    static void start() {
        apiServer = MockApiServer.start();
        client = apiServer.client();
        kubelet = FakeKubelet.start(client, NAMESPACE, FakeKubeletOptions.defaults(List.of()));
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (apiServer != null) {
            apiServer.close();
        }
    }

    @Test
    void aReadOnlyRootFilesystemRefusesWritesOutsideItsVolumes() {
        String script = "touch /probe && touch /scratch/probe && echo written > /dev/termination-log";
        ContainerStateTerminated control = run("rw-root", LocalImages.BUILDAH, script, new SecurityContext());
        assertEquals(0, control.getExitCode(), control.getMessage());

        ContainerStateTerminated readOnly = run("ro-root", LocalImages.BUILDAH, script,
                new SecurityContextBuilder().withReadOnlyRootFilesystem(true).build());
        assertNotEquals(0, readOnly.getExitCode());
        assertTrue(readOnly.getMessage().contains("touch: cannot touch '/probe': Read-only file system"), readOnly.getMessage());
    }

    @Test
    void aDroppedCapabilityIsMissingInTheContainer() {
        String script = "touch /tmp/f && chown 1001 /tmp/f && echo chowned > /dev/termination-log";
        ContainerStateTerminated control = run("chown-default", LocalImages.BUILDAH, script, new SecurityContext());
        assertEquals(0, control.getExitCode(), control.getMessage());
        assertEquals("chowned\n", control.getMessage());

        ContainerStateTerminated dropped = run("chown-dropped", LocalImages.BUILDAH, script,
                new SecurityContextBuilder().withNewCapabilities().withDrop("CHOWN").endCapabilities().build());
        assertNotEquals(0, dropped.getExitCode());
        assertTrue(dropped.getMessage().contains("chown: changing ownership of '/tmp/f': Operation not permitted"), dropped.getMessage());
    }

    @Test
    void aUidWithoutAccessIsRefusedAndHasNoCapabilities() {
        String script = "grep -E '^(Uid|CapEff|NoNewPrivs)' /proc/self/status > /dev/termination-log; cat /etc/shadow > /dev/null";
        ContainerStateTerminated root = run("as-root", LocalImages.BUILDAH, script, new SecurityContext());
        assertEquals(0, root.getExitCode(), root.getMessage());
        assertTrue(root.getMessage().contains("CapEff:\t00000000a80425fb"), "containerd's default set: " + root.getMessage());

        ContainerStateTerminated user = run("as-1001", LocalImages.BUILDAH, script,
                new SecurityContextBuilder().withRunAsUser(1001L).withAllowPrivilegeEscalation(false).build());
        assertNotEquals(0, user.getExitCode());
        assertTrue(user.getMessage().contains("Uid:\t1001\t1001\t1001\t1001"), user.getMessage());
        assertTrue(user.getMessage().contains("CapEff:\t0000000000000000"), "a non-root user keeps no capability: " + user.getMessage());
        assertTrue(user.getMessage().contains("NoNewPrivs:\t1"), "allowPrivilegeEscalation: false: " + user.getMessage());
        assertTrue(String.join("\n", kubelet.logs(NAMESPACE + "/as-1001")).contains("cat: /etc/shadow: Permission denied"),
                kubelet.logs(NAMESPACE + "/as-1001").toString());
    }

    @Test
    void runAsNonRootAgainstARootImageIsRefusedBeforeTheContainerStarts() {
        create(pod("non-root", LocalImages.BUILDAH, "true", new SecurityContextBuilder().withRunAsNonRoot(true).build()));
        ContainerState state = awaitState("non-root", s -> s.getWaiting() != null && "CreateContainerConfigError".equals(s.getWaiting().getReason()));
        assertTrue(state.getWaiting().getMessage().startsWith("container has runAsNonRoot and image will run as root (pod: \"non-root_security("),
                state.getWaiting().getMessage());
        assertEquals("Pending", client.pods().inNamespace(NAMESPACE).withName("non-root").get().getStatus().getPhase());
    }

    @Test
    void anImageTheKubeletDoesNotHaveCannotBePulled() {
        create(pod("no-image", "quay.io/example/nowhere:1", "true", new SecurityContext()));
        ContainerState state = awaitState("no-image", s -> s.getWaiting() != null);
        assertEquals("ErrImagePull", state.getWaiting().getReason());
        assertTrue(state.getWaiting().getMessage().contains("quay.io/example/nowhere:1"), state.getWaiting().getMessage());
    }

    /** What the layer builder needs: {@code java -jar} in the operator image as UID 1001, no capabilities, read-only root. */
    @Test
    void theOperatorImageRunsAJarAsUser1001WithNoCapabilitiesOnAReadOnlyRoot(@TempDir Path dir) throws Exception {
        byte[] jar = probeJar(dir);
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("probe-jar").endMetadata()
                .addToBinaryData("probe.jar", Base64.getEncoder().encodeToString(jar))
                .build()).create();
        Pod pod = pod("java", LocalImages.OPERATOR, "java -Djava.io.tmpdir=/scratch -jar /jars/probe.jar", new SecurityContextBuilder()
                .withRunAsNonRoot(true).withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().build());
        pod.getSpec().getContainers().get(0).getVolumeMounts().add(new VolumeMountBuilder().withName("jars").withMountPath("/jars").build());
        pod.getSpec().getVolumes().add(new VolumeBuilder().withName("jars").withNewConfigMap().withName("probe-jar").endConfigMap().build());
        create(pod);
        ContainerStateTerminated terminated = awaitState("java", s -> s.getTerminated() != null).getTerminated();
        assertEquals(0, terminated.getExitCode(), () -> terminated.getMessage() + "\n" + kubelet.logs(NAMESPACE + "/java"));
        assertEquals("java 17\nUid:\t1001\t1001\t1001\t1001\nCapEff:\t0000000000000000\n", terminated.getMessage());
    }

    /** A jar whose main class writes its Java version, UID and effective capabilities to the termination log. */
    private static byte[] probeJar(Path dir) throws IOException {
        Path source = Files.writeString(dir.resolve("Probe.java"), """
                import java.nio.file.Files;
                import java.nio.file.Path;
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        String status = Files.readString(Path.of("/proc/self/status"));
                        Path scratch = Files.createTempFile("probe", ".txt");
                        Files.writeString(scratch, "java " + System.getProperty("java.specification.version") + "\\n" + status.lines()
                                .filter(line -> line.startsWith("Uid:") || line.startsWith("CapEff:")).reduce("", (a, b) -> a + b + "\\n"));
                        Files.writeString(Path.of("/dev/termination-log"), Files.readString(scratch));
                    }
                }
                """);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, "--release", "17", "-d", dir.toString(), source.toString()));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Probe");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("Probe.class"));
            out.write(Files.readAllBytes(dir.resolve("Probe.class")));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static ContainerStateTerminated run(String name, String image, String script, SecurityContext security) {
        create(pod(name, image, script, security));
        return awaitState(name, s -> s.getTerminated() != null).getTerminated();
    }

    /** One container running script with sh, a scratch emptyDir at /scratch. */
    private static Pod pod(String name, String image, String script, SecurityContext security) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .addNewContainer()
                        .withName("main")
                        .withImage(image)
                        .withCommand("/bin/sh", "-c", script)
                        .withSecurityContext(security)
                        .withTerminationMessagePolicy("FallbackToLogsOnError")
                        .addNewVolumeMount().withName("scratch").withMountPath("/scratch").endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .build();
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private static ContainerState awaitState(String name, Predicate<ContainerState> condition) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Pod pod = client.pods().inNamespace(NAMESPACE).withName(name).get();
            if (pod != null && pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
                    && !pod.getStatus().getContainerStatuses().isEmpty()
                    && condition.test(pod.getStatus().getContainerStatuses().get(0).getState())) {
                return pod.getStatus().getContainerStatuses().get(0).getState();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail("Pod " + name + " did not reach the expected state: " + client.pods().inNamespace(NAMESPACE).withName(name).get()
                + "\n" + kubelet.logs(NAMESPACE + "/" + name));
    }
}
