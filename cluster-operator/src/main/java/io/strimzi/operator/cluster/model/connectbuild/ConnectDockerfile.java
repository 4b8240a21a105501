package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ConnectImages;
import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.util.List;

/**
 * The Dockerfile of a Connect build, generated from `.spec.build` and the base image. Pure and deterministic: the same
 * resource and configuration give a byte-identical Dockerfile.
 */
public final class ConnectDockerfile {
    /** Kafka Connect loads plugins from here in the Strimzi images. */
    public static final String PLUGINS_DIRECTORY = "/opt/kafka/plugins";

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
        String baseImage = ConnectImages.baseImage(spec, config).toString();
        // The configuration's images were checked at start.
        String mavenBuilderImage = artifacts.stream().anyMatch(artifact -> artifact instanceof PluginArtifact.Maven)
                ? config.mavenBuilderImage() : null;
        return new ConnectDockerfile(baseImage, DockerfileWriter.write(baseImage, mavenBuilderImage, artifacts));
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
