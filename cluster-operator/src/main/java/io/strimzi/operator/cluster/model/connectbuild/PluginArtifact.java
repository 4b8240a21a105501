package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.operator.cluster.values.Sha256;

/**
 * One validated artifact of a connector plugin, as the Dockerfile installs it. Every field holds either a value the
 * operator generated or a user value that passed {@link PluginValidator}.
 */
sealed interface PluginArtifact permits PluginArtifact.Download, PluginArtifact.Maven {
    /** Hex digits of the artifact's identity hash that name its directory: short, and collisions are checked. */
    int HASH_LENGTH = 8;

    /** The plugin's name (matches Plugin.NAME_PATTERN). */
    String plugin();

    /** Short hash of the artifact's identity; names the artifact's directory under the plugin. */
    String hash();

    /** The artifact's directory relative to the plugins directory: `<plugin>/<hash>`. */
    default String relativeDirectory() {
        return plugin() + "/" + hash();
    }

    /** What a downloaded artifact becomes. */
    enum Kind { JAR, TGZ, ZIP, OTHER }

    /**
     * An artifact downloaded from a URL.
     *
     * @param fileName for JAR and OTHER, the name the file is stored under; null for archives
     * @param sha512sum lower-case hex checksum, or null when none was given
     */
    record Download(String plugin, String hash, Kind kind, String url, String sha512sum, boolean insecure,
                    String fileName) implements PluginArtifact {
    }

    /** A Maven artifact resolved with its runtime dependencies. */
    record Maven(String plugin, String hash, String repository, String group, String artifact, String version,
                 boolean insecure) implements PluginArtifact {
        boolean usesDefaultRepository() {
            return MavenArtifact.DEFAULT_REPOSITORY.equals(repository);
        }
    }

    /**
     * The first {@link #HASH_LENGTH} hex digits of the SHA-256 of the identity parts, each ended by a NUL (which no
     * validated value contains), so that different parts can never run together into the same input.
     */
    static String identityHash(String... parts) {
        StringBuilder identity = new StringBuilder();
        for (String part : parts) {
            identity.append(part).append('\0');
        }
        return Sha256.hex(identity.toString(), HASH_LENGTH);
    }
}
