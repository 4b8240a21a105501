package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plays the kubelet's part for build Pods in an API server without nodes (the fabric8 mock server, or a cluster
 * whose nodes the caller does not want to use): it watches Pods and runs each new one's single container as a
 * local process, then writes the Pod status back as a kubelet would.
 *
 * <p>What it does, for every Pod it has not run yet (and that the Pod filter accepts):
 * <ol>
 *   <li>Materialises the container's volume mounts under a directory of the Pod's own, {@code <podDir>}: ConfigMap
 *   and Secret volumes (all keys, or the listed {@code items}, with {@code defaultMode}/{@code mode}, and
 *   {@code subPath}) and emptyDir volumes. A ConfigMap or Secret that does not exist yet keeps the Pod Pending
 *   ({@code ContainerCreating}) and is retried, as a kubelet does. Other volume types fail the Pod.</li>
 *   <li>Runs {@code command} + {@code args} (not the image: the container must name its command) with the
 *   container's {@code env} values.</li>
 *   <li>Captures the termination message file ({@code terminationMessagePath}, at most 4096 bytes; with
 *   {@code FallbackToLogsOnError} and an empty file after a failure, the last 80 log lines, at most 2048 bytes)
 *   and streams stdout and stderr, line by line, to a {@link Listener}.</li>
 *   <li>Writes the status: phase Running with a running container state at start, then phase Succeeded (exit 0)
 *   or Failed with {@code containerStatuses[0].state.terminated} (exitCode, reason {@code Completed} or
 *   {@code Error}, message, start and finish times). A command that cannot be started gives exit code 128 and
 *   reason {@code StartError}.</li>
 *   <li>A Pod deleted (or given a deletion timestamp) while it runs has its process tree ended by PID, and no
 *   status is written.</li>
 * </ol>
 *
 * <p>The only differences from a real Pod:
 * <ul>
 *   <li><b>Mount locations.</b> A mount path {@code /x/y} is {@code <podDir>/x/y}, and so is the termination
 *   message path ({@code /dev/termination-log} → {@code <podDir>/dev/termination-log}). The same rewrite is applied,
 *   and only to these paths, in {@code command}, {@code args}, env values and {@code workingDir}: an occurrence of
 *   a mapped path that is not part of a longer path name (not preceded by a path character {@code [A-Za-z0-9_./-]}
 *   and not followed by {@code [A-Za-z0-9_.-]}) is replaced; longer paths win. Nothing else in the command is
 *   touched. The working directory is {@code <podDir>/workdir} unless {@code workingDir} maps into a volume.</li>
 *   <li><b>The image.</b> The host's {@code buildah} (Debian's package) stands in for the Buildah image: the
 *   command runs on the host, as the user running this JVM, with the host's PATH; capabilities, resources,
 *   security context and the image's own environment are not applied.</li>
 *   <li><b>The isolation setting and storage.</b> The process gets {@code BUILDAH_ISOLATION=chroot} (what the
 *   official Buildah image sets), {@code CONTAINERS_STORAGE_CONF} pointing at a vfs storage in
 *   {@code <podDir>/buildah-store} (fresh for every Pod, like the emptyDir of a real build Pod), and
 *   {@code CONTAINERS_REGISTRIES_CONF} marking the configured local registries insecure (plain HTTP), as a
 *   cluster's registry configuration would; HOME and XDG_RUNTIME_DIR point into {@code <podDir>} so that host
 *   credentials are never used. The container's own env values are applied last and win.</li>
 * </ul>
 * Pods keep running to completion once started; there are no restarts (build Pods use {@code restartPolicy: Never}).
 */
public final class FakeKubelet implements AutoCloseable {
    static final int TERMINATION_MESSAGE_MAX_BYTES = 4096;
    static final int FALLBACK_LOG_LINES = 80;
    static final int FALLBACK_LOG_MAX_BYTES = 2048;
    private static final int KEPT_LOG_LINES = 500;
    private static final Duration MOUNT_RETRY = Duration.ofMillis(500);

