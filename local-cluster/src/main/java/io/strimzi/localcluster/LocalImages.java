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

    /** Where the operator image has the layer builder (docker-images/operator/Dockerfile). */
    public static final String CONNECT_BUILDER_PATH = "/opt/strimzi/connect-builder.jar";
    /** The jar `make build` makes, relative to the repository root. */
    static final String CONNECT_BUILDER_JAR = "connect-builder/target/connect-builder.jar";

    private final Path cache;
    private final Map<String, Image> images;
    private final Map<String, Map<String, Path>> files;

    private LocalImages(Path cache, Map<String, Image> images, Map<String, Map<String, Path>> files) {
        this.cache = cache;
        this.images = images;
        this.files = files;
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
        return new LocalImages(cache, images, Map.of());
    }

    /**
     * These images with one more read-only file in one of them: the image as a build would make it from its cached
     * root filesystem and a file of this repository's build.
     */
    public LocalImages withFile(String reference, String path, Path file) {
        Map<String, Map<String, Path>> more = new LinkedHashMap<>(files);
        Map<String, Path> ofImage = new LinkedHashMap<>(more.getOrDefault(reference, Map.of()));
        ofImage.put(path, file);
        more.put(reference, Map.copyOf(ofImage));
        return new LocalImages(cache, images, Map.copyOf(more));
    }

    /**
     * The operator image as docker-images/operator builds it: its cached root filesystem (Debian 12 with the JRE) and
     * the built connect-builder.jar at {@value #CONNECT_BUILDER_PATH}, when `make build` made it.
     */
    public LocalImages withConnectBuilder() {
        return connectBuilderJar().map(jar -> withFile(OPERATOR, CONNECT_BUILDER_PATH, jar)).orElse(this);
    }

    /** The files added to an image: path in the container to the file on this machine. */
    public Map<String, Path> files(String reference) {
        return files.getOrDefault(reference, Map.of());
    }

    /**
     * connect-builder/target/connect-builder.jar: named by the system property {@code strimzi.connectBuilderJar} (the
     * tests set it), else found from the working directory up (make run starts at the repository root).
     */
    public static java.util.Optional<Path> connectBuilderJar() {
        String property = System.getProperty("strimzi.connectBuilderJar");
        if (property != null && !property.isBlank()) {
            Path jar = Path.of(property).toAbsolutePath().normalize();
            return Files.isRegularFile(jar) ? java.util.Optional.of(jar) : java.util.Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(CONNECT_BUILDER_JAR);
            if (Files.isRegularFile(jar)) {
                return java.util.Optional.of(jar);
            }
        }
        return java.util.Optional.empty();
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
