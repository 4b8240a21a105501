package io.strimzi.localkafka;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Container paths mapped to host paths, as a kubelet mounts volumes: {@code /opt/kafka/connect-certs/my-ca} to the
 * directory where the test wrote that Secret's files. A mapped path is replaced wherever it appears in a value as a
 * whole path or a path's start ({@code /opt/kafka/plugins} in {@code /opt/kafka/plugins/x}, in
 * {@code ${dir:/opt/kafka/plugins:x}}), never as part of a longer name ({@code /opt/kafka/plugins2},
 * {@code /x/opt/kafka}). The longest mapped path wins. The same rule as local-cluster's fake kubelet.
 */
public final class PathMapping {
    private final Map<String, String> hostPaths = new LinkedHashMap<>();
    private final Pattern pattern;

    public PathMapping(Map<String, Path> mounts) {
        mounts.forEach((container, host) -> hostPaths.put(checkContainerPath(container), host.toAbsolutePath().toString()));
        String alternatives = hostPaths.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        // Not after a name character or '/', not before a name character.
        pattern = hostPaths.isEmpty() ? null
                : Pattern.compile("(?<![A-Za-z0-9_./-])(" + alternatives + ")(?![A-Za-z0-9_.-])");
    }

    /** The value with every mapped container path replaced by its host path. */
    public String rewrite(String value) {
        if (pattern == null) {
            return value;
        }
        return pattern.matcher(value).replaceAll(m -> Matcher.quoteReplacement(hostPaths.get(m.group(1))));
    }

    private static String checkContainerPath(String path) {
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("//")
                || !Path.of(path).normalize().toString().equals(path)) {
            throw new IllegalArgumentException("A container path must be absolute and normalised, without a "
                    + "trailing '/': " + path);
        }
        return path;
    }
}
