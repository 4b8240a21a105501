package io.strimzi.operator.cluster.model.build;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;

/**
 * The Dockerfile of a Connect build, generated from `.spec.build` and the base image. Pure and deterministic.
 * CONTRACT (filled in by the Dockerfile work): the signatures below are used by the build Pod and the operator.
 */
public final class ConnectDockerfile {
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
        throw new UnsupportedOperationException("not implemented yet");
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
