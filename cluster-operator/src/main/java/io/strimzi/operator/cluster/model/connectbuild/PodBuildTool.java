package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.ProxyConfig;
import io.strimzi.operator.cluster.values.ImageReference;

import java.util.List;

/**
 * What differs between the tools that build the Connect image in a Pod on Kubernetes: which user options they
 * accept and what their container runs. Everything else about the build Pod (Dockerfile volume, push secret volume,
 * labels, templates, proxies as env vars, resources, pull policy) is common and lives in {@link KafkaConnectBuild}.
 */
interface PodBuildTool {
    /** Name of the ConfigMap / Secret volumes the Pod always defines; builders mount them where they need them. */
    String PUSH_SECRET_VOLUME = "push-secret";
    /** Inside the push secret volume: the Secret's `.dockerconfigjson` as a Docker `config.json`. */
    String PUSH_SECRET_FILE = "config.json";

    /** `buildah` or `kaniko`: shown in the status and logs. */
    String name();

    /**
     * Checks the additional options of the output that this builder uses.
     *
     * @throws io.strimzi.operator.cluster.model.InvalidResourceException naming the field and the offending options
     */
    void validateOptions(DockerOutput output);

    /** The build container for validated input. */
    BuildContainer buildContainer(BuildInput input);

    /** Chooses the builder from the `UseConnectBuildWithBuildah` feature gate. */
    static PodBuildTool fromConfig(ClusterOperatorConfig config) {
        return config.featureGates().useConnectBuildWithBuildah()
                ? new BuildahTool(config.buildahImage())
                : new KanikoTool(config.kanikoExecutorImage());
    }

    /**
     * What a builder needs to know.
     *
     * @param output           the docker output, options already validated
     * @param image            the parsed output image
     * @param hasPushSecret    whether the {@link #PUSH_SECRET_VOLUME} volume exists
     * @param proxy            the operator's proxies (already set as env vars by the caller)
     * @param scratchSizeLimit size limit for the builder's scratch emptyDir, as a Kubernetes quantity
     */
    record BuildInput(DockerOutput output, ImageReference image, boolean hasPushSecret, ProxyConfig proxy,
                      String scratchSizeLimit) {
    }

    /**
     * The builder's part of the build container.
     *
     * @param image           the builder image
     * @param command         the container command, or empty to keep the image's entrypoint
     * @param args            the container arguments
     * @param env             builder-specific environment variables
     * @param volumeMounts    mounts besides the Dockerfile's (which the caller adds)
     * @param securityContext the default security context (a template can replace it), or null
     * @param volumes         volumes besides the Dockerfile and push secret volumes
     */
    record BuildContainer(String image, List<String> command, List<String> args, List<EnvVar> env,
                          List<VolumeMount> volumeMounts, SecurityContext securityContext, List<Volume> volumes) {
    }
}