    /** Receives what happens to the Pods this kubelet runs; called from its threads. */
    public interface Listener {
        default void started(String pod, long pid) {
        }

        /** One line of the container's stdout or stderr. */
        default void output(String pod, String line) {
        }

        default void finished(String pod, int exitCode, String terminationMessage) {
        }

        /** The Pod could not be started yet or at all (a missing ConfigMap, an unsupported volume). */
        default void problem(String pod, String message) {
        }
    }

    /** Settings; {@code insecureRegistries} are the host:port of local plain-HTTP registries. */
    public record Options(Path workDir, Collection<String> insecureRegistries, Predicate<Pod> podFilter,
                          Listener listener, boolean keepPodDirectories) {
        public static Options defaults(Collection<String> insecureRegistries) {
            return new Options(null, List.copyOf(insecureRegistries), pod -> true, new Listener() { }, false);
        }

        public Options withPodFilter(Predicate<Pod> filter) {
            return new Options(workDir, insecureRegistries, filter, listener, keepPodDirectories);
        }

        public Options withListener(Listener newListener) {
            return new Options(workDir, insecureRegistries, podFilter, newListener, keepPodDirectories);
        }
    }

    /** One run of a Pod, as recorded for tests and for {@code make run}. */
    public record Run(String pod, String uid, List<String> argv, Map<String, String> containerEnv) {
    }

    private final KubernetesClient client;
    private final Options options;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final ExecutorService executor;
    private final Set<String> seenUids = ConcurrentHashMap.newKeySet();
    private final Map<String, RunningPod> running = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> logs = new ConcurrentHashMap<>();
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private SharedIndexInformer<Pod> informer;

    private static final class RunningPod {
        volatile OwnedProcess process;
        volatile boolean deleted;
    }

