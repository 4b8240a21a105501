package io.strimzi.localcluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process started by this harness, ended by its own PID (and those of its descendants) rather than by
 * a name, so that nothing else on the machine is touched.
 */
final class OwnedProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Process process;

    OwnedProcess(Process process) {
        this.process = process;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process: SIGTERM to it and its descendants, then SIGKILL to whatever is still alive. */
    void stop() {
        stop(process.toHandle());
    }

    static void stop(ProcessHandle root) {
        // Collect descendants first: once the parent is gone they are re-parented and no longer found from it.
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroy();
        tree.forEach(ProcessHandle::destroy);
        waitFor(root);
        tree.forEach(OwnedProcess::waitFor);
        if (root.isAlive()) {
            root.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void waitFor(ProcessHandle handle) {
        try {
            handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // still alive: the caller kills it forcibly
        }
    }

    @Override
    public void close() {
        stop();
    }
}
