package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layer builder (`UseConnectBuildWithLayerAppend`): the operator image's `connect-builder.jar` reads a JSON build
 * plan, puts every artifact into one layer as the generated Dockerfile would install it, appends that layer to the base
 * image through the registry and pushes it; nothing is unpacked, nothing runs as root, no capability is needed.
 *
 * <p>Its input is the plan ConfigMap `<name>-connect-build-plan` (key `plan.json`), which the revision hashes: the
 * plan holds everything the image is made of, the options included (so under this tool, changing an option rebuilds).
 * The Pod satisfies the `restricted` Pod Security profile: non-root with any UID, no capabilities, no privilege
 * escalation, seccomp RuntimeDefault, read-only root filesystem with the scratch emptyDir at {@link #SCRATCH_PATH}
 * (TMPDIR, `template.buildPod.tmpDirSizeLimit`), no service account token.
 */
final class LayerTool implements PodBuildTool {
    /** Where the operator image has the builder (docker-images/operator/Dockerfile). */
    static final String JAR = "/opt/strimzi/connect-builder.jar";
    static final String PLAN_KEY = "plan.json";
    static final String PLAN_MOUNT_PATH = "/etc/strimzi/build-plan";
    static final String PLAN_VOLUME = "build-plan";
    static final String SCRATCH_VOLUME = "scratch";
    /** The scratch emptyDir: TMPDIR, and the JVM's /tmp. */
    static final String SCRATCH_PATH = "/tmp";
    static final String PUSH_SECRET_DIR = "/etc/strimzi/push-secret";
    /** The plan format the builder of this release reads. */
    static final int PLAN_VERSION = 1;
    /** The option Buildah has and this builder refuses: it does not decrypt encrypted base images. */
    static final String DECRYPTION_KEY = "--decryption-key";

    static final BuildOptionAllowlist BUILD_OPTIONS = BuildOptionAllowlist.of("layer builder (pulling the base image)",
            List.of("--tls-verify"),
            List.of("--authfile", "--cert-dir", "--creds", "--retry", "--retry-delay"));
    static final BuildOptionAllowlist PUSH_OPTIONS = BuildOptionAllowlist.of("layer builder (push)",
            List.of("--quiet", "--tls-verify"),
            List.of("--authfile", "--cert-dir", "--creds", "--retry", "--retry-delay"));

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final String image;

    LayerTool(String image) {
        this.image = image;
    }

    /** A registry output, and Buildah's options minus `--decryption-key`; `additionalKanikoOptions` is ignored. */
    @Override
    public void check(BuildDescription build) {
        PodBuildTool.requireRegistryOutput(build);
        List<String> options = build.options().build();
        if (options != null && options.stream().anyMatch(o -> o != null && (o.equals(DECRYPTION_KEY) || o.startsWith(DECRYPTION_KEY + "=")))) {
            throw new InvalidResourceException("Invalid " + BuildDescription.BUILD_OPTIONS_FIELD + ": " + DECRYPTION_KEY
                    + " is not supported by the layer builder, which cannot decrypt an encrypted base image (the Buildah "
                    + "builder can: disable UseConnectBuildWithLayerAppend)");
        }
        BUILD_OPTIONS.check(options, BuildDescription.BUILD_OPTIONS_FIELD);
        PUSH_OPTIONS.check(build.options().push(), BuildDescription.PUSH_OPTIONS_FIELD);
    }

    @Override
    public ToolInput input(BuildDescription build, String connectName) {
        return new ToolInput(BuildNames.buildPlanConfigMapName(connectName), PLAN_VOLUME, PLAN_MOUNT_PATH, PLAN_KEY, plan(build));
    }

    /** The plan as the builder reads it (connect-builder's BuildPlan): every field in a fixed order. */
    static String plan(BuildDescription build) {
        BuildOutput.Registry output = PodBuildTool.requireRegistryOutput(build);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("planVersion", PLAN_VERSION);
        plan.put("baseImage", build.baseImage().toString());
        plan.put("image", output.image());
        plan.put("imageName", output.reference().name());
        plan.put("pluginsDirectory", ConnectDockerfile.PLUGINS_DIRECTORY);
        plan.put("user", DockerfileWriter.CONNECT_USER);
        List<Map<String, Object>> artifacts = new ArrayList<>();
        Map<String, Integer> pluginIndex = new LinkedHashMap<>();
        Map<String, Integer> artifactCount = new LinkedHashMap<>();
        for (PluginArtifact artifact : build.artifacts()) {
            int i = pluginIndex.computeIfAbsent(artifact.plugin(), name -> pluginIndex.size());
            int j = artifactCount.merge(artifact.plugin(), 1, Integer::sum) - 1;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("field", PluginValidator.PLUGINS_PATH + "[" + i + "].artifacts[" + j + "]");
            entry.put("directory", artifact.relativeDirectory());
            if (artifact instanceof PluginArtifact.Download download) {
                entry.put("type", download.kind().name().toLowerCase(Locale.ROOT));
                entry.put("url", download.url());
                if (download.sha512sum() != null) {
                    entry.put("sha512sum", download.sha512sum());
                }
                entry.put("insecure", download.insecure());
                if (download.fileName() != null) {
                    entry.put("fileName", download.fileName());
                }
            } else {
                PluginArtifact.Maven maven = (PluginArtifact.Maven) artifact;
                entry.put("type", "maven");
                entry.put("insecure", maven.insecure());
                entry.put("repository", maven.repository());
                entry.put("group", maven.group());
                entry.put("artifact", maven.artifact());
                entry.put("version", maven.version());
                if (maven.includeScope() != null) {
                    entry.put("includeScope", maven.includeScope());
                }
                if (maven.mirror() != null) {
                    entry.put("mirror", maven.mirror());
                }
            }
            artifacts.add(entry);
        }
        plan.put("artifacts", artifacts);
        if (build.options().build() != null) {
            plan.put("buildOptions", build.options().build());
        }
        if (build.options().push() != null) {
            plan.put("pushOptions", build.options().push());
        }
        return JSON.writeValueAsString(plan) + "\n";
    }

    @Override
    public ToolPod pod(BuildDescription build, PodSettings settings) {
        BuildOutput.Registry output = PodBuildTool.requireRegistryOutput(build);
        List<String> args = new ArrayList<>(List.of("--plan", PLAN_MOUNT_PATH + "/" + PLAN_KEY, "--termination-log", TERMINATION_LOG_PATH));
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(SCRATCH_VOLUME).withMountPath(SCRATCH_PATH).build());
        if (output.pushSecret() != null) {
            args.addAll(List.of("--push-secret", PUSH_SECRET_DIR));
            mounts.add(new VolumeMountBuilder().withName(PUSH_SECRET_VOLUME).withMountPath(PUSH_SECRET_DIR).withReadOnly(true).build());
        }
        return new ToolPod(image, command(), args, List.of(new EnvVar("TMPDIR", SCRATCH_PATH, null)), mounts, securityContext(),
                List.of(new VolumeBuilder().withName(SCRATCH_VOLUME)
                        .withEmptyDir(new EmptyDirVolumeSourceBuilder().withSizeLimit(new Quantity(settings.scratchSizeLimit())).build())
                        .build()),
                podSecurityContext(), Map.of());
    }

    /** The JVM as a short-lived job: the serial collector and the quick compiler start fastest. */
    static List<String> command() {
        return List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR);
    }

    /** The restricted profile's container settings, with any non-root UID (OpenShift assigns one). */
    static SecurityContext securityContext() {
        return new SecurityContextBuilder()
                .withPrivileged(false)
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** Its Pod has no added capability, runs as non-root, cannot escalate and uses RuntimeDefault seccomp. */
    @Override
    public boolean fitsRestrictedProfile() {
        return true;
    }
}
