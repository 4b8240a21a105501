package io.strimzi.operator.cluster.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The operator's own version, written into the jar by the build. */
public final class OperatorVersion {
    private static final String RESOURCE = "/operator-version.properties";
    private static final String CURRENT = load();

    private OperatorVersion() {
    }

    public static String current() {
        return CURRENT;
    }

    public static boolean isSnapshot(String version) {
        return version.endsWith("-SNAPSHOT");
    }

    /** The tag of the images released with this operator version: `latest` for a snapshot. */
    public static String imageTag(String version) {
        return isSnapshot(version) ? "latest" : version;
    }

    private static String load() {
        try (InputStream in = OperatorVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
