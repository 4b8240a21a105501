package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ControlCharacters;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Dockerfile of a Connect build, generated from `.spec.build` and the base image. Pure and deterministic: the same
 * resource and configuration give a byte-identical Dockerfile.
 */
public final class ConnectDockerfile {
    /** Kafka Connect loads plugins from here in the Strimzi images. */
    public static final String PLUGINS_DIRECTORY = "/opt/kafka/plugins";

    /**
     * An image reference as the distribution registry defines it: optional registry host and port, lower-case path
     * components, optional tag and digest. Anything else (white space, `$`, quotes) cannot reach a FROM line.
     */
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "(?::[0-9]+)?/)?"
                    + "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                    + "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$");
    private static final int MAX_IMAGE_REFERENCE_LENGTH = 512;

    private final String baseImage;
    private final String content;

    ConnectDockerfile(String baseImage, String content) {
        this.baseImage = baseImage;
        this.content = content;
    }

    /**
     * Validates `.spec.build.plugins` and the base image and generates the Dockerfile.
     *
     * @throws InvalidResourceException naming the field when a value is invalid or cannot be made safe
     */
    public static ConnectDockerfile fromCrd(KafkaConnect connect, ClusterOperatorConfig config) {
        KafkaConnectSpec spec = connect.getSpec();
        if (spec == null) {
            throw PluginValidator.invalid(".spec", "is required");
        }
        if (spec.getBuild() == null) {
            throw PluginValidator.invalid(".spec.build", "is required to build an image");
        }
        List<PluginArtifact> artifacts = PluginValidator.validate(spec.getBuild().getPlugins());
        String baseImage = baseImage(spec, config);
        String mavenBuilderImage = null;
        if (artifacts.stream().anyMatch(artifact -> artifact instanceof PluginArtifact.Maven)) {
            mavenBuilderImage = config.mavenBuilderImage();
            requireImageReference(ClusterOperatorConfig.STRIMZI_DEFAULT_MAVEN_BUILDER + " (operator configuration)", mavenBuilderImage);
        }
        return new ConnectDockerfile(baseImage, DockerfileWriter.write(baseImage, mavenBuilderImage, artifacts));
    }

    /** `.spec.image`, else the configured image for `.spec.version` (the newest configured version when unset, as for the Deployment). */
    private static String baseImage(KafkaConnectSpec spec, ClusterOperatorConfig config) {
        if (spec.getImage() != null) {
            requireImageReference(".spec.image", spec.getImage());
            return spec.getImage();
        }
        String version = spec.getVersion();
        String knownVersions = String.join(", ", config.kafkaConnectImages().keySet());
        if (version == null) {
            String newest = config.newestKafkaConnectImage();
            requireImageReference(ClusterOperatorConfig.STRIMZI_KAFKA_CONNECT_IMAGES + " (operator configuration, newest version)", newest);
            return newest;
        }
        String image = config.kafkaConnectImages().get(version);
        if (image == null) {
            throw PluginValidator.invalid(".spec.version", "unknown Kafka Connect version " + ControlCharacters.describe(version)
                    + "; known versions: " + knownVersions);
        }
        requireImageReference(ClusterOperatorConfig.STRIMZI_KAFKA_CONNECT_IMAGES + " (operator configuration, version "
                + version + ")", image);
        return image;
    }

    private static void requireImageReference(String path, String image) {
        if (image == null || image.isEmpty()) {
            throw PluginValidator.invalid(path, "is required");
        }
        if (image.length() > MAX_IMAGE_REFERENCE_LENGTH || !IMAGE_REFERENCE.matcher(image).matches()) {
            throw PluginValidator.invalid(path, ControlCharacters.describe(image) + " is not a valid image reference "
                    + "([registry[:port]/]repository[:tag][@digest], lower-case repository, no white space or special characters)");
        }
    }

    /** The image the build starts FROM. */
    public String baseImage() {
        return baseImage;
    }

    /** The Dockerfile text. */
    public String content() {
        return content;
    }
}
