package io.strimzi.localkafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The output of a child process (stdout and stderr), kept in a file: read it, wait for a line, quote its end.
 * Reads incrementally, so waiting on a busy log stays cheap.
 */
public final class LogFile {
    private final Path path;
    private final List<String> lines = new ArrayList<>();
    private long readUpTo;

    LogFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Every complete line written so far. */
    public synchronized List<String> lines() {
        refresh();
        return List.copyOf(lines);
    }

    /** The whole log as it is now. */
    public String text() {
        return String.join("\n", lines());
    }

    /** The first line so far that the pattern finds something in. */
    public synchronized Optional<String> firstMatch(Pattern pattern) {
        refresh();
        return lines.stream().filter(l -> pattern.matcher(l).find()).findFirst();
    }

    /** Every line so far that the pattern finds something in. */
    public synchronized List<String> matches(Pattern pattern) {
        refresh();
        return lines.stream().filter(l -> pattern.matcher(l).find()).toList();
    }

    /** The last lines, to quote in a failure message. */
    public String tail(int count) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }

    /**
     * Waits until a line matches, and returns it. Fails early, with the log's end, once {@code stillRunning} says the
     * writer is gone without having written it.
     */
    public String await(Pattern pattern, Duration timeout, BooleanSupplier stillRunning) {
        String[] found = new String[1];
        Waits.until("a line matching /" + pattern + "/ in " + path, timeout, () -> tail(40), () -> {
            Optional<String> line = firstMatch(pattern);
            if (line.isPresent()) {
                found[0] = line.get();
                return true;
            }
            if (!stillRunning.getAsBoolean()) {
                // The process may have written the line just before ending: look once more.
                line = firstMatch(pattern);
                if (line.isPresent()) {
                    found[0] = line.get();
                    return true;
                }
                throw new IllegalStateException("The process ended without writing a line matching /" + pattern
                        + "/; end of " + path + ":\n" + tail(40));
            }
            return false;
        });
        return found[0];
    }

    private void refresh() {
        if (!Files.exists(path)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long length = file.length();
            if (length <= readUpTo) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(length - readUpTo, Integer.MAX_VALUE - 16)];
            file.seek(readUpTo);
            file.readFully(bytes);
            // Whole lines only (and so whole UTF-8 sequences): a line still being written is read next time.
            int lastNewline = lastIndexOf(bytes, (byte) '\n');
            if (lastNewline < 0) {
                return;
            }
            readUpTo += lastNewline + 1;
            String chunk = new String(bytes, 0, lastNewline, StandardCharsets.UTF_8);
            for (String line : chunk.split("\n", -1)) {
                lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
