package io.strimzi.connectbuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V21ManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Appends the plugin layer to the base image through the registry API with Jib Core's registry client, and pushes the
 * result: the base image's manifest and config are read, its layers are mounted into the output repository (same
 * registry) or streamed across (another registry), never unpacked; then the layer, the new config and an OCI manifest
 * are pushed. The config is the base's with the layer's diff id and a history entry added and the user set as the
 * Dockerfile's last `USER` sets it; nothing else changes, so the same plan on the same base gives the same digest.
 *
 * <p>Jib's {@code RegistryClient} is not part of Jib's documented API; it is pinned with Jib (see the parent POM) and
 * used for exactly these calls: manifest pull and push, blob check, pull, mount and push.
 */
final class ImageAppender {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a base layer reached the output repository. */
    enum Transfer { PRESENT, MOUNTED, COPIED, SKIPPED }

    /** One phase's registry client settings: its options and the push secret's credentials as the fallback. */
    record Phase(RegistryOptions options, Credentials credentials) {
    }

    /** The pushed image: `<registry>/<repository>@<digest>` as the plan names the output, and its digest. */
    record Pushed(String reference, String digest) {
    }

    private final Consumer<String> log;
    private final EventHandlers events;

    ImageAppender(Consumer<String> log) {
        this.log = log;
        this.events = EventHandlers.builder().add(LogEvent.class, event -> {
            // Jib's failover from HTTPS to HTTP is what --tls-verify=false asked for: not worth a line per client.
            if ((event.getLevel() == LogEvent.Level.ERROR || event.getLevel() == LogEvent.Level.WARN)
                    && !event.getMessage().contains("Attempting again with")) {
                log.accept("registry: " + event.getMessage());
            }
        }).build();
    }

    /**
     * @param imageName what the termination message names the output by (registry and repository as the user wrote them)
     * @throws BuildException with the registry's answer
     */
    Pushed append(String baseImage, String outputImage, String imageName, String user, LayerWriter.Layer layer,
                  String history, Phase pull, Phase push) {
        ImageReference base = parse(baseImage, ".spec.image (or the configured image of .spec.version)");
        ImageReference output = parse(outputImage, ".spec.build.output.image");
        boolean sameRegistry = base.getRegistry().equals(output.getRegistry());
        RegistryClient source = client(base, null, pull, false);
        RegistryClient target = client(output, sameRegistry ? base.getRepository() : null, push, true);
        Retry pullRetry = new Retry(pull.options(), log);
        Retry pushRetry = new Retry(push.options(), log);

        ObjectNode manifest = pullRetry.run("pull the manifest of the base image " + baseImage, () -> baseManifest(source, base));
        JsonNode configDescriptor = manifest.path("config");
        byte[] baseConfig = pullRetry.run("pull the config of the base image " + baseImage,
                () -> Blobs.writeToByteArray(source.pullBlob(digest(configDescriptor), size -> { }, bytes -> { })));
        ObjectNode config = (ObjectNode) read(baseConfig);
        ArrayNode layers = (ArrayNode) manifest.path("layers");
        byte[] newConfig = newConfig(config, layer.digest(), user, history);

        ObjectNode newManifest = JSON.createObjectNode();
        newManifest.put("schemaVersion", 2);
        newManifest.put("mediaType", OCI_MANIFEST);
        newManifest.set("config", descriptor(OCI_CONFIG, sha256(newConfig), newConfig.length));
        ArrayNode newLayers = newManifest.putArray("layers");
        int mounted = 0;
        int copied = 0;
        long copiedBytes = 0;
        for (JsonNode baseLayer : layers) {
            ObjectNode copy = baseLayer.deepCopy();
            copy.put("mediaType", ociLayerType(baseLayer.path("mediaType").asText()));
            newLayers.add(copy);
            Transfer transfer = pushRetry.run("put the base layer " + baseLayer.path("digest").asText() + " into " + outputImage,
                    () -> transfer(source, target, base, baseLayer, sameRegistry));
            if (transfer == Transfer.MOUNTED) {
                mounted++;
            } else if (transfer == Transfer.COPIED) {
                copied++;
                copiedBytes += baseLayer.path("size").asLong();
            }
        }
        log.accept("base image " + baseImage + ": " + layers.size() + " layers, " + mounted + " mounted, " + copied + " copied ("
                + (copiedBytes >> 20) + " MiB), " + (layers.size() - mounted - copied) + " already there");
        newLayers.add(descriptor(OCI_LAYER_TAR, layer.digest(), layer.size()));

        pushRetry.run("push the plugin layer to " + outputImage, () -> {
            DescriptorDigest digest = DescriptorDigest.fromDigest(layer.digest());
            if (target.checkBlob(digest).isEmpty()) {
                target.pushBlob(digest, Blobs.from(layer.file()), null, bytes -> { });
            }
            return null;
        });
        pushRetry.run("push the image config to " + outputImage, () -> {
            target.pushBlob(DescriptorDigest.fromDigest(sha256(newConfig)), Blobs.from(new java.io.ByteArrayInputStream(newConfig)),
                    null, bytes -> { });
            return null;
        });
        String tag = output.getTag().orElse("latest");
        DescriptorDigest pushed = pushRetry.run("push the manifest to " + output.getRegistry() + "/" + output.getRepository() + ":" + tag,
                () -> target.pushManifest(new RawManifest(newManifest), tag));
        return new Pushed(imageName + "@" + pushed, pushed.toString());
    }

