package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.Sha256;

import java.util.regex.Pattern;

import static io.strimzi.operator.cluster.values.ControlCharacters.describe;

/**
 * The one layout of plugin directories, whether a build installs the plugin or an image volume mounts it
 * (`.spec.plugins`): `/opt/kafka/plugins/<plugin>/<hash>/`, with the one plugin name rule and the one hash rule.
 */
public final class PluginDirectory {
    /** Kafka Connect loads plugins from here in the Strimzi images. */
    public static final String PLUGINS_DIRECTORY = "/opt/kafka/plugins";
    /** Hex digits of the artifact's identity hash that name its directory: short, and collisions are checked. */
    public static final int HASH_LENGTH = 8;
    private static final Pattern PLUGIN_NAME = Pattern.compile(Plugin.NAME_PATTERN);

    private PluginDirectory() {
    }

    /**
     * The first {@link #HASH_LENGTH} hex digits of the SHA-256 of the identity parts (the artifact's type first), each
     * ended by a NUL (which no validated value contains), so that different parts can never run together into the
     * same input.
     */
    public static String hash(String... parts) {
        StringBuilder identity = new StringBuilder();
        for (String part : parts) {
            identity.append(part).append('\0');
        }
        return Sha256.hex(identity.toString(), HASH_LENGTH);
    }

    /** The directory of one artifact of a plugin. */
    public static String of(String plugin, String hash) {
        return PLUGINS_DIRECTORY + "/" + plugin + "/" + hash;
    }

    /**
     * @param path the field, e.g. `.spec.plugins[0].name`
     * @throws InvalidResourceException naming the field when the name does not fit the plugin name rule
     */
    public static String validName(String path, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidResourceException(path + ": is required");
        }
        if (!PLUGIN_NAME.matcher(name).matches()) {
            throw new InvalidResourceException(path + ": " + describe(name) + " is not a valid plugin name: it must match "
                    + Plugin.NAME_PATTERN + " (lower-case letters, digits, '-' and '_', starting and ending with a letter or digit)");
        }
        return name;
    }
}