    private FakeKubelet(KubernetesClient client, Options options, Path workDir, boolean ownsWorkDir) {
        this.client = client;
        this.options = options;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-kubelet");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts watching Pods in namespace (null: every namespace) and running them.
     */
    public static FakeKubelet start(KubernetesClient client, String namespace, Options options) {
        boolean ownsWorkDir = options.workDir() == null;
        Path workDir;
        try {
            workDir = ownsWorkDir ? Files.createTempDirectory("fake-kubelet-") : Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FakeKubelet kubelet = new FakeKubelet(client, options, workDir, ownsWorkDir);
        ResourceEventHandler<Pod> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                kubelet.consider(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                kubelet.consider(newPod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                kubelet.kill(pod.getMetadata().getUid());
            }
        };
        kubelet.informer = namespace == null
                ? client.pods().inAnyNamespace().inform(handler, 0)
                : client.pods().inNamespace(namespace).inform(handler, 0);
        return kubelet;
    }

    /** Every Pod run so far, in start order. */
    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** The last lines the Pod's container printed ({@code namespace/name}), for failure messages. */
    public List<String> logs(String pod) {
        Deque<String> lines = logs.get(pod);
        if (lines == null) {
            return List.of();
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Number of Pods whose process is running now. */
    public int runningCount() {
        return (int) running.values().stream().filter(r -> r.process != null && r.process.isAlive()).count();
    }

    private void consider(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (closed) {
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            kill(uid);
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase) || !options.podFilter().test(pod)) {
            return;
        }
        if (seenUids.add(uid)) {
            RunningPod runningPod = new RunningPod();
            running.put(uid, runningPod);
            executor.submit(() -> {
                try {
                    run(pod, runningPod);
                } catch (RuntimeException e) {
                    options.listener().problem(name(pod), "fake kubelet failed: " + e);
                } finally {
                    running.remove(uid);
                }
            });
        }
    }

    private void kill(String uid) {
        RunningPod runningPod = running.get(uid);
        if (runningPod != null) {
            runningPod.deleted = true;
            OwnedProcess process = runningPod.process;
            if (process != null) {
                process.stop();
            }
        }
    }

    private void run(Pod pod, RunningPod runningPod) {
        String podName = name(pod);
        List<Container> containers = pod.getSpec().getContainers();
        if (containers.size() != 1) {
            options.listener().problem(podName, "fake kubelet runs Pods with exactly one container, not " + containers.size());
            return;
        }
        Container container = containers.get(0);
        Path podDir = workDir.resolve(pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid());
        try {
            Map<String, Path> mappings = mountVolumes(pod, container, podDir, runningPod);
            if (mappings == null) {
                return; // deleted or kubelet closed while waiting for a volume
            }
            String terminationPath = container.getTerminationMessagePath() == null ? "/dev/termination-log" : container.getTerminationMessagePath();
            Path terminationFile = hostPath(podDir, terminationPath);
            Files.createDirectories(terminationFile.getParent());
            Files.write(terminationFile, new byte[0]);
            mappings.put(terminationPath, terminationFile);
            PathRewriter rewriter = new PathRewriter(mappings);
            execute(pod, container, podDir, rewriter, terminationFile, runningPod);
        } catch (IOException e) {
            options.listener().problem(podName, "cannot prepare the Pod's files: " + e);
        } finally {
            if (!options.keepPodDirectories()) {
                Commands.deleteRecursively(podDir);
            }
        }
    }

    private void execute(Pod pod, Container container, Path podDir, PathRewriter rewriter, Path terminationFile,
                         RunningPod runningPod) throws IOException {
        String podName = name(pod);
        List<String> argv = new ArrayList<>();
        if (container.getCommand() == null || container.getCommand().isEmpty()) {
            finish(pod, container, 128, "StartError", "the fake kubelet cannot run an image's entrypoint: the container has no command", Instant.now());
            return;
        }
        container.getCommand().forEach(item -> argv.add(rewriter.rewrite(item)));
        if (container.getArgs() != null) {
            container.getArgs().forEach(item -> argv.add(rewriter.rewrite(item)));
        }
        Map<String, String> containerEnv = new LinkedHashMap<>();
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                if (var.getValueFrom() != null) {
                    finish(pod, container, 128, "StartError", "the fake kubelet does not support valueFrom (env " + var.getName() + ")", Instant.now());
                    return;
                }
                containerEnv.put(var.getName(), rewriter.rewrite(var.getValue() == null ? "" : var.getValue()));
            }
        }
        BuildahStore store = BuildahStore.create(podDir.resolve("buildah-store"), options.insecureRegistries());
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        String hostPath = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.clear();
        env.put("PATH", hostPath);
        env.put("HOME", Files.createDirectories(podDir.resolve("home")).toString());
        env.put("XDG_RUNTIME_DIR", Files.createDirectories(podDir.resolve("run")).toString());
        env.putAll(store.environment());
        env.putAll(containerEnv);
        Path workingDir = container.getWorkingDir() == null ? null : Path.of(rewriter.rewrite(container.getWorkingDir()));
        if (workingDir == null || !workingDir.startsWith(podDir)) {
            workingDir = Files.createDirectories(podDir.resolve("workdir"));
        }
        builder.directory(workingDir.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        runs.add(new Run(podName, pod.getMetadata().getUid(), List.copyOf(argv), Map.copyOf(containerEnv)));

        Instant startedAt = Instant.now();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            finish(pod, container, 128, "StartError", "cannot start " + argv.get(0) + ": " + e.getMessage(), startedAt);
            return;
        }
        runningPod.process = new OwnedProcess(process);
        if (runningPod.deleted || closed) {
            runningPod.process.stop();
            return;
        }
        options.listener().started(podName, process.pid());
        writeRunning(pod, container, startedAt);
        Deque<String> log = logs.computeIfAbsent(podName, ignored -> new ArrayDeque<>());
        synchronized (log) {
            log.clear();
        }
        Thread stderr = new Thread(() -> pump(process.getErrorStream(), podName, log), "fake-kubelet-stderr");
        stderr.setDaemon(true);
        stderr.start();
        pump(process.getInputStream(), podName, log);
        int exitCode;
        try {
            exitCode = process.waitFor();
            stderr.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runningPod.process.stop();
            return;
        }
        // Whatever the command left running in the background ends with the container, as in a real Pod.
        runningPod.process.stop();
        if (runningPod.deleted || closed) {
            return;
        }
        String message = terminationMessage(container, terminationFile, exitCode, log);
        finish(pod, container, exitCode, exitCode == 0 ? "Completed" : "Error", message, startedAt);
    }

    private void pump(InputStream stream, String podName, Deque<String> log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (log) {
                    log.addLast(line);
                    while (log.size() > KEPT_LOG_LINES) {
                        log.removeFirst();
                    }
                }
                options.listener().output(podName, line);
            }
        } catch (IOException e) {
            // the process was killed: its pipes are gone
        }
    }

    private static String terminationMessage(Container container, Path file, int exitCode, Deque<String> log) throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (content.length > TERMINATION_MESSAGE_MAX_BYTES) {
            content = java.util.Arrays.copyOf(content, TERMINATION_MESSAGE_MAX_BYTES);
        }
        String message = new String(content, StandardCharsets.UTF_8);
        if (message.isEmpty() && exitCode != 0 && "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy())) {
            List<String> lines;
            synchronized (log) {
                lines = new ArrayList<>(log);
            }
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - FALLBACK_LOG_LINES), lines.size()));
            byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
            if (tailBytes.length > FALLBACK_LOG_MAX_BYTES) {
                tail = new String(tailBytes, tailBytes.length - FALLBACK_LOG_MAX_BYTES, FALLBACK_LOG_MAX_BYTES, StandardCharsets.UTF_8);
            }
            message = tail;
        }
        return message;
    }

    /** Materialises the mounts; returns mount path → host path, or null when the Pod went away meanwhile. */
    private Map<String, Path> mountVolumes(Pod pod, Container container, Path podDir, RunningPod runningPod) throws IOException {
        boolean reportedWaiting = false;
        while (true) {
            if (runningPod.deleted || closed) {
                return null;
            }
            try {
                return tryMountVolumes(pod, container, podDir);
            } catch (MissingVolumeSourceException e) {
                if (!reportedWaiting) {
                    reportedWaiting = true;
                    options.listener().problem(name(pod), e.getMessage());
                    writeWaiting(pod, container, "ContainerCreating", e.getMessage());
                }
                sleep(MOUNT_RETRY);
            } catch (UnsupportedOperationException e) {
                options.listener().problem(name(pod), e.getMessage());
                finish(pod, container, 128, "StartError", e.getMessage(), Instant.now());
                return null;
            }
        }
    }

    private static final class MissingVolumeSourceException extends Exception {
        private static final long serialVersionUID = 1L;

        MissingVolumeSourceException(String message) {
            super(message);
        }
    }

    private Map<String, Path> tryMountVolumes(Pod pod, Container container, Path podDir) throws IOException, MissingVolumeSourceException {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, Volume> volumes = new LinkedHashMap<>();
        if (pod.getSpec().getVolumes() != null) {
            pod.getSpec().getVolumes().forEach(volume -> volumes.put(volume.getName(), volume));
        }
        Map<String, Path> mappings = new LinkedHashMap<>();
        List<VolumeMount> mounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        for (VolumeMount mount : mounts) {
            String mountPath = mount.getMountPath();
            if (mountPath == null || !mountPath.startsWith("/") || mountPath.equals("/") || mountPath.contains("/../")) {
                throw new UnsupportedOperationException("unsupported mount path " + mountPath);
            }
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new UnsupportedOperationException("volume mount " + mount.getName() + " names no volume of the Pod");
            }
            Path target = hostPath(podDir, mountPath);
            Map<String, byte[]> files;
            Integer defaultMode;
            List<KeyToPath> items;
            if (volume.getConfigMap() != null) {
                ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
                if (configMap == null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    throw new MissingVolumeSourceException("MountVolume.SetUp failed for volume \"" + volume.getName()
                            + "\": configmap \"" + volume.getConfigMap().getName() + "\" not found");
                }
                files = new LinkedHashMap<>();
                if (configMap != null && configMap.getData() != null) {
                    configMap.getData().forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
                }
                if (configMap != null && configMap.getBinaryData() != null) {
                    configMap.getBinaryData().forEach((key, value) -> files.put(key, Base64.getDecoder().decode(value)));
                }
                defaultMode = volume.getConfigMap().getDefaultMode();
                items = volume.getConfigMap().getItems();
            } else if (volume.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
                if (secret == null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                    throw new MissingVolumeSourceException("MountVolume.SetUp failed for volume \"" + volume.getName()
                            + "\": secret \"" + volume.getSecret().getSecretName() + "\" not found");
                }
                files = new LinkedHashMap<>();
                if (secret != null && secret.getData() != null) {
                    secret.getData().forEach((key, value) -> files.put(key, Base64.getDecoder().decode(value)));
                }
                if (secret != null && secret.getStringData() != null) {
                    secret.getStringData().forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
                }
                defaultMode = volume.getSecret().getDefaultMode();
                items = volume.getSecret().getItems();
            } else if (volume.getEmptyDir() != null) {
                // With a subPath the container sees a sub-directory of the volume: still an empty directory here.
                Files.createDirectories(target);
                mappings.put(mountPath, target);
                continue;
            } else {
                throw new UnsupportedOperationException("the fake kubelet supports configMap, secret and emptyDir volumes, not volume "
                        + volume.getName());
            }
            Map<String, FileToWrite> projected = project(files, items, defaultMode == null ? 0644 : defaultMode, volume.getName());
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                FileToWrite file = projected.get(mount.getSubPath());
                if (file == null) {
                    throw new UnsupportedOperationException("subPath " + mount.getSubPath() + " is not a file of volume " + volume.getName());
                }
                write(target, file);
            } else {
                Files.createDirectories(target);
                for (Map.Entry<String, FileToWrite> file : projected.entrySet()) {
                    write(hostPath(target, "/" + file.getKey()), file.getValue());
                }
            }
            mappings.put(mountPath, target);
        }
        return mappings;
    }

    private record FileToWrite(byte[] content, int mode) {
    }

    private static Map<String, FileToWrite> project(Map<String, byte[]> files, List<KeyToPath> items, int defaultMode, String volumeName) {
        Map<String, FileToWrite> projected = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            files.forEach((key, content) -> projected.put(key, new FileToWrite(content, defaultMode)));
            return projected;
        }
        for (KeyToPath item : items) {
            byte[] content = files.get(item.getKey());
            if (content == null) {
                throw new UnsupportedOperationException("volume " + volumeName + " has no key " + item.getKey());
            }
            if (item.getPath().startsWith("/") || item.getPath().contains("..")) {
                throw new UnsupportedOperationException("unsupported item path " + item.getPath() + " in volume " + volumeName);
            }
            projected.put(item.getPath(), new FileToWrite(content, item.getMode() == null ? defaultMode : item.getMode()));
        }
        return projected;
    }

    private static void write(Path target, FileToWrite file) throws IOException {
        Files.createDirectories(target.getParent());
        Files.write(target, file.content());
        Files.setPosixFilePermissions(target, permissions(file.mode()));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }

    /** {@code /x/y} inside the container → {@code <podDir>/x/y}. */
    static Path hostPath(Path podDir, String containerPath) {
        Path relative = Path.of(containerPath.substring(1)).normalize();
        if (relative.startsWith("..")) {
            throw new UnsupportedOperationException("unsupported path " + containerPath);
        }
        return podDir.resolve(relative);
    }

    /** Rewrites mapped container paths into their host paths; see the class documentation for the rule. */
    static final class PathRewriter {
        private final Map<String, String> mappings;
        private final Pattern pattern;

        PathRewriter(Map<String, Path> mappings) {
            this.mappings = new LinkedHashMap<>();
            mappings.forEach((container, host) -> this.mappings.put(stripTrailingSlash(container), host.toString()));
            if (this.mappings.isEmpty()) {
                this.pattern = null;
            } else {
                String alternatives = this.mappings.keySet().stream()
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .map(Pattern::quote)
                        .collect(Collectors.joining("|"));
                this.pattern = Pattern.compile("(?<![A-Za-z0-9_./-])(" + alternatives + ")(?![A-Za-z0-9_.-])");
            }
        }

        String rewrite(String value) {
            if (pattern == null || value == null) {
                return value;
            }
            Matcher matcher = pattern.matcher(value);
            return matcher.replaceAll(match -> Matcher.quoteReplacement(mappings.get(match.group(1))));
        }

        private static String stripTrailingSlash(String path) {
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }

    private void writeRunning(Pod pod, Container container, Instant startedAt) {
        ContainerStatus status = new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withImageID("")
                .withReady(true)
                .withStarted(true)
                .withRestartCount(0)
                .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(timestamp(startedAt)).endRunning().build())
                .build();
        writeStatus(pod, "Running", status, startedAt);
    }

    private void writeWaiting(Pod pod, Container container, String reason, String message) {
        ContainerStatus status = new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withImageID("")
                .withReady(false)
                .withStarted(false)
                .withRestartCount(0)
                .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build())
                .build();
        writeStatus(pod, "Pending", status, Instant.now());
    }

    private void finish(Pod pod, Container container, int exitCode, String reason, String message, Instant startedAt) {
        Instant finishedAt = Instant.now();
        ContainerStatus status = new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withImageID("")
                .withReady(false)
                .withStarted(false)
                .withRestartCount(0)
                .withState(new ContainerStateBuilder().withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(reason)
                        .withMessage(message)
                        .withStartedAt(timestamp(startedAt))
                        .withFinishedAt(timestamp(finishedAt))
                        .endTerminated().build())
                .build();
        writeStatus(pod, exitCode == 0 ? "Succeeded" : "Failed", status, startedAt);
        options.listener().finished(name(pod), exitCode, message);
    }

    private void writeStatus(Pod pod, String phase, ContainerStatus containerStatus, Instant startedAt) {
        String uid = pod.getMetadata().getUid();
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).editStatus(current -> {
                if (!uid.equals(current.getMetadata().getUid())) {
                    return current; // a new Pod of the same name: not ours to report on
                }
                return new PodBuilder(current)
                        .editOrNewStatus()
                            .withPhase(phase)
                            .withStartTime(timestamp(startedAt))
                            .withContainerStatuses(containerStatus)
                        .endStatus()
                        .build();
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                options.listener().problem(name(pod), "cannot write the Pod status: " + e.getMessage());
            }
        }
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops watching, ends every running Pod's process tree by PID and removes the work directory it created. */
    @Override
    public void close() {
        closed = true;
        if (informer != null) {
            // Closing a mock-server watch right after an event can freeze its event loop for ~30 s (shared notes).
            sleep(Duration.ofMillis(200));
            informer.stop();
        }
        running.values().forEach(runningPod -> {
            runningPod.deleted = true;
            OwnedProcess process = runningPod.process;
            if (process != null) {
                process.stop();
            }
        });
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        if (ownsWorkDir) {
            Commands.deleteRecursively(workDir);
        }
    }
}
