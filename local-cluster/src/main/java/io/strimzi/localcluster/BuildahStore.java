package io.strimzi.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A private containers-storage for buildah (vfs driver, the only one that works here without privileges) in a
 * directory of its own, plus a registries.conf that marks the local plain-HTTP registries as insecure and
 * resolves no short names (so nothing ever reaches for docker.io). Processes get it through
 * {@code CONTAINERS_STORAGE_CONF} and {@code CONTAINERS_REGISTRIES_CONF}.
 */
public final class BuildahStore {
    /** The isolation the official Buildah image sets; the default OCI isolation fails here (cgroups). */
    public static final String ISOLATION = "chroot";

    private final Path root;

    private BuildahStore(Path root) {
        this.root = root;
    }

    /** Writes storage.conf and registries.conf into root (created if needed). */
    public static BuildahStore create(Path root, Collection<String> insecureRegistries) {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("storage.conf"), "[storage]\n"
                    + "driver = \"vfs\"\n"
                    + "runroot = " + tomlString(root.resolve("run").toString()) + "\n"
                    + "graphroot = " + tomlString(root.resolve("graph").toString()) + "\n");
            StringBuilder registries = new StringBuilder("unqualified-search-registries = []\n");
            for (String registry : insecureRegistries) {
                registries.append("\n[[registry]]\nlocation = ").append(tomlString(registry)).append("\ninsecure = true\n");
            }
            Files.writeString(root.resolve("registries.conf"), registries.toString());
            return new BuildahStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** The variables that point buildah at this store and its registries.conf, and set chroot isolation. */
    public Map<String, String> environment() {
        return Map.of(
                "CONTAINERS_STORAGE_CONF", root.resolve("storage.conf").toString(),
                "CONTAINERS_REGISTRIES_CONF", root.resolve("registries.conf").toString(),
                "BUILDAH_ISOLATION", ISOLATION);
    }

    /**
     * Runs {@code buildah ARGUMENTS} on this store and returns its standard output; fails with its error output.
     * Buildah's temporary files (TMPDIR) go inside the store too, so that {@link #diskUsageBytes()} counts them
     * and {@link #delete()} removes them.
     */
    public String run(String... arguments) {
        List<String> argv = new ArrayList<>(List.of("buildah"));
        argv.addAll(List.of(arguments));
        Map<String, String> env = new HashMap<>(environment());
        try {
            env.put("TMPDIR", Files.createDirectories(root.resolve("tmp")).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Commands.run(argv, env);
    }

    /** The disk space the store takes (images, containers, temporary files), in bytes, as {@code du -sk} counts it. */
    public long diskUsageBytes() {
        String usage = Commands.run(List.of("du", "-sk", root.toString()), Map.of());
        return Long.parseLong(usage.split("\\s+")[0]) * 1024;
    }

    /** Removes the store and everything buildah put into it. */
    public void delete() {
        Commands.deleteRecursively(root);
    }

    private static String tomlString(String value) {
        if (value.contains("'") || value.contains("\n")) {
            throw new IllegalArgumentException("unsupported character in " + value);
        }
        return "'" + value + "'";
    }
}
