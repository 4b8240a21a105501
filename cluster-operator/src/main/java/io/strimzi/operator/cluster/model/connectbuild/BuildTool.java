package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.PodSecurityProfile;
import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.util.List;
import java.util.function.Function;

/**
 * The program that builds the Connect image, chosen in one place ({@link #select}) from the configuration, the
 * platform and the output. A tool that runs in a build Pod is a {@link PodBuildTool}, made from the configuration by
 * its constant; OpenShift's build system runs no Pod of ours and has none. Adding a tool is one class and one constant; removing
 * Kaniko at GA is deleting {@link #KANIKO} and {@link KanikoTool}.
 */
public enum BuildTool {
    /** Buildah in a build Pod, on Kubernetes with the `UseConnectBuildWithBuildah` gate. */
    BUILDAH("buildah", config -> new BuildahTool(config.buildahImage(), config.mavenBuilderImage())),
    /** The Kaniko executor in a build Pod, on Kubernetes without the gate. */
    KANIKO("kaniko", config -> new KanikoTool(config.kanikoExecutorImage(), config.mavenBuilderImage())),
    /**
     * The layer builder in a build Pod (`UseConnectBuildWithLayerAppend`): every build on Kubernetes, and builds with a
     * docker output on OpenShift.
     */
    LAYER("layer", config -> new LayerTool(config.layerBuilderImage())),
    /**
     * OpenShift's build system, from a BuildConfig ({@link OpenShiftBuild}): builds on OpenShift, whatever the Buildah
     * gate; under the layer gate only those with an imagestream output.
     */
    OPENSHIFT_BUILD("openshift", null);

    private final String statusName;
    /** The tool of the build Pod's container; null when the build runs in no Pod of the operator's. */
    private final Function<ClusterOperatorConfig, PodBuildTool> podTool;

    BuildTool(String statusName, Function<ClusterOperatorConfig, PodBuildTool> podTool) {
        this.statusName = statusName;
        this.podTool = podTool;
    }

    /** The tool for this configuration, platform and output. */
    static BuildTool select(ClusterOperatorConfig config, Platform platform, BuildOutput output) {
        boolean layer = config.featureGates().useConnectBuildWithLayerAppend();
        if (platform == Platform.OPENSHIFT) {
            // Only OpenShift's builds push to an ImageStream.
            return layer && output instanceof BuildOutput.Registry ? LAYER : OPENSHIFT_BUILD;
        }
        if (layer) {
            return LAYER;
        }
        return config.featureGates().useConnectBuildWithBuildah() ? BUILDAH : KANIKO;
    }

    /** As `status.build.builder` and the `strimzi.io/connect-builder` annotation show it. */
    public String statusName() {
        return statusName;
    }

    /**
     * The build's objects for a validated description.
     *
     * @throws io.strimzi.operator.cluster.model.InvalidResourceException when this tool cannot build it
     */
    KafkaConnectBuild create(KafkaConnect connect, ClusterOperatorConfig config, BuildDescription build, List<Condition> warnings) {
        if (podTool == null) {
            return OpenShiftBuild.create(connect, config, build, warnings);
        }
        PodBuildTool tool = podTool.apply(config);
        requireAllowedByProfile(tool, config.podSecurityProfile());
        return PodBuild.create(this, tool, connect, config, build, warnings);
    }

    /**
     * The one check of a Pod tool against STRIMZI_POD_SECURITY_PROVIDER_CLASS: under the restricted profile only a tool
     * whose container fits it ({@link PodBuildTool#fitsRestrictedProfile}) may build.
     */
    private void requireAllowedByProfile(PodBuildTool tool, PodSecurityProfile profile) {
        if (profile == PodSecurityProfile.RESTRICTED && !tool.fitsRestrictedProfile()) {
            throw new InvalidResourceException(".spec.build: the operator runs with the restricted Pod Security profile ("
                    + PodSecurityProfile.ENV + "=restricted), and the " + statusName + " builder cannot run under it (its "
                    + "container needs added capabilities and a root user to build an image); enable the feature gate "
                    + "UseConnectBuildWithLayerAppend (the layer builder runs under it), build the image outside the "
                    + "cluster and set .spec.image, deliver the plugins as images with .spec.plugins, or run the operator "
                    + "with the baseline profile");
        }
    }
}
