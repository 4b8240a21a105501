package io.strimzi.localkafka;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A worker configuration (Java properties text) kept exactly as given, except for the entries that must change for
 * the worker to run here: the ones the caller sets (addresses) and values holding a mapped container path. Only the
 * lines of changed keys are rewritten; comments, order and every other line stay byte for byte, and the result is
 * checked to parse to the given configuration plus exactly those changes.
 */
final class WorkerProperties {
    /** The text the worker runs with, and for each changed key its new value. */
    record Rewritten(String text, Map<String, String> changes) {
    }

    private WorkerProperties() {
    }

    static Map<String, String> parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a properties text: " + e.getMessage(), e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    /** {@code set} replaces (or adds) whole values; {@code paths} rewrites the values of every other key. */
    static Rewritten rewrite(String text, Map<String, String> set, PathMapping paths) {
        Map<String, String> given = parse(text);
        Map<String, String> changes = new TreeMap<>();
        given.forEach((key, value) -> {
            String rewritten = set.containsKey(key) ? set.get(key) : paths.rewrite(value);
            if (!rewritten.equals(value)) {
                changes.put(key, rewritten);
            }
        });
        set.forEach((key, value) -> {
            if (!given.containsKey(key)) {
                changes.put(key, value);
            }
        });

        StringBuilder out = new StringBuilder();
        List<String> lines = naturalLines(text);
        Set<String> written = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.stripLeading();
            if (stripped.isBlank() || stripped.startsWith("#") || stripped.startsWith("!")) {
                out.append(line);
                continue;
            }
            StringBuilder logical = new StringBuilder(line);
            while (continues(lines.get(i)) && i + 1 < lines.size()) {
                logical.append(lines.get(++i));
            }
            String key = parse(logical.toString()).keySet().stream().findFirst().orElse(null);
            if (key != null && changes.containsKey(key)) {
                out.append(entry(key, changes.get(key)));
                written.add(key);
            } else {
                out.append(logical);
            }
        }
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (!written.contains(change.getKey())) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                out.append(entry(change.getKey(), change.getValue()));
            }
        }

        Map<String, String> expected = new TreeMap<>(given);
        expected.putAll(changes);
        if (!parse(out.toString()).equals(expected)) {
            throw new IllegalStateException("Rewriting the worker configuration changed more than " + changes.keySet());
        }
        return new Rewritten(out.toString(), Collections.unmodifiableMap(changes));
    }

    /** The lines of the text, each with its line terminator. */
    private static List<String> naturalLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** A line whose content ends with an odd number of backslashes continues on the next one. */
    private static boolean continues(String line) {
        String content = line.replaceAll("[\r\n]+$", "");
        int backslashes = 0;
        for (int i = content.length() - 1; i >= 0 && content.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** One {@code key=value} line, escaped by {@link Properties#store} itself. */
    private static String entry(String key, String value) {
        Properties one = new Properties();
        one.setProperty(key, value);
        StringWriter writer = new StringWriter();
        try {
            one.store(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stored = writer.toString();
        return stored.substring(stored.indexOf('\n') + 1); // after the date comment store() always writes
    }
}
