package io.strimzi.operator.cluster.model.connect;

import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration providers the worker configuration declares, as Strimzi declares them: `strimzienv` (Kafka's
 * EnvVarConfigProvider), `strimzifile` (FileConfigProvider) and `strimzidir` (DirectoryConfigProvider, limited to
 * /opt/kafka). The operator's own values read secrets through them from the mounted Secrets and the container's
 * environment, so that no secret is ever written into the ConfigMap. Strimzi's `strimzisecrets` (its Kubernetes
 * Secret provider, which needs a Role for the pods) is not declared: users who want it add it to `config.providers`.
 */
final class ConfigProviders {
    static final String ENV = "strimzienv";
    static final String FILE = "strimzifile";
    static final String DIR = "strimzidir";
    static final String KEY = "config.providers";

    private ConfigProviders() {
    }

    /** `${strimzidir:<dir>:<file>}`: the content of a file of a mounted Secret or ConfigMap. */
    static String file(String dir, String key) {
        return "${" + DIR + ":" + dir + ":" + key + "}";
    }

    /** `${strimzienv:<name>}`: the value of an environment variable of the container. */
    static String env(String name) {
        return "${" + ENV + ":" + name + "}";
    }

    /**
     * The provider entries, after the user's own providers when `.spec.config` names some (as Strimzi merges them).
     *
     * @throws InvalidResourceException when the user's configuration defines one of the operator's providers
     */
    static Map<String, String> entries(String userProviders, Map<String, String> userConfig) {
        for (String key : userConfig.keySet()) {
            for (String own : new String[] {ENV, FILE, DIR}) {
                if (key.startsWith(KEY + "." + own + ".")) {
                    throw new InvalidResourceException(".spec.config." + key + " configures the operator's config provider "
                            + own + "; name your own provider differently");
                }
            }
        }
        Map<String, String> entries = new LinkedHashMap<>();
        String own = ENV + "," + FILE + "," + DIR;
        entries.put(KEY, userProviders == null || userProviders.isBlank() ? own : userProviders.strip() + "," + own);
        entries.put(KEY + "." + ENV + ".class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        entries.put(KEY + "." + ENV + ".param.allowlist.pattern", ".*");
        entries.put(KEY + "." + FILE + ".class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        entries.put(KEY + "." + DIR + ".class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        entries.put(KEY + "." + DIR + ".param.allowed.paths", "/opt/kafka");
        return entries;
    }
}
