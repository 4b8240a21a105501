package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ConnectImages;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ImageReference;

import java.util.List;

/**
 * The builder-neutral description of one Connect build: what the image is made of and where it goes, whichever tool
 * makes it. Every value is validated: the base image and the output passed the image grammar, each artifact passed
 * {@link PluginValidator} (with its target directory below {@link ConnectDockerfile#PLUGINS_DIRECTORY}). The options
 * are the user's as written: each tool checks the ones it uses ({@link PodBuildTool#check}).
 *
 * @param baseImage the image the build starts from: `.spec.image` or the configured image of `.spec.version`
 * @param artifacts the plugins' artifacts in the order of the resource
 * @param output    where the image is pushed
 * @param options   the additional options of the docker output; empty for an imagestream output
 */
record BuildDescription(ImageReference baseImage, List<PluginArtifact> artifacts, BuildOutput output, Options options) {
    static final String BUILD_OPTIONS_FIELD = BuildOutput.FIELD + ".additionalBuildOptions";
    static final String PUSH_OPTIONS_FIELD = BuildOutput.FIELD + ".additionalPushOptions";
    static final String KANIKO_OPTIONS_FIELD = BuildOutput.FIELD + ".additionalKanikoOptions";

    /**
     * `.spec.build.output.additional…Options`, each null when not set (Kaniko tells "not set" from "empty").
     *
     * @param build           `additionalBuildOptions`: options of the build phase
     * @param push            `additionalPushOptions`: options of the push phase
     * @param deprecatedKaniko `additionalKanikoOptions`: deprecated, Kaniko's when `build` is not set
     */
    record Options(List<String> build, List<String> push, List<String> deprecatedKaniko) {
        static final Options NONE = new Options(null, null, null);
    }

    /**
     * Validates `.spec.build` (plugins, base image, output) into a description.
     *
     * @throws InvalidResourceException naming the first invalid field and why
     */
    @SuppressWarnings("deprecation")
    static BuildDescription fromCrd(KafkaConnect connect, ClusterOperatorConfig config) {
        KafkaConnectSpec spec = requireBuild(connect);
        List<PluginArtifact> artifacts = PluginValidator.validate(spec.getBuild().getPlugins());
        ImageReference baseImage = ConnectImages.baseImage(spec, config);
        BuildOutput output = BuildOutput.fromCrd(spec.getBuild().getOutput(), spec.getImage());
        Options options = spec.getBuild().getOutput() instanceof DockerOutput docker
                ? new Options(docker.getAdditionalBuildOptions(), docker.getAdditionalPushOptions(), docker.getAdditionalKanikoOptions())
                : Options.NONE;
        return new BuildDescription(baseImage, List.copyOf(artifacts), output, options);
    }

    /** The spec, which must have `.spec.build`. */
    static KafkaConnectSpec requireBuild(KafkaConnect connect) {
        KafkaConnectSpec spec = connect.getSpec();
        if (spec == null) {
            throw PluginValidator.invalid(".spec", "is required");
        }
        if (spec.getBuild() == null) {
            throw PluginValidator.invalid(".spec.build", "is required to build an image");
        }
        return spec;
    }

    boolean hasMavenArtifacts() {
        return artifacts.stream().anyMatch(artifact -> artifact instanceof PluginArtifact.Maven);
    }

    /** The push secret of a docker output, or null. */
    String pushSecret() {
        return output instanceof BuildOutput.Registry registry ? registry.pushSecret() : null;
    }
}
