package io.strimzi.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by the harness on {@link KafkaRuntime#classPath()}, its stdout and stderr in one {@link LogFile}, and
 * ended by its own PID (SIGTERM, then SIGKILL after a grace period). A shutdown hook ends any still running when the
 * test JVM exits, so a failed test leaves nothing behind.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Set<ChildJvm> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChildJvm::close), "local-kafka-stop"));
    }

    private final String name;
    private final Process process;
    private final LogFile log;

    private ChildJvm(String name, Process process, LogFile log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with the JVM options and arguments given, in {@code workDir}, writing its output to
     * {@code workDir/<name>.log}. {@code extraEnv} is added to this JVM's environment.
     */
    public static ChildJvm start(String name, Path workDir, List<String> jvmOptions, String mainClass,
                                 List<String> args, Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>();
        command.add(KafkaRuntime.javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(KafkaRuntime.classPath());
        command.add(mainClass);
        command.addAll(args);
        Path logPath = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logPath.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(extraEnv);
        try {
            Files.createDirectories(workDir);
            ChildJvm jvm = new ChildJvm(name, builder.start(), new LogFile(logPath));
            RUNNING.add(jvm);
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** Runs {@code mainClass} to its end and fails, quoting its output, unless it exits 0 within the time-out. */
    public static LogFile run(String name, Path workDir, List<String> jvmOptions, String mainClass, List<String> args,
                              Duration timeout) {
        try (ChildJvm jvm = start(name, workDir, jvmOptions, mainClass, args, Map.of())) {
            int exit = jvm.awaitExit(timeout);
            if (exit != 0) {
                throw new IllegalStateException(name + " exited with " + exit + ":\n" + jvm.log().tail(40));
            }
            return jvm.log();
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public LogFile log() {
        return log;
    }

    /** The exit code, once the process has ended. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Waits for the process to end by itself and returns its exit code; fails, quoting its log, on time-out. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (PID " + pid() + ") still runs after " + timeout.toSeconds()
                        + " s:\n" + log.tail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name, e);
        }
        RUNNING.remove(this);
        return process.exitValue();
    }

    /**
     * The command line of the running process as the kernel reports it ({@code /proc/PID/cmdline}: Linux). Not
     * {@link ProcessHandle.Info#arguments()}, which on Linux gives nothing for a command line as long as a class path.
     */
    public List<String> commandLine() {
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid()), "cmdline")),
                    StandardCharsets.UTF_8);
            return List.of(cmdline.split("\0"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the command line of " + this, e);
        }
    }

    /** Runs {@code jcmd PID <command...>} against the running JVM and returns its output. */
    public String jcmd(String... command) {
        List<String> argv = new ArrayList<>(List.of(KafkaRuntime.jdkTool("jcmd").toString(), String.valueOf(pid())));
        argv.addAll(Arrays.asList(command));
        try {
            Process jcmd = new ProcessBuilder(argv).redirectErrorStream(true).start();
            jcmd.getOutputStream().close();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                jcmd.destroyForcibly();
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running jcmd", e);
        }
    }

    /** Ends the process by its PID: SIGTERM, and SIGKILL if it is still alive after the grace period. */
    @Override
    public void close() {
        RUNNING.remove(this);
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " (PID " + pid() + ", log " + log.path() + ")";
    }
}
