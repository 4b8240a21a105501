package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OCI runtime config (runc's {@code config.json}) for one container of a Pod, as a containerd node's CRI plugin
 * and kubelet would make it; pure, so that every rule is tested without running anything.
 *
 * <ul>
 *   <li>Process: {@code command} + {@code args} (the image's entrypoint is not known here: a container must name its
 *   command), env = {@code HOSTNAME}, the image's Env, then the container's {@code env} (by name, last wins),
 *   working directory = {@code workingDir} or the image's.</li>
 *   <li>User: {@code runAsUser}/{@code runAsGroup} (container, else Pod), else the image's user (a name is looked up
 *   in the image's /etc/passwd); supplemental groups = the Pod's {@code supplementalGroups} and {@code fsGroup}.
 *   {@code runAsNonRoot} is checked against that user as the kubelet does, with its messages.</li>
 *   <li>Capabilities: containerd's default set, then {@code add: [ALL]}, {@code drop: [ALL]}, the other
 *   {@code add}s, the other {@code drop}s (a name gets the {@code CAP_} prefix, as containerd does); every capability
 *   when {@code privileged}. A non-root user keeps none after exec, as on a node.</li>
 *   <li>{@code allowPrivilegeEscalation: false} gives {@code noNewPrivileges}; {@code readOnlyRootFilesystem} a
 *   read-only root; {@code privileged} also unmasks /proc and makes /sys writable.</li>
 *   <li>rlimits: a containerd 2 node's (systemd's defaults: open files 1024 soft, 524288 hard), the hard limit capped
 *   at this machine's own (runc cannot raise it); the others are inherited, as on a node.</li>
 *   <li>Namespaces: pid, ipc, uts and mount; no network namespace (the host's loopback is the cluster network here),
 *   no user namespace, no cgroups ({@code cgroupsPath} empty: resource limits are not applied), no seccomp.</li>
 * </ul>
 */
final class OciConfig {
    /** containerd's default capabilities (what a Pod without {@code capabilities} gets). */
    static final List<String> CONTAINERD_DEFAULT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    /** Every capability Linux 5.9+ knows, by number. */
    static final List<String> ALL_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
            "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN",
            "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
            "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");
    static final long CONTAINERD_NOFILE_SOFT = 1024;
    static final long CONTAINERD_NOFILE_HARD = 524288;
    private static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    private static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /** A bind mount from the host into the container. */
    record Mount(String destination, Path source, boolean readOnly) {
    }

    /** What the kubelet refuses before the container starts ({@code CreateContainerConfigError}), with its message. */
    static final class ConfigError extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigError(String message) {
            super(message);
        }
    }

    /** The user a container runs as. */
    record User(long uid, long gid, List<Long> additionalGids) {
    }

    private OciConfig() {
    }

    /**
     * @param image       the container's image
     * @param mounts      the Pod's volumes, the termination message file and the kubelet's files, as bind mounts
     * @param hostNofileHard this machine's hard limit of open files (runc cannot give a container more)
     * @param passwd      the image's /etc/passwd ("" when it has none), to resolve a user name and primary group
     */
    static Map<String, Object> of(Pod pod, Container container, LocalImages.Image image, List<Mount> mounts,
                                  long hostNofileHard, String passwd) throws ConfigError {
        SecurityContext security = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        PodSecurityContext podSecurity = pod.getSpec().getSecurityContext() == null ? new PodSecurityContext() : pod.getSpec().getSecurityContext();
        boolean privileged = Boolean.TRUE.equals(security.getPrivileged());

        if (container.getCommand() == null || container.getCommand().isEmpty()) {
            throw new ConfigError("the fake kubelet cannot run an image's entrypoint: container " + container.getName() + " has no command");
        }
        List<String> args = new ArrayList<>(container.getCommand());
        if (container.getArgs() != null) {
            args.addAll(container.getArgs());
        }
        User user = user(pod, container, security, podSecurity, image, passwd);

        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        process.put("user", Map.of("uid", user.uid(), "gid", user.gid(), "additionalGids", user.additionalGids()));
        process.put("args", args);
        process.put("env", env(pod, container, image));
        process.put("cwd", container.getWorkingDir() == null || container.getWorkingDir().isEmpty() ? image.workingDir() : container.getWorkingDir());
        List<String> capabilities = capabilities(security.getCapabilities(), privileged);
        process.put("capabilities", Map.of("bounding", capabilities, "effective", capabilities, "permitted", capabilities));
        process.put("rlimits", List.of(Map.of("type", "RLIMIT_NOFILE", "soft", Math.min(CONTAINERD_NOFILE_SOFT, hostNofileHard),
                "hard", Math.min(CONTAINERD_NOFILE_HARD, hostNofileHard))));
        process.put("noNewPrivileges", !privileged && Boolean.FALSE.equals(security.getAllowPrivilegeEscalation()));

        Map<String, Object> linux = new LinkedHashMap<>();
        linux.put("namespaces", List.of(Map.of("type", "pid"), Map.of("type", "ipc"), Map.of("type", "uts"), Map.of("type", "mount")));
        linux.put("cgroupsPath", "");
        if (!privileged) {
            linux.put("maskedPaths", MASKED_PATHS);
            linux.put("readonlyPaths", READONLY_PATHS);
        }

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", "1.0.2");
        config.put("process", process);
        config.put("root", Map.of("path", "rootfs", "readonly", Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())));
        config.put("hostname", pod.getMetadata().getName());
        config.put("mounts", mounts(mounts, privileged));
        config.put("linux", linux);
        return config;
    }

    static User user(Pod pod, Container container, SecurityContext security, PodSecurityContext podSecurity,
                     LocalImages.Image image, String passwd) throws ConfigError {
        Long runAsUser = security.getRunAsUser() != null ? security.getRunAsUser() : podSecurity.getRunAsUser();
        Long runAsGroup = security.getRunAsGroup() != null ? security.getRunAsGroup() : podSecurity.getRunAsGroup();
        Boolean runAsNonRoot = security.getRunAsNonRoot() != null ? security.getRunAsNonRoot() : podSecurity.getRunAsNonRoot();
        String podText = "pod: \"" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                + pod.getMetadata().getUid() + ")\", container: " + container.getName();
        String imageUser = image.user().contains(":") ? image.user().substring(0, image.user().indexOf(':')) : image.user();
        String imageGroup = image.user().contains(":") ? image.user().substring(image.user().indexOf(':') + 1) : null;

        // The kubelet's check (verifyRunAsNonRoot), with its messages.
        if (Boolean.TRUE.equals(runAsNonRoot)) {
            if (runAsUser != null && runAsUser == 0) {
                throw new ConfigError("container's runAsUser breaks non-root policy (" + podText + ")");
            }
            if (runAsUser == null && !imageUser.matches("[0-9]+")) {
                throw new ConfigError("container has runAsNonRoot and image has non-numeric user (" + imageUser
                        + "), cannot verify user is non-root (" + podText + ")");
            }
            if (runAsUser == null && Long.parseLong(imageUser) == 0) {
                throw new ConfigError("container has runAsNonRoot and image will run as root (" + podText + ")");
            }
        }
        long uid;
        Long primaryGid;
        if (runAsUser != null) {
            uid = runAsUser;
            primaryGid = passwdGroup(passwd, Long.toString(uid), true);
        } else if (imageUser.matches("[0-9]+")) {
            uid = Long.parseLong(imageUser);
            primaryGid = passwdGroup(passwd, imageUser, true);
        } else {
            String[] entry = passwdEntry(passwd, imageUser, false);
            if (entry == null) {
                throw new ConfigError("unable to find user " + imageUser + ": no matching entries in passwd file");
            }
            uid = Long.parseLong(entry[2]);
            primaryGid = Long.parseLong(entry[3]);
        }
        long gid = runAsGroup != null ? runAsGroup
                : imageGroup != null && imageGroup.matches("[0-9]+") ? Long.parseLong(imageGroup)
                : primaryGid != null ? primaryGid : 0;
        Set<Long> additional = new LinkedHashSet<>();
        if (podSecurity.getSupplementalGroups() != null) {
            additional.addAll(podSecurity.getSupplementalGroups());
        }
        if (podSecurity.getFsGroup() != null) {
            additional.add(podSecurity.getFsGroup());
        }
        return new User(uid, gid, List.copyOf(additional));
    }

    private static Long passwdGroup(String passwd, String key, boolean byUid) {
        String[] entry = passwdEntry(passwd, key, byUid);
        return entry == null ? null : Long.parseLong(entry[3]);
    }

    private static String[] passwdEntry(String passwd, String key, boolean byUid) {
        for (String line : passwd.split("\n")) {
            String[] fields = line.split(":");
            if (fields.length >= 4 && fields[byUid ? 2 : 0].equals(key) && fields[2].matches("[0-9]+") && fields[3].matches("[0-9]+")) {
                return fields;
            }
        }
        return null;
    }

    /** containerd's order: ALL added, ALL dropped, the other adds, the other drops. */
    static List<String> capabilities(Capabilities requested, boolean privileged) {
        if (privileged) {
            return ALL_CAPABILITIES;
        }
        Set<String> result = new LinkedHashSet<>(CONTAINERD_DEFAULT_CAPABILITIES);
        List<String> add = requested == null || requested.getAdd() == null ? List.of() : requested.getAdd();
        List<String> drop = requested == null || requested.getDrop() == null ? List.of() : requested.getDrop();
        if (add.stream().anyMatch(name -> name.equalsIgnoreCase("ALL"))) {
            result.addAll(ALL_CAPABILITIES);
        }
        if (drop.stream().anyMatch(name -> name.equalsIgnoreCase("ALL"))) {
            result.clear();
        }
        add.stream().filter(name -> !name.equalsIgnoreCase("ALL")).forEach(name -> result.add(capability(name)));
        drop.stream().filter(name -> !name.equalsIgnoreCase("ALL")).forEach(name -> result.remove(capability(name)));
        return List.copyOf(result);
    }

    private static String capability(String name) {
        return "CAP_" + name.toUpperCase(Locale.ROOT);
    }

    private static List<String> env(Pod pod, Container container, LocalImages.Image image) throws ConfigError {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOSTNAME", pod.getMetadata().getName());
        for (String entry : image.env()) {
            int equals = entry.indexOf('=');
            env.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
        }
        if (container.getEnv() != null) {
            for (EnvVar variable : container.getEnv()) {
                if (variable.getValueFrom() != null) {
                    throw new ConfigError("the fake kubelet does not support valueFrom (env " + variable.getName() + ")");
                }
                env.remove(variable.getName());
                env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
            }
        }
        List<String> result = new ArrayList<>();
        env.forEach((name, value) -> result.add(name + "=" + value));
        return result;
    }

    private static List<Map<String, Object>> mounts(List<Mount> binds, boolean privileged) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        mounts.add(mount("/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
        mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", privileged ? "rw" : "ro")));
        for (Mount bind : binds) {
            mounts.add(mount(bind.destination(), "bind", bind.source().toString(),
                    List.of("rbind", "rprivate", bind.readOnly() ? "ro" : "rw")));
        }
        return mounts;
    }

    private static Map<String, Object> mount(String destination, String type, String source, List<String> options) {
        Map<String, Object> mount = new LinkedHashMap<>();
        mount.put("destination", destination);
        mount.put("type", type);
        mount.put("source", source);
        mount.put("options", options);
        return mount;
    }
}
