package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds and pushes with the Kaniko executor in one step (`UseConnectBuildWithBuildah` disabled). Deprecated with the
 * gate: at GA this class and its line in {@link PodBuildTool#fromConfig} go.
 *
 * Options: `additionalBuildOptions` when set, else the deprecated `additionalKanikoOptions` (then not even checked);
 * `additionalPushOptions` does not apply to Kaniko and is ignored without being checked, as the CRD documents.
 * The executor runs with no shell: every option is its own argument.
 */
final class KanikoTool implements PodBuildTool {
    static final String NAME = "kaniko";
    /** Kaniko reads registry credentials from here. */
    static final String DOCKER_CONFIG_DIR = "/kaniko/.docker";

    static final BuildOptionAllowlist OPTIONS = BuildOptionAllowlist.of("Kaniko builder",
            List.of("--insecure", "--insecure-pull", "--log-timestamp", "--reproducible", "--single-snapshot",
                    "--skip-tls-verify", "--skip-tls-verify-pull", "--use-new-run"),
            List.of("--customPlatform", "--custom-platform", "--insecure-registry", "--log-format", "--registry-mirror",
                    "--skip-tls-verify-registry", "--verbosity", "--snapshotMode", "--registry-certificate",
                    "--registry-client-cert", "--ignore-path"));

    private final String executorImage;

    KanikoTool(String executorImage) {
        this.executorImage = executorImage;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validateOptions(DockerOutput output) {
        OPTIONS.check(options(output), optionsField(output));
    }

    @Override
    public BuildContainer buildContainer(BuildInput input) {
        List<String> args = new ArrayList<>();
        args.add("--dockerfile=" + KafkaConnectBuild.DOCKERFILE_PATH);
        args.add("--image-name-with-digest-file=" + KafkaConnectBuild.TERMINATION_LOG_PATH);
        args.add("--destination=" + input.output().getImage());
        input.proxy().asEnv().forEach((name, value) -> args.add("--build-arg=" + name + "=" + value));
        args.addAll(options(input.output()));

        List<VolumeMount> mounts = new ArrayList<>();
        if (input.hasPushSecret()) {
            mounts.add(new VolumeMountBuilder().withName(PUSH_SECRET_VOLUME).withMountPath(DOCKER_CONFIG_DIR)
                    .withReadOnly(true).build());
        }
        return new BuildContainer(executorImage, List.of(), args, List.of(), mounts, null, List.of());
    }

    /** `additionalBuildOptions` takes precedence over the deprecated `additionalKanikoOptions`. */
    @SuppressWarnings("deprecation")
    private static List<String> options(DockerOutput output) {
        if (output.getAdditionalBuildOptions() != null) {
            return output.getAdditionalBuildOptions();
        }
        return output.getAdditionalKanikoOptions() != null ? output.getAdditionalKanikoOptions() : List.of();
    }

    private static String optionsField(DockerOutput output) {
        return output.getAdditionalBuildOptions() != null
                ? KafkaConnectBuild.BUILD_OPTIONS_FIELD : KafkaConnectBuild.KANIKO_OPTIONS_FIELD;
    }
}
