package io.strimzi.localcluster;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The container images the fake kubelet can run: root filesystems that {@code make tools} (.ci/local-images.sh)
 * made from Debian's packages and cached outside the repository, each named by the image references a Pod uses.
 * Nothing is downloaded here: a missing image is reported with the command that makes it.
 */
public final class LocalImages {
    /** The variable that moves the cache (the same one .ci/install-tools.sh reads). */
    public static final String CACHE_VARIABLE = "STRIMZI_LOCAL_CLUSTER_CACHE";
    public static final Path DEFAULT_CACHE = Path.of("/var/cache/strimzi-local-cluster");
    /** Debian 13's Buildah 1.39.3 (upstream pins quay.io/buildah/stable:v1.40.1). */
    public static final String BUILDAH = "localhost/local-cluster/buildah:1.39";
    /** A Debian 12 root filesystem with OpenJDK 17's JRE, user 1001: the operator image (for the layer builder). */
    public static final String OPERATOR = "quay.io/strimzi/operator:latest";
    /** The OCI layout of the Kafka-shaped base image (17 layers, about 440 MiB that does not compress). */
    static final String KAFKA_SHAPED_BASE_TAG = "kafka-shaped";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One image: its root filesystem and the parts of its OCI config a runtime uses. */
    public record Image(String reference, Path rootfs, String user, List<String> env, String workingDir) {
    }

    private final Path cache;
    private final Map<String, Image> images;

    private LocalImages(Path cache, Map<String, Image> images) {
        this.cache = cache;
        this.images = images;
    }

    /** The images in the cache named by {@value #CACHE_VARIABLE}, or the default cache. */
    public static LocalImages fromCache() {
        String configured = System.getenv(CACHE_VARIABLE);
        return in(configured == null || configured.isBlank() ? DEFAULT_CACHE : Path.of(configured));
    }

    static LocalImages in(Path cache) {
        Map<String, Image> images = new LinkedHashMap<>();
        Path dir = cache.resolve("images");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path image : entries.sorted().toList()) {
                    if (image.getFileName().toString().startsWith(".") || !Files.isRegularFile(image.resolve("references"))) {
                        continue; // an image still being made
                    }
                    for (String reference : Files.readAllLines(image.resolve("references"))) {
                        if (!reference.isBlank()) {
                            images.put(reference.strip(), read(reference.strip(), image));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new LocalImages(cache, images);
    }

    private static Image read(String reference, Path dir) throws IOException {
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile()).path("config");
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(value -> env.add(value.asString()));
        String user = config.path("User").asString("");
        String workingDir = config.path("WorkingDir").asString("");
        return new Image(reference, dir.resolve("rootfs"), user.isEmpty() ? "0" : user, List.copyOf(env),
                workingDir.isEmpty() ? "/" : workingDir);
    }

    public Optional<Image> find(String reference) {
        return Optional.ofNullable(images.get(reference));
    }

    /** The image named reference, or a failure that says how to make the cache. */
    public Image require(String reference) {
        return find(reference).orElseThrow(() -> new IllegalStateException("no local image " + reference + " in " + cache
                + " (it has " + images.keySet() + "): run `make tools` (.ci/install-tools.sh) to make it"));
    }

    public List<String> references() {
        return List.copyOf(images.keySet());
    }

    /** The Kafka-shaped base image as an OCI layout (skopeo's {@code oci:DIR:TAG}), made by `make tools`. */
    public Path kafkaShapedBaseLayout() {
        Path layout = cache.resolve("kafka-base");
        if (!Files.isRegularFile(layout.resolve("index.json"))) {
            throw new IllegalStateException("no Kafka-shaped base image in " + layout + ": run `make tools` (.ci/install-tools.sh)");
        }
        return layout;
    }

    public Path cache() {
        return cache;
    }
}
