package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.build.MavenArtifact;

/**
 * One validated artifact of a connector plugin, as the Dockerfile installs it. Every field holds either a value the
 * operator generated or a user value that passed {@link PluginValidator}.
 */
sealed interface PluginArtifact permits PluginArtifact.Download, PluginArtifact.Maven {
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

    /**
     * A Maven artifact resolved with its dependencies, as Strimzi resolves it: the artifact's own POM is the project
     * whose dependencies are copied, of every scope unless `includeScope` narrows them.
     *
     * @param includeScope Maven's `includeScope` (`runtime`, `compile`, ...), or null for every scope
     * @param mirror       the URL of the mirror that serves every request of the build, or null
     */
    record Maven(String plugin, String hash, String repository, String group, String artifact, String version,
                 boolean insecure, String includeScope, String mirror) implements PluginArtifact {
        boolean usesDefaultRepository() {
            return MavenArtifact.DEFAULT_REPOSITORY.equals(repository);
        }
    }

    /** The artifact's directory name: {@link PluginDirectory#hash} of its identity parts. */
    static String identityHash(String... parts) {
        return PluginDirectory.hash(parts);
    }
}
