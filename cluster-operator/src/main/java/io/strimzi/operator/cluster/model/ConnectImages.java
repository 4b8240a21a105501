package io.strimzi.operator.cluster.model;

import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.values.ImageReference;

import static io.strimzi.operator.cluster.values.ControlCharacters.describe;

/**
 * The images of a KafkaConnect resource, each checked with the one image grammar ({@link ImageReference}), and the
 * one resolver of its base image, shared by the Connect workload and the build. The configured images need no check
 * here: {@link ClusterOperatorConfig} refuses an invalid one at start.
 */
public final class ConnectImages {
    private ConnectImages() {
    }

    /**
     * The image the Connect cluster runs without a build, which is also the base image of a build: `.spec.image`, else
     * the configured image of `.spec.version`, else that of the newest configured version.
     *
     * @throws InvalidResourceException naming `.spec.image` or `.spec.version`
     */
    public static ImageReference baseImage(KafkaConnectSpec spec, ClusterOperatorConfig config) {
        if (spec.getImage() != null) {
            return parse(".spec.image", spec.getImage());
        }
        String version = spec.getVersion();
        String image = version == null ? config.newestKafkaConnectImage() : config.kafkaConnectImages().get(version);
        if (image == null) {
            throw new InvalidResourceException(".spec.version: unknown Kafka Connect version " + describe(version)
                    + "; known versions: " + String.join(", ", config.kafkaConnectImages().keySet()));
        }
        return ImageReference.parse(image);
    }

    /**
     * An image of the resource, strictly checked.
     *
     * @param field the field's path, e.g. `.spec.build.output.image`, for the message
     * @throws InvalidResourceException naming the field, the value and the reason
     */
    public static ImageReference parse(String field, String image) {
        try {
            return ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new InvalidResourceException(field + ": " + describe(image == null ? "" : image)
                    + " is not a valid image reference: " + e.getMessage());
        }
    }
}
