package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.build.MavenArtifact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha256.digest()).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
