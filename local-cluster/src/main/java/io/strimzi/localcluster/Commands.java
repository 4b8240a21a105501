package io.strimzi.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Runs short local tools (buildah, skopeo) to completion, and removes temp directories. */
public final class Commands {
    private Commands() {
    }

    /** Runs argv with the extra environment and returns its standard output; fails with its error output. */
    public static String run(List<String> argv, Map<String, String> extraEnv) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(extraEnv);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process process = builder.start();
            try (OwnedProcess owned = new OwnedProcess(process)) {
                CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
                String stdout = readAll(process.getInputStream());
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new IllegalStateException(String.join(" ", argv) + " exited with " + exit + ": " + stderr.join().strip());
                }
                return stdout;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0) + " (is it installed? see .ci/install-tools.sh)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv.get(0), e);
        }
    }

    static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a directory tree without following symbolic links out of it. Parts of it may vanish meanwhile (a kubelet's
     * Pod thread removing its own directory under the kubelet's work directory, slowly on a busy machine): then it walks
     * what is left again.
     */
    public static void deleteRecursively(Path root) {
        for (int attempt = 1; root != null && Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
                if (!(cause instanceof java.nio.file.NoSuchFileException) || attempt == 10) {
                    throw e instanceof UncheckedIOException unchecked ? unchecked : new UncheckedIOException((IOException) e);
                }
            }
        }
    }
}
