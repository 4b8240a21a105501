package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.util.List;

/**
 * The build of one KafkaConnect: its revision and the objects that run it, a {@link PodBuild} on Kubernetes or an
 * {@link OpenShiftBuild} on OpenShift. Pure: derived from the resource, the configuration and the platform by
 * {@link #fromCrd}.
 */
public sealed interface KafkaConnectBuild permits PodBuild, OpenShiftBuild {
    /** Hash of the tool's input (the Dockerfile) and the output image: a new revision means a new build. */
    String revision();

    /** The tool that builds it. */
    BuildTool tool();

    /** The output image as the user wrote it. */
    String outputImage();

    /** Warning conditions (e.g. DeprecatedFields for additionalKanikoOptions), whichever tool builds. */
    List<Condition> warnings();

    /**
     * What the build reads, kept as desired while `.spec.build` is set (compared, restored and recreated on every
     * reconciliation): the input ConfigMap, ServiceAccount and proxy Secret of a build Pod, or the BuildConfig.
     */
    List<HasMetadata> inputs();

    /** Every object of the build in the order the operator writes them: the inputs, then a build Pod (what `render` prints). */
    List<HasMetadata> objects();

    /** `buildah`, `kaniko`, `layer` or `openshift`: shown in the status, events, logs and metrics. */
    default String builderName() {
        return tool().statusName();
    }

    /**
     * Validates `.spec.build` (plugins, base image, output, and what the tool chosen for this configuration and
     * platform accepts) and creates the build's objects. Must only be called when `.spec.build` is set.
     *
     * @throws InvalidResourceException naming the field when anything is invalid
     */
    static KafkaConnectBuild fromCrd(KafkaConnect connect, ClusterOperatorConfig config, Platform platform) {
        BuildDescription description = BuildDescription.fromCrd(connect, config);
        return BuildTool.select(config, platform, description.output()).create(connect, config, description, BuildWarnings.of(connect));
    }
}
