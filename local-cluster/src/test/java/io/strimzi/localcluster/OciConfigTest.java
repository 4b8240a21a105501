package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules that turn a Pod into runc's config, as containerd and the kubelet apply them. */
class OciConfigTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\nkafka:x:1001:0:Kafka:/home/kafka:/bin/sh\n"
            + "builder:x:2000:3000::/home/builder:/bin/sh\n";
    private static final LocalImages.Image ROOT_IMAGE = new LocalImages.Image("root-image", Path.of("/images/root"), "0",
            List.of("PATH=/usr/bin:/bin", "BUILDAH_ISOLATION=chroot"), "/");
    private static final LocalImages.Image NAMED_USER_IMAGE = new LocalImages.Image("named", Path.of("/images/named"), "kafka",
            List.of(), "/opt/kafka");

    @Test
    void capabilitiesStartFromContainerdsDefaultsWithAllFirstAndDropsLast() {
        assertEquals(OciConfig.CONTAINERD_DEFAULT_CAPABILITIES, OciConfig.capabilities(null, false));
        List<String> buildah = OciConfig.capabilities(caps(List.of("KILL", "SETGID", "SETUID"), List.of()), false);
        assertEquals(OciConfig.CONTAINERD_DEFAULT_CAPABILITIES, buildah, "the Buildah Pod's adds are already in the default set");

        List<String> withoutSetuid = OciConfig.capabilities(caps(List.of("KILL", "SETGID"), List.of("SETUID")), false);
        assertFalse(withoutSetuid.contains("CAP_SETUID"));
        assertTrue(withoutSetuid.contains("CAP_SETGID") && withoutSetuid.contains("CAP_KILL"));

        assertEquals(List.of("CAP_NET_BIND_SERVICE"), OciConfig.capabilities(caps(List.of("NET_BIND_SERVICE"), List.of("ALL")), false),
                "drop ALL empties the set before the individual adds");
        assertEquals(List.of(), OciConfig.capabilities(caps(List.of("SYS_ADMIN"), List.of("ALL", "SYS_ADMIN")), false),
                "an individual drop wins over an individual add");
        List<String> all = OciConfig.capabilities(caps(List.of("ALL"), List.of("CHOWN")), false);
        assertEquals(OciConfig.ALL_CAPABILITIES.size() - 1, all.size());
        assertFalse(all.contains("CAP_CHOWN"));
        assertTrue(OciConfig.capabilities(caps(List.of("sys_admin"), List.of()), false).contains("CAP_SYS_ADMIN"),
                "names are upper-cased and prefixed as containerd does");
        assertEquals(OciConfig.ALL_CAPABILITIES, OciConfig.capabilities(caps(List.of(), List.of("ALL")), true), "privileged: everything");
    }

    @Test
    void userComesFromTheSecurityContextElseTheImageAndRunAsNonRootIsCheckedAsTheKubeletDoes() throws Exception {
        assertEquals(new OciConfig.User(0, 0, List.of()), user(pod(new SecurityContext()), ROOT_IMAGE));
        assertEquals(new OciConfig.User(1001, 0, List.of()), user(pod(new SecurityContext()), NAMED_USER_IMAGE), "a name from /etc/passwd");
        assertEquals(new OciConfig.User(2000, 3000, List.of()), user(pod(new SecurityContextBuilder().withRunAsUser(2000L).build()), ROOT_IMAGE),
                "the primary group of that UID in the image");
        assertEquals(new OciConfig.User(2000, 5, List.of()),
                user(pod(new SecurityContextBuilder().withRunAsUser(2000L).withRunAsGroup(5L).build()), ROOT_IMAGE));

        OciConfig.ConfigError root = assertThrows(OciConfig.ConfigError.class,
                () -> user(pod(new SecurityContextBuilder().withRunAsNonRoot(true).build()), ROOT_IMAGE));
        assertEquals("container has runAsNonRoot and image will run as root (pod: \"p_ns(uid-1)\", container: c)", root.getMessage());
        OciConfig.ConfigError nonNumeric = assertThrows(OciConfig.ConfigError.class,
                () -> user(pod(new SecurityContextBuilder().withRunAsNonRoot(true).build()), NAMED_USER_IMAGE));
        assertTrue(nonNumeric.getMessage().startsWith("container has runAsNonRoot and image has non-numeric user (kafka)"), nonNumeric.getMessage());
        OciConfig.ConfigError explicitRoot = assertThrows(OciConfig.ConfigError.class,
                () -> user(pod(new SecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(0L).build()), ROOT_IMAGE));
        assertTrue(explicitRoot.getMessage().startsWith("container's runAsUser breaks non-root policy"), explicitRoot.getMessage());
        assertEquals(1000, user(pod(new SecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(1000L).build()), ROOT_IMAGE).uid());
    }

    @Test
    @SuppressWarnings("unchecked")
    void processGetsCommandEnvLimitsAndThePrivilegeSettings() throws Exception {
        Pod pod = pod(new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).build());
        pod.getSpec().getContainers().get(0).setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVar("PATH", "/custom", null),
                new io.fabric8.kubernetes.api.model.EnvVar("EXTRA", "x", null)));
        Map<String, Object> config = OciConfig.of(pod, pod.getSpec().getContainers().get(0), ROOT_IMAGE,
                List.of(new OciConfig.Mount("/data", Path.of("/host/data"), true)), 20000, PASSWD);

        Map<String, Object> process = (Map<String, Object>) config.get("process");
        assertEquals(List.of("/bin/sh", "-c", "true", "arg"), process.get("args"));
        assertEquals(List.of("HOSTNAME=p", "BUILDAH_ISOLATION=chroot", "PATH=/custom", "EXTRA=x"), process.get("env"),
                "the container's env overrides the image's");
        assertEquals(true, process.get("noNewPrivileges"));
        assertEquals(Map.of("path", "rootfs", "readonly", true), config.get("root"));
        assertEquals(List.of(Map.of("type", "RLIMIT_NOFILE", "soft", 1024L, "hard", 20000L)), process.get("rlimits"),
                "containerd 2's open-files limits, capped at this machine's hard limit");
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) config.get("mounts");
        Map<String, Object> data = mounts.stream().filter(m -> m.get("destination").equals("/data")).findFirst().orElseThrow();
        assertEquals(List.of("rbind", "rprivate", "ro"), data.get("options"));
        Map<String, Object> linux = (Map<String, Object>) config.get("linux");
        assertEquals("", linux.get("cgroupsPath"));
        assertFalse(linux.toString().contains("network") || linux.toString().contains("user"), "no network or user namespace: " + linux);
    }

    @Test
    void aContainerWithoutCommandCannotRunHere() {
        Pod pod = pod(new SecurityContext());
        pod.getSpec().getContainers().get(0).setCommand(null);
        assertThrows(OciConfig.ConfigError.class, () -> OciConfig.of(pod, pod.getSpec().getContainers().get(0), ROOT_IMAGE, List.of(), 1024, ""));
    }

    private static OciConfig.User user(Pod pod, LocalImages.Image image) throws OciConfig.ConfigError {
        SecurityContext security = pod.getSpec().getContainers().get(0).getSecurityContext();
        return OciConfig.user(pod, pod.getSpec().getContainers().get(0), security, new io.fabric8.kubernetes.api.model.PodSecurityContext(), image, PASSWD);
    }

    private static Capabilities caps(List<String> add, List<String> drop) {
        return new CapabilitiesBuilder().withAdd(add).withDrop(drop).build();
    }

    private static Pod pod(SecurityContext security) {
        return new PodBuilder()
                .withNewMetadata().withName("p").withNamespace("ns").withUid("uid-1").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("c").withImage("root-image").withCommand("/bin/sh", "-c", "true").withArgs("arg")
                        .withSecurityContext(security).endContainer()
                .endSpec()
                .build();
    }
}
