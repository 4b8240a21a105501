package io.strimzi.operator.cluster.config;

import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Labels given to the operator in an env var as `key=value,key=value` (Strimzi's format). */
final class CustomLabels {
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$");
    private static final Pattern VALUE = Pattern.compile("^(([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?)$");

    private CustomLabels() {
    }

    /**
     * @throws InvalidConfigurationException naming the variable and the entry that is not a valid label, or a label
     *                                       in the operator's own `strimzi.io/` and `app.kubernetes.io/` prefixes
     */
    static Map<String, String> parse(String variable, String value) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return labels;
        }
        for (String raw : value.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq).strip();
            String labelValue = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (eq < 0 || !validKey(key) || !VALUE.matcher(labelValue).matches()) {
                throw InvalidConfigurationException.of(variable, value, "'" + entry + "' is not a valid label (key=value)");
            }
            if (key.startsWith("strimzi.io/") || key.startsWith("app.kubernetes.io/")) {
                throw InvalidConfigurationException.of(variable, value, "'" + key + "' is a label the operator sets itself");
            }
            labels.put(key, labelValue);
        }
        return Collections.unmodifiableMap(labels);
    }

    private static boolean validKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return NAME.matcher(key).matches();
        }
        return KubernetesNames.isDns1123Subdomain(key.substring(0, slash)) && NAME.matcher(key.substring(slash + 1)).matches();
    }
}
