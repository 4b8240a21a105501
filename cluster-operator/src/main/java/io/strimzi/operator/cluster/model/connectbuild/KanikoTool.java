package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds and pushes with the Kaniko executor in one step (`UseConnectBuildWithBuildah` disabled). Deprecated with the
 * gate: at GA this class and its {@link BuildTool#KANIKO} constant go.
 *
 * Options: `additionalBuildOptions` when set, else the deprecated `additionalKanikoOptions` (then not even checked);
 * `additionalPushOptions` does not apply to Kaniko and is ignored without being checked, as the CRD documents.
 * The executor runs with no shell: every option is its own argument.
 */
final class KanikoTool extends DockerfileTool {
    /** Kaniko reads registry credentials from here. */
    static final String DOCKER_CONFIG_DIR = "/kaniko/.docker";

    static final BuildOptionAllowlist OPTIONS = BuildOptionAllowlist.of("Kaniko builder",
            List.of("--insecure", "--insecure-pull", "--log-timestamp", "--reproducible", "--single-snapshot",
                    "--skip-tls-verify", "--skip-tls-verify-pull", "--use-new-run"),
            List.of("--customPlatform", "--custom-platform", "--insecure-registry", "--log-format", "--registry-mirror",
                    "--skip-tls-verify-registry", "--verbosity", "--snapshotMode", "--registry-certificate",
                    "--registry-client-cert", "--ignore-path"));

    KanikoTool(String executorImage, String mavenBuilderImage) {
        super(executorImage, mavenBuilderImage);
    }

    @Override
    public void check(BuildDescription build) {
        PodBuildTool.requireRegistryOutput(build);
        OPTIONS.check(options(build.options()), optionsField(build.options()));
    }

    @Override
    public ToolPod pod(BuildDescription build, PodSettings settings) {
        BuildOutput.Registry output = PodBuildTool.requireRegistryOutput(build);
        List<String> args = new ArrayList<>();
        args.add("--dockerfile=" + ConnectDockerfile.PATH);
        args.add("--image-name-with-digest-file=" + TERMINATION_LOG_PATH);
        args.add("--destination=" + output.image());
        args.addAll(settings.proxyBuildArgs());
        args.addAll(options(build.options()));

        List<VolumeMount> mounts = new ArrayList<>();
        if (output.pushSecret() != null) {
            mounts.add(new VolumeMountBuilder().withName(PUSH_SECRET_VOLUME).withMountPath(DOCKER_CONFIG_DIR)
                    .withReadOnly(true).build());
        }
        return new ToolPod(toolImage, List.of(), args, List.of(), mounts, null, List.of(), null, Map.of());
    }

    /** `additionalBuildOptions` takes precedence over the deprecated `additionalKanikoOptions`. */
    private static List<String> options(BuildDescription.Options options) {
        if (options.build() != null) {
            return options.build();
        }
        return options.deprecatedKaniko() != null ? options.deprecatedKaniko() : List.of();
    }

    private static String optionsField(BuildDescription.Options options) {
        return options.build() != null ? BuildDescription.BUILD_OPTIONS_FIELD : BuildDescription.KANIKO_OPTIONS_FIELD;
    }
}
