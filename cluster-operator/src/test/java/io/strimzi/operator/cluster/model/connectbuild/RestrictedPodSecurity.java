package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes Pod Security Standards' `restricted` profile (which includes `baseline`), rule by rule, as the
 * PodSecurity admission controller checks a Pod's spec. Each rule names its control; {@link #violations} lists the
 * controls a Pod breaks, so a test can show both a Pod that passes and one that does not.
 *
 * <p>Baseline: HostProcess, host namespaces, privileged, capabilities (baseline list), hostPath volumes, host ports,
 * AppArmor, SELinux, /proc mount type, seccomp (not Unconfined), sysctls (safe set). Restricted: volume types,
 * privilege escalation, running as non-root, non-root user (not UID 0), seccomp (RuntimeDefault or Localhost),
 * capabilities (drop ALL, add at most NET_BIND_SERVICE).
 */
final class RestrictedPodSecurity {
    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    private RestrictedPodSecurity() {
    }

    /** The controls the Pod breaks, each with the offending field; empty when it satisfies `restricted`. */
    static List<String> violations(Pod pod) {
        PodSpec spec = pod.getSpec();
        PodSecurityContext podContext = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
        List<Container> containers = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        List<String> violations = new ArrayList<>();
        // Baseline: HostProcess
        if (podContext.getWindowsOptions() != null && Boolean.TRUE.equals(podContext.getWindowsOptions().getHostProcess())) {
            violations.add("HostProcess: spec.securityContext.windowsOptions.hostProcess");
        }
        // Baseline: host namespaces
        if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID()) || Boolean.TRUE.equals(spec.getHostIPC())) {
            violations.add("Host Namespaces: spec.hostNetwork/hostPID/hostIPC");
        }
        // Baseline: hostPath volumes; restricted: volume types
        for (Volume volume : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            if (volume.getHostPath() != null) {
                violations.add("HostPath Volumes: spec.volumes[" + volume.getName() + "]");
            }
            boolean allowed = volume.getConfigMap() != null || volume.getCsi() != null || volume.getDownwardAPI() != null
                    || volume.getEmptyDir() != null || volume.getEphemeral() != null || volume.getPersistentVolumeClaim() != null
                    || volume.getProjected() != null || volume.getSecret() != null;
            if (!allowed) {
                violations.add("Volume Types: spec.volumes[" + volume.getName() + "]");
            }
        }
        // Baseline: AppArmor, SELinux, seccomp; restricted: seccomp, non-root (Pod level)
        if (podContext.getAppArmorProfile() != null && !"RuntimeDefault".equals(podContext.getAppArmorProfile().getType())
                && !"Localhost".equals(podContext.getAppArmorProfile().getType())) {
            violations.add("AppArmor: spec.securityContext.appArmorProfile");
        }
        if (podContext.getSeLinuxOptions() != null && !selinuxAllowed(podContext.getSeLinuxOptions())) {
            violations.add("SELinux: spec.securityContext.seLinuxOptions");
        }
        // Baseline: sysctls
        for (Sysctl sysctl : podContext.getSysctls() == null ? List.<Sysctl>of() : podContext.getSysctls()) {
            if (!SAFE_SYSCTLS.contains(sysctl.getName())) {
                violations.add("Sysctls: " + sysctl.getName());
            }
        }
        if (podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
            violations.add("Running as Non-root user: spec.securityContext.runAsUser=0");
        }
        for (Container container : containers) {
            SecurityContext context = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
            String field = "containers[" + container.getName() + "].securityContext";
            if (context.getWindowsOptions() != null && Boolean.TRUE.equals(context.getWindowsOptions().getHostProcess())) {
                violations.add("HostProcess: " + field + ".windowsOptions.hostProcess");
            }
            // Baseline: privileged containers
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                violations.add("Privileged Containers: " + field + ".privileged");
            }
            // Baseline: host ports
            for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                if (port.getHostPort() != null && port.getHostPort() != 0) {
                    violations.add("Host Ports: containers[" + container.getName() + "].ports.hostPort");
                }
            }
            if (context.getAppArmorProfile() != null && !"RuntimeDefault".equals(context.getAppArmorProfile().getType())
                    && !"Localhost".equals(context.getAppArmorProfile().getType())) {
                violations.add("AppArmor: " + field + ".appArmorProfile");
            }
            if (context.getSeLinuxOptions() != null && !selinuxAllowed(context.getSeLinuxOptions())) {
                violations.add("SELinux: " + field + ".seLinuxOptions");
            }
            // Baseline: /proc mount type
            if (context.getProcMount() != null && !"Default".equals(context.getProcMount())) {
                violations.add("/proc Mount Type: " + field + ".procMount");
            }
            // Restricted: privilege escalation
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add("Privilege Escalation: " + field + ".allowPrivilegeEscalation must be false");
            }
            // Restricted: running as non-root (container or Pod), never false on the container
            boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : Boolean.TRUE.equals(podContext.getRunAsNonRoot());
            if (!nonRoot) {
                violations.add("Running as Non-root: " + field + ".runAsNonRoot (or the Pod's) must be true");
            }
            // Restricted: running as non-root user
            if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
                violations.add("Running as Non-root user: " + field + ".runAsUser=0");
            }
            // Baseline and restricted: seccomp
            SeccompProfile seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile() : podContext.getSeccompProfile();
            if (seccomp == null || !("RuntimeDefault".equals(seccomp.getType()) || "Localhost".equals(seccomp.getType()))) {
                violations.add("Seccomp: " + field + ".seccompProfile (or the Pod's) must be RuntimeDefault or Localhost");
            }
            // Baseline and restricted: capabilities
            Capabilities capabilities = context.getCapabilities();
            List<String> added = capabilities == null || capabilities.getAdd() == null ? List.of() : capabilities.getAdd();
            for (String capability : added) {
                if (!BASELINE_CAPABILITIES.contains(capability)) {
                    violations.add("Capabilities (baseline): " + field + ".capabilities.add " + capability);
                }
                if (!capability.equals("NET_BIND_SERVICE")) {
                    violations.add("Capabilities (restricted): " + field + ".capabilities.add " + capability);
                }
            }
            if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
                violations.add("Capabilities (restricted): " + field + ".capabilities.drop must contain ALL");
            }
        }
        return violations;
    }

    private static boolean selinuxAllowed(io.fabric8.kubernetes.api.model.SELinuxOptions options) {
        return (options.getType() == null || options.getType().isEmpty() || SELINUX_TYPES.contains(options.getType()))
                && (options.getUser() == null || options.getUser().isEmpty())
                && (options.getRole() == null || options.getRole().isEmpty());
    }
}
