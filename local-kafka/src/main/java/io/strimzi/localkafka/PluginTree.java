package io.strimzi.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code plugin.path} directory in the layout a Connect Build writes under {@code /opt/kafka/plugins}:
 * {@code <plugin>/<hash>/<file>}, one {@code <hash>} directory per artifact. Connect loads each {@code <plugin>}
 * directory with a class loader of its own, from every jar below it.
 */
public final class PluginTree {
    public static final String CONNECT_FILE_PLUGIN = "connect-file";

    private PluginTree() {
    }

    /**
     * Copies each artifact to {@code pluginPathDir/<plugin>/<hash>/<file name>}, {@code <hash>} being the first 8 hex
     * digits of the artifact's SHA-256. Returns the copies.
     */
    public static List<Path> addPlugin(Path pluginPathDir, String plugin, List<Path> artifacts) {
        if (!plugin.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("A plugin name is a lowercase DNS label: " + plugin);
        }
        return artifacts.stream().map(artifact -> {
            Path target = pluginPathDir.resolve(plugin).resolve(shortSha256(artifact)).resolve(artifact.getFileName());
            try {
                Files.createDirectories(target.getParent());
                return Files.copy(artifact, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** A tree holding {@code org.apache.kafka:connect-file} (FileStreamSource/SinkConnector) as plugin {@code connect-file}. */
    public static Path withConnectFile(Path pluginPathDir) {
        addPlugin(pluginPathDir, CONNECT_FILE_PLUGIN, List.of(KafkaRuntime.connectFileJar()));
        return pluginPathDir;
    }

    private static String shortSha256(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
