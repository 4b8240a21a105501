package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays the kubelet's part in an API server without nodes (the fabric8 mock server): it watches Pods and runs each
 * new one's single container with runc, as a containerd node would, then writes the Pod status back.
 *
 * <p>For every Pod it has not run yet (and that the Pod filter accepts):
 * <ol>
 *   <li>The image: a local root filesystem named by the container's {@code image} ({@link LocalImages}); an unknown
 *   image keeps the Pod Pending with {@code ErrImagePull}.</li>
 *   <li>The volumes ({@link PodVolumes}) are made in a directory of the Pod's own and bind-mounted at their mount
 *   paths; so are the termination message file (at {@code terminationMessagePath}), /etc/hosts, /etc/hostname and
 *   /etc/resolv.conf. A ConfigMap or Secret that does not exist yet keeps the Pod Pending
 *   ({@code ContainerCreating}) and is retried.</li>
 *   <li>The container's config ({@link OciConfig}): command, args, env, working directory, user, capabilities,
 *   {@code noNewPrivileges}, read-only root, rlimits. What the kubelet would refuse ({@code runAsNonRoot} against a
 *   root image) keeps the Pod Pending with {@code CreateContainerConfigError} and the kubelet's message.</li>
 *   <li>runc runs it ({@link RuncContainer}); stdout and stderr are streamed, line by line, to its
 *   {@link FakeKubeletOptions.Listener}.
 *   The status: Running at start, then Succeeded (exit 0) or Failed with {@code containerStatuses[0].state.terminated}
 *   (exit code, reason {@code Completed} or {@code Error}, the termination message: the file's first 4096 bytes,
 *   or with {@code FallbackToLogsOnError} and an empty file after a failure the last 80 log lines, at most 2048
 *   bytes). A container runc could not start gives exit code 128, reason {@code StartError} and runc's message.</li>
 *   <li>A Pod deleted (or given a deletion timestamp) while it runs gets SIGTERM, then SIGKILL; no status is
 *   written.</li>
 * </ol>
 *
 * <p>The one addition to the container: when the image has /etc/containers (Buildah's configuration), a drop-in
 * {@code registries.conf.d/99-local-cluster.conf} marks the local plain-HTTP registries as insecure, as a cluster's
 * own builder image would. What it does not do: cgroup resource limits, seccomp, network namespaces, restarts
 * (build Pods use {@code restartPolicy: Never}), more than one container. Needs root.
 */
public final class FakeKubelet implements AutoCloseable {
    private static final Duration MOUNT_RETRY = Duration.ofMillis(500);

    /** One run of a Pod, as recorded for tests: the Pod as the kubelet saw it, and what runc was given. */
    public record Run(String pod, String uid, List<String> argv, Map<String, String> containerEnv, Map<String, Object> ociConfig,
                      Pod spec) {
    }

    private final KubernetesClient client;
    private final FakeKubeletOptions options;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final PodStatusWriter status;
    private final long hostNofileHard;
    private final ExecutorService executor;
    private final Set<String> seenUids = ConcurrentHashMap.newKeySet();
    private final Map<String, RunningPod> running = new ConcurrentHashMap<>();
    private final ContainerLogs logs;
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Long>> emptyDirPeaks = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private SharedIndexInformer<Pod> informer;

    private static final class RunningPod {
        volatile RuncContainer container;
        volatile Process process;
        volatile boolean deleted;
    }

    private FakeKubelet(KubernetesClient client, FakeKubeletOptions options, Path workDir, boolean ownsWorkDir) {
        this.client = client;
        this.options = options;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.status = new PodStatusWriter(client, (pod, message) -> options.listener().problem(pod, message));
        this.logs = new ContainerLogs((pod, line) -> options.listener().output(pod, line));
        this.hostNofileHard = ContainerFiles.hardLimit("Max open files");
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-kubelet");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts watching Pods in namespace (null: every namespace) and running them.
     */
    public static FakeKubelet start(KubernetesClient client, String namespace, FakeKubeletOptions options) {
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
        return logs.lines(pod);
    }

    /** The most disk each emptyDir volume of the Pod ({@code namespace/name}) used while it ran, in bytes. */
    public Map<String, Long> emptyDirPeakBytes(String pod) {
        return emptyDirPeaks.getOrDefault(pod, Map.of());
    }

    /** Number of Pods whose container is running now. */
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
            RuncContainer container = runningPod.container;
            if (container != null) {
                container.stop();
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
        LocalImages.Image image = options.images().find(container.getImage()).orElse(null);
        if (image == null) {
            String message = "the fake kubelet has no image " + container.getImage() + " (it has " + options.images().references()
                    + "; `make tools` makes them)";
            options.listener().problem(podName, message);
            status.waiting(pod, container, "ErrImagePull", message);
            return;
        }
        Path podDir = workDir.resolve(pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid());
        RuncContainer runc = null;
        EmptyDirLimits limits = null;
        try {
            List<OciConfig.Mount> mounts = mountVolumes(pod, container, podDir, runningPod);
            if (mounts == null) {
                return; // deleted, kubelet closed or a volume that cannot be made
            }
            container = resolveEnv(pod, container, runningPod);
            if (container == null) {
                return;
            }
            if (options.nodeDiskFreeBytes() != null) {
                limits = EmptyDirLimits.mount(pod, podDir.resolve("volumes"), options.nodeDiskFreeBytes().applyAsLong(pod));
            }
            options.images().files(container.getImage()).forEach((path, file) -> mounts.add(new OciConfig.Mount(path, file, true)));
            Path containerDir = Files.createDirectories(podDir.resolve("containers").resolve(container.getName()));
            Path terminationFile = containerDir.resolve("termination-log");
            Files.write(terminationFile, new byte[0]);
            Files.setPosixFilePermissions(terminationFile, PosixFilePermissions.fromString("rw-rw-rw-"));
            String terminationPath = container.getTerminationMessagePath() == null ? "/dev/termination-log" : container.getTerminationMessagePath();
            mounts.add(new OciConfig.Mount(terminationPath, terminationFile, false));
            mounts.addAll(ContainerFiles.kubeletFiles(pod, image, podDir.resolve("etc"), options.insecureRegistries()));
            Map<String, Object> config;
            try {
                config = OciConfig.of(pod, container, image, mounts, hostNofileHard, ContainerFiles.passwd(image));
            } catch (OciConfig.ConfigError e) {
                options.listener().problem(podName, e.getMessage());
                status.waiting(pod, container, "CreateContainerConfigError", e.getMessage());
                return;
            }
            runc = RuncContainer.create("fake-kubelet-" + pod.getMetadata().getUid(), workDir.resolve("runc"), containerDir,
                    image.rootfs(), config);
            runningPod.container = runc;
            execute(pod, container, runc, config, terminationFile, podDir.resolve("volumes"), runningPod);
        } catch (IOException | UncheckedIOException e) {
            options.listener().problem(podName, "cannot prepare the Pod's files: " + e);
        } finally {
            if (runc != null) {
                runc.close();
            }
            if (limits != null) {
                limits.close();
            }
            if (!options.keepPodDirectories()) {
                Commands.deleteRecursively(podDir);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void execute(Pod pod, Container container, RuncContainer runc, Map<String, Object> config, Path terminationFile,
                         Path volumesDir, RunningPod runningPod) throws IOException {
        String podName = name(pod);
        Map<String, String> containerEnv = new java.util.LinkedHashMap<>();
        if (container.getEnv() != null) {
            container.getEnv().forEach(variable -> containerEnv.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue()));
        }
        List<String> argv = (List<String>) ((Map<String, Object>) config.get("process")).get("args");
        runs.add(new Run(podName, pod.getMetadata().getUid(), List.copyOf(argv), Map.copyOf(containerEnv), config, pod));
        if (runningPod.deleted || closed) {
            return;
        }
        Instant startedAt = Instant.now();
        Process process;
        try {
            process = runc.start();
        } catch (IOException e) {
            finish(pod, container, 128, "StartError", "cannot start runc: " + e.getMessage(), startedAt);
            return;
        }
        runningPod.process = process;
        if (runningPod.deleted || closed) {
            runc.stop();
            return;
        }
        options.listener().started(podName, process.pid());
        status.running(pod, container, startedAt);
        try (EmptyDirUsage usage = EmptyDirUsage.of(pod, volumesDir)) {
            // The peaks are recorded before the final status, so that whoever sees the Pod finished can read them.
            waitForExit(pod, container, runc, process, terminationFile, runningPod, startedAt, () -> {
                usage.close();
                emptyDirPeaks.put(podName, usage.peaks());
            });
        }
    }

    private void waitForExit(Pod pod, Container container, RuncContainer runc, Process process, Path terminationFile,
                             RunningPod runningPod, Instant startedAt, Runnable beforeStatus) throws IOException {
        String podName = name(pod);
        logs.start(podName);
        Thread stderr = new Thread(() -> logs.pump(podName, process.getErrorStream()), "fake-kubelet-stderr");
        stderr.setDaemon(true);
        stderr.start();
        logs.pump(podName, process.getInputStream());
        int exitCode;
        try {
            exitCode = process.waitFor();
            stderr.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runc.stop();
            return;
        }
        if (runningPod.deleted || closed) {
            return;
        }
        beforeStatus.run();
        String runtimeError = runc.runtimeError();
        if (runtimeError != null) {
            finish(pod, container, 128, "StartError", runtimeError, startedAt);
            return;
        }
        String message = ContainerFiles.terminationMessage(container, terminationFile, exitCode, logs.lines(podName));
        finish(pod, container, exitCode, exitCode == 0 ? "Completed" : "Error", message, startedAt);
    }

    private void finish(Pod pod, Container container, int exitCode, String reason, String message, Instant startedAt) {
        status.terminated(pod, container, exitCode, reason, message, startedAt);
        options.listener().finished(name(pod), exitCode, message);
    }

    /** Makes the container's volumes; null when the Pod went away meanwhile or a volume cannot be made. */
    private List<OciConfig.Mount> mountVolumes(Pod pod, Container container, Path podDir, RunningPod runningPod) {
        return whenSourcesExist(pod, container, runningPod, "ContainerCreating",
                () -> new ArrayList<>(PodVolumes.mount(client, pod, container, podDir.resolve("volumes"))));
    }

    /** The container with its env values resolved as a kubelet does; null when the Pod went away or cannot start. */
    private Container resolveEnv(Pod pod, Container container, RunningPod runningPod) {
        return whenSourcesExist(pod, container, runningPod, "CreateContainerConfigError",
                () -> ContainerEnv.resolve(client, pod, container));
    }

    /** What reads the Pod's ConfigMaps and Secrets: thrown when one does not exist (yet). */
    private interface SourceReader<T> {
        T read() throws IOException, PodVolumes.MissingSourceException;
    }

    /**
     * As a kubelet does, retries the reader while a ConfigMap or Secret it needs is missing (the Pod waiting with the
     * reason), until the Pod goes away; null then, or when the Pod asks for what cannot be made (StartError).
     */
    private <T> T whenSourcesExist(Pod pod, Container container, RunningPod runningPod, String waitingReason, SourceReader<T> reader) {
        boolean reportedWaiting = false;
        while (true) {
            if (runningPod.deleted || closed) {
                return null;
            }
            try {
                return reader.read();
            } catch (PodVolumes.MissingSourceException e) {
                if (!reportedWaiting) {
                    reportedWaiting = true;
                    options.listener().problem(name(pod), e.getMessage());
                    status.waiting(pod, container, waitingReason, e.getMessage());
                }
                sleep(MOUNT_RETRY);
            } catch (UnsupportedOperationException e) {
                options.listener().problem(name(pod), e.getMessage());
                finish(pod, container, 128, "StartError", e.getMessage(), Instant.now());
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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

    /** Stops watching, stops every running container and removes the work directory it created. */
    @Override
    public void close() {
        closed = true;
        if (informer != null) {
            informer.stop();
        }
        running.values().forEach(runningPod -> {
            runningPod.deleted = true;
            RuncContainer container = runningPod.container;
            if (container != null) {
                container.stop();
            }
        });
        executor.shutdown();
        try {
            executor.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        if (ownsWorkDir) {
            Commands.deleteRecursively(workDir);
        }
    }
}
