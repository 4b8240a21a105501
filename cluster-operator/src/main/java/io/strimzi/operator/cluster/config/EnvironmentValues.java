package io.strimzi.operator.cluster.config;

import io.strimzi.operator.cluster.values.ImageReference;
import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@link ClusterOperatorConfig} reads the values of its variables: each check throws an
 * {@link InvalidConfigurationException} naming the variable and its value.
 */
final class EnvironmentValues {
    private EnvironmentValues() {
    }

    static Set<String> parseNamespaces(String value) {
        if (value == null || value.isBlank()) {
            return Set.of(ClusterOperatorConfig.ANY_NAMESPACE);
        }
        Set<String> namespaces = new LinkedHashSet<>();
        for (String raw : value.split(",", -1)) {
            String ns = raw.strip();
            if (ClusterOperatorConfig.ANY_NAMESPACE.equals(ns)) {
                namespaces.add(ClusterOperatorConfig.ANY_NAMESPACE);
            } else if (!KubernetesNames.isDns1123Label(ns)) {
                throw InvalidConfigurationException.of(ClusterOperatorConfig.STRIMZI_NAMESPACE, value, "'" + ns + "' is not a valid namespace name");
            } else {
                namespaces.add(ns);
            }
        }
        if (namespaces.contains(ClusterOperatorConfig.ANY_NAMESPACE) && namespaces.size() > 1) {
            throw InvalidConfigurationException.of(ClusterOperatorConfig.STRIMZI_NAMESPACE, value, "'*' cannot be combined with namespace names");
        }
        return namespaces;
    }

    static long parsePositiveLong(Map<String, String> env, String name, long defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidConfigurationException.of(name, value, "not a number");
        }
        if (parsed <= 0) {
            throw InvalidConfigurationException.of(name, value, "must be a positive number of milliseconds");
        }
        return parsed;
    }

    static int parsePort(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidConfigurationException.of(name, value, "not a port number (1-65535)");
    }

    static String parseImage(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String image = value.strip();
        requireImage(name, value, image, "");
        return image;
    }

    static Map<String, String> parseImageMap(String name, String value) {
        Map<String, String> images = new LinkedHashMap<>();
        for (String rawLine : value.split("[\\n,]")) {
            String line = rawLine.strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw InvalidConfigurationException.of(name, value, "entry '" + line + "' must be version=image");
            }
            String version = line.substring(0, eq).strip();
            String image = line.substring(eq + 1).strip();
            if (!ClusterOperatorConfig.VERSION.matcher(version).matches()) {
                throw InvalidConfigurationException.of(name, value, "'" + version + "' is not a Kafka version like 4.1.0");
            }
            requireImage(name, value, image, "'" + image + "' is ");
            if (images.put(version, image) != null) {
                throw InvalidConfigurationException.of(name, value, "version " + version + " is listed more than once");
            }
        }
        if (images.isEmpty()) {
            throw InvalidConfigurationException.of(name, value, "no version=image entry");
        }
        return images;
    }

    /**
     * Checks an image with the one image grammar ({@link ImageReference}), strictly: the operator does not start with
     * an image that a build or the Connect Deployment could not use.
     *
     * @param value  the variable's whole value, for the message
     * @param prefix what the message says before "not an image reference", e.g. the entry of a list
     */
    static void requireImage(String variable, String value, String image, String prefix) {
        try {
            ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw InvalidConfigurationException.of(variable, value, prefix + "not an image reference: " + e.getMessage());
        }
    }

    static ClusterOperatorConfig.ImagePullPolicy parsePullPolicy(String value) {
        try {
            return ClusterOperatorConfig.ImagePullPolicy.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidConfigurationException.of(ClusterOperatorConfig.STRIMZI_IMAGE_PULL_POLICY, value, "must be Always, IfNotPresent or Never");
        }
    }

    static List<String> parsePullSecrets(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Set<String> secrets = new LinkedHashSet<>();
        for (String raw : value.split(",", -1)) {
            String secret = raw.strip();
            if (!KubernetesNames.isDns1123Subdomain(secret)) {
                throw InvalidConfigurationException.of(ClusterOperatorConfig.STRIMZI_IMAGE_PULL_SECRETS, value, "'" + secret + "' is not a valid Secret name");
            }
            secrets.add(secret);
        }
        return List.copyOf(secrets);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
