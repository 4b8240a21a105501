package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.template.ContainerTemplate;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build Pod's capability claims, under runc with the Pod's own security context: the rendered Pod builds and
 * pushes with exactly its security context (containerd's default capabilities, which include the KILL, SETGID and
 * SETUID it adds); without SETGID or SETUID the build fails and the status says why, without KILL it still
 * succeeds; the restricted Pod Security profile's settings fail for Buildah, with the message users see.
 */
class BuildahSecurityScenariosTest extends OperatorScenarios {
    private static final String NAMESPACE = "buildah-security";

    @BeforeAll
    static void start() {
        startParts(NAMESPACE);
    }

    @AfterAll
    static void stop() {
        stopParts();
    }

    @Test
    void theRenderedPodBuildsAndPushesWithExactlyItsSecurityContext() {
        buildOnePluginAndCheckTheDigest("rendered", "security/rendered", "v1");

        Container build = run("rendered").spec().getSpec().getContainers().get(0);
        assertEquals(new SecurityContextBuilder().withPrivileged(false).withNewCapabilities().withAdd("KILL", "SETGID", "SETUID")
                .endCapabilities().build(), build.getSecurityContext());
        assertEquals(OciConfig.CONTAINERD_DEFAULT_CAPABILITIES, capabilitiesGiven("rendered"),
                "containerd's defaults, which hold the three the Pod adds");
    }

    /**
     * SETUID and SETGID: Buildah (as root without CAP_SYS_ADMIN) re-runs itself in a user namespace mapping all IDs,
     * and writing that mapping needs them. KILL is not needed by the generated Dockerfile: its RUN steps run as root,
     * Buildah's own user, so nothing signals a process of another user; a build without it succeeds.
     */
    @Test
    void withoutSetgidOrSetuidTheBuildFailsAndTheStatusSaysWhyWhileWithoutKillItSucceeds() {
        Map<String, String> expectedCause = new LinkedHashMap<>();
        expectedCause.put("KILL", null);
        expectedCause.put("SETGID", "0 0 4294967295");
        expectedCause.put("SETUID", "0 0 4294967295");
        byte[] jar = TestArtifacts.jar(Map.of("Dropped.class", "dropped"));
        for (String dropped : expectedCause.keySet()) {
            List<String> kept = new java.util.ArrayList<>(List.of("KILL", "SETGID", "SETUID"));
            kept.remove(dropped);
            String name = "without-" + dropped.toLowerCase(java.util.Locale.ROOT);
            KafkaConnect connect = connect(name, registry.address() + "/security/" + name + ":v1", plugin("plugin", jar("/dropped/a.jar", jar)));
            withBuildContainerSecurityContext(connect, new SecurityContextBuilder().withPrivileged(false)
                    .withNewCapabilities().withAdd(kept).withDrop(dropped).endCapabilities().build());
            create(connect);
        }
        for (Map.Entry<String, String> entry : expectedCause.entrySet()) {
            String name = "without-" + entry.getKey().toLowerCase(java.util.Locale.ROOT);
            assertFalse(capabilitiesGiven(name).contains("CAP_" + entry.getKey()));
            if (entry.getValue() == null) {
                awaitReadyImage(name, 1);
                continue;
            }
            Condition failed = awaitNotReady(name, 1);
            assertEquals("BuildFailed", failed.getReason(), failed.getMessage());
            String map = entry.getKey().equals("SETUID") ? "uid_map" : "gid_map";
            assertTrue(failed.getMessage().contains(entry.getValue()) && failed.getMessage().contains(map + ": operation not permitted"),
                    () -> entry.getKey() + " dropped: " + failed.getMessage() + "\n" + builderLog(name));
        }
    }

    @Test
    void theRestrictedProfilesSettingsFailForBuildah() {
        byte[] jar = TestArtifacts.jar(Map.of("Restricted.class", "restricted"));
        KafkaConnect connect = connect("restricted", registry.address() + "/security/restricted:v1", plugin("plugin", jar("/restricted/a.jar", jar)));
        // What the restricted profile requires; runAsUser because the Buildah image runs as root.
        withBuildContainerSecurityContext(connect, new SecurityContextBuilder()
                .withRunAsNonRoot(true).withRunAsUser(1000L).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build());
        create(connect);
        Condition failed = awaitNotReady("restricted", 1);
        assertEquals("BuildFailed", failed.getReason(), failed.getMessage());
        // As UID 1000 Buildah runs rootless and looks for its configuration in $HOME: runc sets HOME=/ for a user
        // the image's /etc/passwd does not know. With a HOME it could write, it would need a user namespace, which
        // no capabilities and no privilege escalation (setuid newuidmap) rule out.
        assertTrue(failed.getMessage().contains("buildah build failed with exit code 1:")
                && failed.getMessage().contains("failed to get default container config: stat /.config: no such file or directory"),
                () -> failed.getMessage() + "\n" + builderLog("restricted"));
        assertEquals(List.of(), capabilitiesGiven("restricted"));
    }

    private static void withBuildContainerSecurityContext(KafkaConnect connect, SecurityContext securityContext) {
        ContainerTemplate container = new ContainerTemplate();
        container.setSecurityContext(securityContext);
        KafkaConnectTemplate template = new KafkaConnectTemplate();
        template.setBuildContainer(container);
        connect.getSpec().setTemplate(template);
    }

    /** The capabilities runc was given for the build Pod of a KafkaConnect. */
    @SuppressWarnings("unchecked")
    private static List<String> capabilitiesGiven(String name) {
        Map<String, Object> process = (Map<String, Object>) run(name).ociConfig().get("process");
        return (List<String>) ((Map<String, Object>) process.get("capabilities")).get("effective");
    }

    /** The kubelet's first run of the build Pod of a KafkaConnect (waits until there is one). */
    private static FakeKubelet.Run run(String name) {
        String pod = NAMESPACE + "/" + BuildNames.buildPodName(name);
        return await("the build Pod of " + name + " runs", () -> parts.kubelet().runs().stream().filter(r -> r.pod().equals(pod)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }
}
