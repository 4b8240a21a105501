package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ConnectImages;
import io.strimzi.operator.cluster.model.InvalidResourceException;

/**
 * The Dockerfile of a Connect build, generated from the build description: the input of the Dockerfile tools (Buildah,
 * Kaniko, OpenShift's Docker strategy), and what their revision hashes. Pure and deterministic: the same resource and
 * configuration give a byte-identical Dockerfile.
 */
public final class ConnectDockerfile {
    /** Kafka Connect loads plugins from here in the Strimzi images. */
    public static final String PLUGINS_DIRECTORY = PluginDirectory.PLUGINS_DIRECTORY;
    /** The Dockerfile ConfigMap's key, and the file's name where the build Pod mounts it. */
    public static final String KEY = "Dockerfile";
    /** Where the Dockerfile ConfigMap is mounted in the build container, and the Dockerfile's path there. */
    public static final String MOUNT_PATH = "/dockerfile";
    public static final String PATH = MOUNT_PATH + "/" + KEY;
    static final String VOLUME = "dockerfile";

    private final String baseImage;
    private final String content;

    ConnectDockerfile(String baseImage, String content) {
        this.baseImage = baseImage;
        this.content = content;
    }

    /** The Dockerfile of a build; the Maven builder image is its first stage when there are Maven artifacts. */
    static ConnectDockerfile of(BuildDescription build, String mavenBuilderImage) {
        String baseImage = build.baseImage().toString();
        return new ConnectDockerfile(baseImage, DockerfileWriter.write(baseImage, mavenBuilderImage, build.artifacts()));
    }

    /**
     * Validates `.spec.build.plugins` and the base image (not the output) and generates the Dockerfile.
     *
     * @throws InvalidResourceException naming the field when a value is invalid or cannot be made safe
     */
    public static ConnectDockerfile fromCrd(KafkaConnect connect, ClusterOperatorConfig config) {
        KafkaConnectSpec spec = BuildDescription.requireBuild(connect);
        // In the order of BuildDescription.fromCrd, so that the first invalid field is the same.
        var artifacts = PluginValidator.validate(spec.getBuild().getPlugins());
        var baseImage = ConnectImages.baseImage(spec, config);
        return of(new BuildDescription(baseImage, artifacts, null, BuildDescription.Options.NONE), config.mavenBuilderImage());
    }

    /** The Dockerfile as a build Pod's input: the ConfigMap `<name>-connect-dockerfile`, mounted at {@link #PATH}. */
    PodBuildTool.ToolInput input(String connectName) {
        return new PodBuildTool.ToolInput(BuildNames.dockerfileConfigMapName(connectName), VOLUME, MOUNT_PATH, KEY, content);
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
