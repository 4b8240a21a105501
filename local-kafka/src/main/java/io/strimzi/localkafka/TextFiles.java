package io.strimzi.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writing the configuration files the child JVMs read. */
final class TextFiles {
    private TextFiles() {
    }

    /** Writes the text (UTF-8), creating parent directories; returns the file. */
    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
