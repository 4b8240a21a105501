package io.strimzi.localcluster;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One container run by runc (Debian's package) from an OCI bundle: the image's root filesystem under an overlay of
 * the container's own (lower: the cached image, upper: a directory of the container's, as containerd's overlayfs
 * snapshotter does), and the config from {@link OciConfig}. runc's own messages go to a log file, not to the
 * container's output, so that a container that could not start ({@code StartError}) is told apart from one that
 * ran and failed. Needs root (runc, overlay mounts); every call names this container's id and state directory.
 */
final class RuncContainer implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern RUNC_ERROR = Pattern.compile("\"level\":\"error\",\"msg\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** How long a deleted Pod's container gets after SIGTERM before SIGKILL (a node's default is 30 s). */
    static final Duration TERMINATION_GRACE = Duration.ofSeconds(2);

    private final String id;
    private final Path stateRoot;
    private final Path bundle;
    private final Path rootfs;
    private volatile OwnedProcess process;

    private RuncContainer(String id, Path stateRoot, Path bundle) {
        this.id = id;
        this.stateRoot = stateRoot;
        this.bundle = bundle;
        this.rootfs = bundle.resolve("rootfs");
    }

    /** Mounts the container's root filesystem and writes its config; {@link #close()} undoes both. */
    static RuncContainer create(String id, Path stateRoot, Path containerDir, Path imageRootfs, Map<String, Object> config) {
        Path bundle = containerDir.resolve("bundle");
        RuncContainer container = new RuncContainer(id, stateRoot, bundle);
        try {
            Files.createDirectories(stateRoot);
            Path upper = Files.createDirectories(containerDir.resolve("upper"));
            Path work = Files.createDirectories(containerDir.resolve("work"));
            Files.createDirectories(container.rootfs);
            Commands.run(List.of("mount", "-t", "overlay", "overlay", "-o",
                    "lowerdir=" + imageRootfs + ",upperdir=" + upper + ",workdir=" + work, container.rootfs.toString()), Map.of());
            Files.writeString(bundle.resolve("config.json"), JSON.writeValueAsString(config));
            return container;
        } catch (IOException | RuntimeException e) {
            container.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Starts {@code runc run}: its stdout and stderr are the container's; it exits with the container's status. */
    Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("runc", "--root", stateRoot.toString(), "--log", log().toString(),
                "--log-format", "json", "run", "--bundle", bundle.toString(), id);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process started = builder.start();
        process = new OwnedProcess(started);
        return started;
    }

    /** runc's own error, if it logged one (the container did not start, or runc failed around it), else null. */
    String runtimeError() {
        try {
            if (!Files.exists(log())) {
                return null;
            }
            String last = null;
            Matcher matcher = RUNC_ERROR.matcher(Files.readString(log(), StandardCharsets.UTF_8));
            while (matcher.find()) {
                last = JSON.readValue("\"" + matcher.group(1) + "\"", String.class);
            }
            return last;
        } catch (IOException e) {
            return null;
        }
    }

    /** SIGTERM to the container's processes, SIGKILL after the grace period, as a kubelet does for a deleted Pod. */
    void stop() {
        OwnedProcess running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        runc("kill", "--all", id, "TERM");
        try {
            running.process().waitFor(TERMINATION_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            runc("kill", "--all", id, "KILL");
        }
        // If runc itself does not end with its container, it and what is left of its tree are ended by PID.
        running.stop();
    }

    private Path log() {
        return bundle.resolve("runc.log");
    }

    private void runc(String... arguments) {
        List<String> argv = new java.util.ArrayList<>(List.of("runc", "--root", stateRoot.toString()));
        argv.addAll(List.of(arguments));
        try {
            Commands.run(argv, Map.of());
        } catch (RuntimeException e) {
            // the container is gone already
        }
    }

    /** Stops the container, removes its runc state and unmounts its root filesystem (before anyone deletes the directory). */
    @Override
    public void close() {
        stop();
        runc("delete", "--force", id);
        if (Files.isDirectory(rootfs)) {
            try {
                Commands.run(List.of("mountpoint", "-q", rootfs.toString()), Map.of());
            } catch (RuntimeException notMounted) {
                return;
            }
            Commands.run(List.of("umount", rootfs.toString()), Map.of());
        }
    }
}