    private RegistryClient client(ImageReference image, String mountFrom, Phase phase, boolean forPush) {
        RegistryOptions options = phase.options();
        FailoverHttpClient http = new FailoverHttpClient(!options.tlsVerify(), !options.tlsVerify(), events::dispatch);
        RegistryClient.Factory factory = mountFrom == null
                ? RegistryClient.factory(events, image.getRegistry(), image.getRepository(), http)
                : RegistryClient.factory(events, image.getRegistry(), image.getRepository(), mountFrom, http);
        RegistryClient client = factory.setCredential(phase.credentials().find(image.getRegistry(), options))
                .setUserAgent("strimzi-connect-builder").newRegistryClient();
        new Retry(options, log).run((forPush ? "authenticate to push to " : "authenticate to pull from ") + image.getRegistry()
                + "/" + image.getRepository(), () -> {
            boolean bearer = forPush ? client.doPushBearerAuth() : client.doPullBearerAuth();
            if (!bearer && phase.credentials().find(image.getRegistry(), options) != null) {
                client.configureBasicAuth();
            }
            return null;
        });
        return client;
    }

    /** The single-platform manifest of the base image, as JSON; from a list, this machine's platform (as Buildah picks). */
    private ObjectNode baseManifest(RegistryClient client, ImageReference base) throws IOException, RegistryException {
        ManifestAndDigest<ManifestTemplate> pulled = client.pullManifest(base.getQualifier());
        ManifestTemplate manifest = pulled.getManifest();
        if (manifest instanceof ManifestListTemplate list) {
            String architecture = architecture();
            List<String> digests = list instanceof V22ManifestListTemplate v22 ? v22.getDigestsForPlatform(architecture, "linux")
                    : ((OciIndexTemplate) list).getDigestsForPlatform(architecture, "linux");
            if (digests.isEmpty()) {
                throw new BuildException("the base image " + base + " has no linux/" + architecture + " image in its manifest list");
            }
            manifest = client.pullManifest(digests.get(0)).getManifest();
        }
        if (manifest instanceof V21ManifestTemplate) {
            throw new BuildException("the base image " + base + " has a Docker schema 1 manifest, which the layer builder cannot extend");
        }
        return (ObjectNode) read(JsonTemplateMapper.toUtf8String(manifest).getBytes(StandardCharsets.UTF_8));
    }

    private Transfer transfer(RegistryClient source, RegistryClient target, ImageReference base, JsonNode layer,
                              boolean sameRegistry) throws IOException, RegistryException {
        if (layer.has("urls") || layer.path("mediaType").asText().contains("foreign")
                || layer.path("mediaType").asText().contains("nondistributable")) {
            return Transfer.SKIPPED; // a foreign layer stays where its URLs say
        }
        DescriptorDigest digest = digest(layer);
        if (target.checkBlob(digest).isPresent()) {
            return Transfer.PRESENT;
        }
        Blob blob = source.pullBlob(digest, size -> { }, bytes -> { });
        boolean existed = target.pushBlob(digest, blob, sameRegistry ? base.getRepository() : null, bytes -> { });
        return existed ? Transfer.MOUNTED : Transfer.COPIED;
    }

    /** The base's config with the layer appended: its diff id, a history entry, and the user the image ends with. */
    static byte[] newConfig(ObjectNode config, String diffId, String user, String history) {
        ObjectNode rootfs = config.has("rootfs") ? (ObjectNode) config.get("rootfs") : config.putObject("rootfs");
        rootfs.put("type", "layers");
        (rootfs.has("diff_ids") ? (ArrayNode) rootfs.get("diff_ids") : rootfs.putArray("diff_ids")).add(diffId);
        ObjectNode containerConfig = config.has("config") && config.get("config").isObject()
                ? (ObjectNode) config.get("config") : config.putObject("config");
        containerConfig.put("User", user);
        ArrayNode historyEntries = config.has("history") ? (ArrayNode) config.get("history") : config.putArray("history");
        ObjectNode entry = historyEntries.addObject();
        if (config.has("created")) {
            entry.set("created", config.get("created"));
        }
        entry.put("created_by", history);
        try {
            return JSON.writeValueAsBytes(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Docker media types of layers as their OCI equivalents (the bytes are the same); OCI types as they are. */
    static String ociLayerType(String mediaType) {
        return switch (mediaType) {
            case "application/vnd.docker.image.rootfs.diff.tar.gzip" -> "application/vnd.oci.image.layer.v1.tar+gzip";
            case "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" -> "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
            case "" -> "application/vnd.oci.image.layer.v1.tar+gzip";
            default -> mediaType;
        };
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }

    private static DescriptorDigest digest(JsonNode descriptor) {
        try {
            return DescriptorDigest.fromDigest(descriptor.path("digest").asText());
        } catch (DigestException e) {
            throw new BuildException("the base image's manifest has an invalid digest " + descriptor.path("digest").asText());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new BuildException("the registry sent JSON that cannot be read: " + e.getMessage(), e);
        }
    }

    private static ImageReference parse(String image, String field) {
        try {
            return ImageReference.parse(image);
        } catch (InvalidImageReferenceException e) {
            throw new BuildException(field + ": '" + image + "' is not an image reference");
        }
    }

    /** The platform's architecture as image indexes name it. */
    static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            default -> arch;
        };
    }
}
