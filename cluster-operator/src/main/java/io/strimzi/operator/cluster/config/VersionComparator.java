package io.strimzi.operator.cluster.config;

/**
 * Compares operator versions such as `0.49.0` and `0.52.0-SNAPSHOT` by their numeric parts.
 * A snapshot counts as the release it leads to, so that 0.52.0-SNAPSHOT already has 0.52.0's gate defaults.
 */
final class VersionComparator {
    private VersionComparator() {
    }

    static int compare(String left, String right) {
        int[] a = numbers(left);
        int[] b = numbers(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int[] numbers(String version) {
        String release = version.strip();
        int suffix = release.indexOf('-');
        if (suffix >= 0) {
            release = release.substring(0, suffix);
        }
        String[] parts = release.split("\\.");
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a version: " + version, e);
            }
        }
        return numbers;
    }
}
