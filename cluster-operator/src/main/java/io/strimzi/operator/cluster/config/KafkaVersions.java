package io.strimzi.operator.cluster.config;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The supported Kafka versions and their default Connect images, from `kafka-versions.yaml` at the repository root
 * (packaged into the operator jar): the defaults of STRIMZI_KAFKA_CONNECT_IMAGES. Read once; the file is checked as it
 * is read, so that a wrong edit fails the build's tests, not a running operator.
 */
public final class KafkaVersions {
    /** The file's name at the repository root and on the class path. */
    public static final String RESOURCE = "kafka-versions.yaml";
    private static final Pattern VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");
    private static final List<Entry> ENTRIES = parse(load());

    /**
     * One supported version.
     *
     * @param version       the Kafka version
     * @param image         the repository of its default Connect image (no tag)
     * @param defaultVersion whether it is the default (the newest)
     */
    public record Entry(String version, String image, boolean defaultVersion) {
        /** The default image for an operator version: `<image>:<operator image tag>-kafka-<version>`. */
        public String imageFor(String operatorVersion) {
            return image + ":" + OperatorVersion.imageTag(operatorVersion) + "-kafka-" + version;
        }
    }

    private KafkaVersions() {
    }

    /** Every supported version, oldest first. */
    public static List<Entry> all() {
        return ENTRIES;
    }

    /** The default version: the newest. */
    public static String defaultVersion() {
        return ENTRIES.stream().filter(Entry::defaultVersion).findFirst().orElseThrow().version();
    }

    /** Version to default image, oldest first. */
    public static Map<String, String> defaultImages(String operatorVersion) {
        Map<String, String> images = new LinkedHashMap<>();
        ENTRIES.forEach(e -> images.put(e.version(), e.imageFor(operatorVersion)));
        return images;
    }

    /**
     * Reads the file's text into entries.
     *
     * @throws IllegalArgumentException naming the entry when the file is not a list of versions in ascending order with
     *                                  exactly one default, the newest
     */
    static List<Entry> parse(String text) {
        Object document = new KubernetesSerialization().unmarshal(text, Object.class);
        if (!(document instanceof List<?> items) || items.isEmpty()) {
            throw new IllegalArgumentException(RESOURCE + " must be a non-empty list of versions");
        }
        List<Entry> entries = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map) || !(map.get("version") instanceof String version)
                    || !VERSION.matcher(version).matches() || !(map.get("image") instanceof String image) || image.isBlank()
                    || !(map.get("default") instanceof Boolean isDefault)) {
                throw new IllegalArgumentException(RESOURCE + ": each entry needs version (x.y.z), image and default (true or "
                        + "false): " + item);
            }
            if (!entries.isEmpty() && VersionComparator.compare(entries.get(entries.size() - 1).version(), version) >= 0) {
                throw new IllegalArgumentException(RESOURCE + ": versions must be listed oldest first, once each: " + version);
            }
            entries.add(new Entry(version, image, isDefault));
        }
        List<Entry> defaults = entries.stream().filter(Entry::defaultVersion).toList();
        if (defaults.size() != 1 || defaults.get(0) != entries.get(entries.size() - 1)) {
            throw new IllegalArgumentException(RESOURCE + ": exactly one version, the newest, must be the default, but "
                    + "the defaults are " + Arrays.toString(defaults.stream().map(Entry::version).toArray()));
        }
        return List.copyOf(entries);
    }

    private static String load() {
        try (InputStream in = KafkaVersions.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
