package io.strimzi.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Directories of the child processes under target/, kept after the run so their logs can be read. */
final class WorkDirs {
    private static final Path ROOT = Path.of("target", "local-kafka-runs").toAbsolutePath();

    private WorkDirs() {
    }

    static Path create(String prefix) {
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
