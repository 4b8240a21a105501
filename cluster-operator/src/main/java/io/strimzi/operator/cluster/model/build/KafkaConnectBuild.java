package io.strimzi.operator.cluster.model.build;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.ImageStreamOutput;
import io.strimzi.api.kafka.model.connect.build.Output;
import io.strimzi.api.kafka.model.template.ContainerEnvVar;
import io.strimzi.api.kafka.model.template.ContainerTemplate;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.api.kafka.model.template.MetadataTemplate;
import io.strimzi.api.kafka.model.template.PodTemplate;
import io.strimzi.api.kafka.model.template.ResourceTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.OwnerReferences;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every object of one Connect build, derived from a KafkaConnect, the configuration and the platform. Pure.
 *
 * On Kubernetes: the Dockerfile ConfigMap, the build ServiceAccount and the build Pod, whose container comes from the
 * {@link ConnectBuilder} the `UseConnectBuildWithBuildah` gate selects. On OpenShift: a BuildConfig with the Dockerfile
 * inline and a BuildRequest to start it (see {@link OpenShiftBuild}); the gate changes nothing there, and the
 * additional options (which no OpenShift build uses) are neither checked nor used.
 *
 * Defaults: the Buildah storage emptyDir is limited to {@value BuildahBuilder#DEFAULT_STORAGE_SIZE_LIMIT} unless
 * `template.buildPod.tmpDirSizeLimit` says otherwise (Kaniko has no such volume and ignores it).
 */
public final class KafkaConnectBuild {
    /** On the build Pod / Build and on the Connect Deployment: the revision that was (or is being) built. */
    public static final String REVISION_ANNOTATION = "strimzi.io/connect-build-revision";
    /** On the Connect Deployment: the image reference (by digest) built for that revision. */
    public static final String IMAGE_ANNOTATION = "strimzi.io/connect-build-image";
    /** On the KafkaConnect: `true` starts a new build even when the revision is unchanged. */
    public static final String FORCE_REBUILD_ANNOTATION = "strimzi.io/force-rebuild";

    /** Where the Dockerfile ConfigMap is mounted in the build container, and the Dockerfile's path there. */
    public static final String DOCKERFILE_MOUNT_PATH = "/dockerfile";
    public static final String DOCKERFILE_KEY = "Dockerfile";
    public static final String DOCKERFILE_PATH = DOCKERFILE_MOUNT_PATH + "/" + DOCKERFILE_KEY;
    /** The build container writes the pushed image reference (or, on failure, the reason) here. */
    public static final String TERMINATION_LOG_PATH = "/dev/termination-log";

    public static final String BUILDER_OPENSHIFT = "openshift";
    public static final String DEPRECATED_FIELDS_REASON = "DeprecatedFields";

    static final String OUTPUT_FIELD = ".spec.build.output";
    static final String BUILD_OPTIONS_FIELD = OUTPUT_FIELD + ".additionalBuildOptions";
    static final String PUSH_OPTIONS_FIELD = OUTPUT_FIELD + ".additionalPushOptions";
    static final String KANIKO_OPTIONS_FIELD = OUTPUT_FIELD + ".additionalKanikoOptions";
    static final String DOCKERFILE_VOLUME = "dockerfile";
    private static final String TMP_DIR_SIZE_LIMIT_FIELD = ".spec.template.buildPod.tmpDirSizeLimit";
    private static final Pattern SECRET_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern IMAGE_STREAM_TAG = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?:[\\w][\\w.-]{0,127}$");
    private static final Pattern QUANTITY = Pattern.compile("^([0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");

    private final String revision;
    private final String outputImage;
    private final String builderName;
    private final ConfigMap dockerfileConfigMap;
    private final ServiceAccount serviceAccount;
    private final Pod buildPod;
    private final GenericKubernetesResource buildConfig;
    private final GenericKubernetesResource buildRequest;
    private final String imageStreamName;
    private final List<Condition> warnings;

    private KafkaConnectBuild(String revision, String outputImage, String builderName, ConfigMap dockerfileConfigMap,
                              ServiceAccount serviceAccount, Pod buildPod, GenericKubernetesResource buildConfig,
                              GenericKubernetesResource buildRequest, String imageStreamName, List<Condition> warnings) {
        this.revision = revision;
        this.outputImage = outputImage;
        this.builderName = builderName;
        this.dockerfileConfigMap = dockerfileConfigMap;
        this.serviceAccount = serviceAccount;
        this.buildPod = buildPod;
        this.buildConfig = buildConfig;
        this.buildRequest = buildRequest;
        this.imageStreamName = imageStreamName;
        this.warnings = warnings;
    }

    /**
     * Validates `.spec.build` (plugins, output, options for the active builder) and creates the build's objects.
     * Must only be called when `.spec.build` is set.
     *
     * @throws InvalidResourceException naming the field when anything is invalid
     */
    public static KafkaConnectBuild fromCrd(KafkaConnect connect, ClusterOperatorConfig config, Platform platform) {
        return from(connect, config, platform, ConnectDockerfile.fromCrd(connect, config));
    }

    /** {@link #fromCrd} with a given Dockerfile. */
    static KafkaConnectBuild from(KafkaConnect connect, ClusterOperatorConfig config, Platform platform,
                                  ConnectDockerfile dockerfile) {
        ValidatedOutput output = validateOutput(connect, config, platform);
        String name = connect.getMetadata().getName();
        String revision = revisionOf(dockerfile.content(), output.output().getImage());
        List<Condition> warnings = deprecationWarnings(connect);
        KafkaConnectTemplate template = connect.getSpec().getTemplate();

        if (platform == Platform.OPENSHIFT) {
            OpenShiftBuild openShift = new OpenShiftBuild(connect, config, dockerfile, revision,
                    template == null ? null : template.getBuildConfig(), labels(name), ownerReference(connect));
            String imageStream = output.output() instanceof ImageStreamOutput
                    ? output.output().getImage().substring(0, output.output().getImage().indexOf(':')) : null;
            return new KafkaConnectBuild(revision, output.output().getImage(), BUILDER_OPENSHIFT, null, null, null,
                    openShift.buildConfig(), openShift.buildRequest(), imageStream, warnings);
        }

        ConnectBuilder builder = output.builder();
        return new KafkaConnectBuild(revision, output.output().getImage(), builder.name(),
                dockerfileConfigMap(connect, dockerfile),
                serviceAccount(connect, template == null ? null : template.getBuildServiceAccount()),
                buildPod(connect, config, builder, (DockerOutput) output.output(), output.image(), revision),
                null, null, null, warnings);
    }

    /** The output and, on Kubernetes, the builder whose options it passed. */
    private record ValidatedOutput(Output output, ImageReference image, ConnectBuilder builder) {
    }

    private static ValidatedOutput validateOutput(KafkaConnect connect, ClusterOperatorConfig config, Platform platform) {
        if (connect.getSpec() == null || connect.getSpec().getBuild() == null) {
            throw new InvalidResourceException(".spec.build: is not set, so there is nothing to build");
        }
        Build build = connect.getSpec().getBuild();
        Output output = build.getOutput();
        if (output == null) {
            // Also what an output without `type` reads as.
            throw new InvalidResourceException(OUTPUT_FIELD + ": is required, with a type (docker or imagestream)");
        }
        String image = output.getImage();
        if (image == null || image.isBlank()) {
            throw new InvalidResourceException(OUTPUT_FIELD + ".image: is required");
        }
        if (output instanceof ImageStreamOutput) {
            if (platform != Platform.OPENSHIFT) {
                throw new InvalidResourceException(OUTPUT_FIELD + ".type: the imagestream output needs OpenShift "
                        + "(this cluster does not serve build.openshift.io); use the docker output");
            }
            if (!IMAGE_STREAM_TAG.matcher(image).matches()) {
                throw new InvalidResourceException(OUTPUT_FIELD + ".image: '" + image
                        + "' is not an ImageStream and tag given as name:tag");
            }
            return new ValidatedOutput(output, null, null);
        }
        DockerOutput docker = (DockerOutput) output;
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new InvalidResourceException(OUTPUT_FIELD + ".image: '" + image + "' is not a valid image name: " + e.getMessage());
        }
        if (reference.digest() != null) {
            throw new InvalidResourceException(OUTPUT_FIELD + ".image: '" + image
                    + "' names a digest; the build pushes to a tag (or latest), so give a name with an optional tag");
        }
        String baseImage = connect.getSpec().getImage();
        if (baseImage != null && sameImage(baseImage, reference)) {
            throw new InvalidResourceException(".spec.image: the base image '" + baseImage + "' is the build's output image "
                    + OUTPUT_FIELD + ".image; each build would start from the previous one. Use a different output image");
        }
        if (docker.getPushSecret() != null && !SECRET_NAME.matcher(docker.getPushSecret()).matches()) {
            throw new InvalidResourceException(OUTPUT_FIELD + ".pushSecret: '" + docker.getPushSecret()
                    + "' is not a valid Secret name");
        }
        ConnectBuilder builder = null;
        if (platform == Platform.KUBERNETES) {
            builder = ConnectBuilder.fromConfig(config);
            builder.validateOptions(docker);
            scratchSizeLimit(connect);
        }
        return new ValidatedOutput(docker, reference, builder);
    }

    private static boolean sameImage(String baseImage, ImageReference output) {
        try {
            return ImageReference.parse(baseImage).sameImageAs(output);
        } catch (IllegalArgumentException e) {
            return false; // the Dockerfile generation reports an invalid base image
        }
    }

    /** First 16 hex digits of the SHA-256 of the Dockerfile and the output image. Options do not count. */
    static String revisionOf(String dockerfile, String outputImage) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(dockerfile.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0); // separates the two so that moving text between them changes the hash
            sha256.update(outputImage.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The Warning condition for a KafkaConnect that uses `additionalKanikoOptions`. */
    public static Condition deprecatedKanikoOptionsCondition() {
        return new Condition("Warning", "True", DEPRECATED_FIELDS_REASON,
                "The field " + KANIKO_OPTIONS_FIELD + " is deprecated and not part of kafka.strimzi.io/v1; use "
                        + BUILD_OPTIONS_FIELD + " instead (additionalBuildOptions takes precedence when both are set; "
                        + "the Buildah builder ignores additionalKanikoOptions).", null);
    }

    /**
     * Warning conditions about deprecated fields, whichever builder is active. Independent of validation, so that the
     * operator can also report them for a resource that is otherwise invalid.
     */
    @SuppressWarnings("deprecation")
    public static List<Condition> deprecationWarnings(KafkaConnect connect) {
        if (connect.getSpec() != null && connect.getSpec().getBuild() != null
                && connect.getSpec().getBuild().getOutput() instanceof DockerOutput docker
                && docker.getAdditionalKanikoOptions() != null) {
            return List.of(deprecatedKanikoOptionsCondition());
        }
        return List.of();
    }

    public static String dockerfileConfigMapName(String connectName) {
        return connectName + "-connect-dockerfile";
    }

    public static String serviceAccountName(String connectName) {
        return connectName + "-connect-build";
    }

    public static String buildPodName(String connectName) {
        return connectName + "-connect-build";
    }

    /** The build container's name, whose termination message the operator reads. */
    public static String buildContainerName(String connectName) {
        return connectName + "-connect-build";
    }

    public static String buildConfigName(String connectName) {
        return connectName + "-connect-build";
    }

    /** The labels of every build object. */
    public static Map<String, String> labels(String connectName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "kafka-connect-build");
        labels.put("app.kubernetes.io/instance", connectName);
        labels.put("app.kubernetes.io/managed-by", "strimzi-cluster-operator");
        labels.put("strimzi.io/cluster", connectName);
        labels.put("strimzi.io/kind", KafkaConnect.KIND);
        return labels;
    }

    /** Hash of the Dockerfile and the output image: a new revision means a new build. */
    public String revision() {
        return revision;
    }

    /** The output image as the user wrote it. */
    public String outputImage() {
        return outputImage;
    }

    /** `buildah`, `kaniko` or `openshift`. */
    public String builderName() {
        return builderName;
    }

    /** The Dockerfile ConfigMap on Kubernetes; null on OpenShift, where the BuildConfig holds the Dockerfile. */
    public ConfigMap dockerfileConfigMap() {
        return dockerfileConfigMap;
    }

    /** The build Pod's ServiceAccount on Kubernetes; null on OpenShift, where Builds run as `builder`. */
    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }

    /** The build Pod on Kubernetes; null on OpenShift. */
    public Pod buildPod() {
        return buildPod;
    }

    /** The BuildConfig (build.openshift.io/v1) on OpenShift; null on Kubernetes. */
    public GenericKubernetesResource buildConfig() {
        return buildConfig;
    }

    /**
     * On OpenShift, the BuildRequest to POST to `buildconfigs/<name>/instantiate`: it carries the revision
     * annotation (and the labels), which OpenShift copies onto the Build it creates. Null on Kubernetes.
     */
    public GenericKubernetesResource buildRequest() {
        return buildRequest;
    }

    /**
     * For an `imagestream` output on OpenShift: the ImageStream (in the KafkaConnect's namespace) that must exist
     * before a Build starts, else the operator reports a clear error. Null otherwise.
     */
    public String imageStreamName() {
        return imageStreamName;
    }

    /** Warning conditions (e.g. DeprecatedFields for additionalKanikoOptions), whichever builder is active. */
    public List<Condition> warnings() {
        return warnings;
    }

    // ---- Kubernetes objects ----

    static OwnerReference ownerReference(KafkaConnect connect) {
        return OwnerReferences.toKafkaConnect(connect, true);
    }

    /** Metadata with the template's labels and annotations; the operator's own (given last) win on a clash. */
    private static ObjectMeta metadata(KafkaConnect connect, String name, MetadataTemplate template,
                                       Map<String, String> annotations) {
        Map<String, String> allLabels = new LinkedHashMap<>();
        Map<String, String> allAnnotations = new LinkedHashMap<>();
        if (template != null) {
            if (template.getLabels() != null) {
                allLabels.putAll(template.getLabels());
            }
            if (template.getAnnotations() != null) {
                allAnnotations.putAll(template.getAnnotations());
            }
        }
        allLabels.putAll(labels(connect.getMetadata().getName()));
        allAnnotations.putAll(annotations);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(connect.getMetadata().getNamespace())
                .withLabels(allLabels)
                .withAnnotations(allAnnotations.isEmpty() ? null : allAnnotations)
                .withOwnerReferences(ownerReference(connect))
                .build();
    }

    static ObjectMeta metadata(KafkaConnect connect, String name, MetadataTemplate template, String revision) {
        return metadata(connect, name, template, Map.of(REVISION_ANNOTATION, revision));
    }

    private static ConfigMap dockerfileConfigMap(KafkaConnect connect, ConnectDockerfile dockerfile) {
        return new ConfigMapBuilder()
                .withMetadata(metadata(connect, dockerfileConfigMapName(connect.getMetadata().getName()), null, Map.of()))
                .withData(Map.of(DOCKERFILE_KEY, dockerfile.content()))
                .build();
    }

    private static ServiceAccount serviceAccount(KafkaConnect connect, ResourceTemplate template) {
        return new ServiceAccountBuilder()
                .withMetadata(metadata(connect, serviceAccountName(connect.getMetadata().getName()),
                        template == null ? null : template.getMetadata(), Map.of()))
                .build();
    }

    private static Pod buildPod(KafkaConnect connect, ClusterOperatorConfig config, ConnectBuilder builder,
                                DockerOutput output, ImageReference image, String revision) {
        String name = connect.getMetadata().getName();
        KafkaConnectTemplate template = connect.getSpec().getTemplate();
        PodTemplate podTemplate = template == null ? null : template.getBuildPod();
        ContainerTemplate containerTemplate = template == null ? null : template.getBuildContainer();
        boolean hasPushSecret = output.getPushSecret() != null;

        ConnectBuilder.BuildContainer built = builder.buildContainer(new ConnectBuilder.BuildInput(
                output, image, hasPushSecret, config.proxy(), scratchSizeLimit(connect)));

        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName(DOCKERFILE_VOLUME)
                .withNewConfigMap().withName(dockerfileConfigMapName(name))
                .addNewItem().withKey(DOCKERFILE_KEY).withPath(DOCKERFILE_KEY).endItem()
                .endConfigMap().build());
        if (hasPushSecret) {
            volumes.add(new VolumeBuilder().withName(ConnectBuilder.PUSH_SECRET_VOLUME)
                    .withNewSecret().withSecretName(output.getPushSecret())
                    .addNewItem().withKey(".dockerconfigjson").withPath(ConnectBuilder.PUSH_SECRET_FILE).endItem()
                    .endSecret().build());
        }
        volumes.addAll(built.volumes());

        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(DOCKERFILE_VOLUME).withMountPath(DOCKERFILE_MOUNT_PATH)
                .withReadOnly(true).build());
        mounts.addAll(built.volumeMounts());

        ContainerBuilder container = new ContainerBuilder()
                .withName(buildContainerName(name))
                .withImage(built.image())
                .withCommand(built.command().isEmpty() ? null : built.command())
                .withArgs(built.args())
                .withEnv(env(built.env(), config, containerTemplate))
                .withVolumeMounts(mounts)
                .withResources(connect.getSpec().getBuild().getResources())
                .withSecurityContext(containerTemplate != null && containerTemplate.getSecurityContext() != null
                        ? containerTemplate.getSecurityContext() : built.securityContext())
                .withTerminationMessagePath(TERMINATION_LOG_PATH)
                .withTerminationMessagePolicy("File")
                .withImagePullPolicy(config.imagePullPolicy() == null ? null : config.imagePullPolicy().name());

        List<LocalObjectReference> pullSecrets = podTemplate != null && podTemplate.getImagePullSecrets() != null
                ? podTemplate.getImagePullSecrets()
                : config.imagePullSecrets().stream().map(LocalObjectReference::new).toList();

        return new PodBuilder()
                .withMetadata(metadata(connect, buildPodName(name), podTemplate == null ? null : podTemplate.getMetadata(), revision))
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withServiceAccountName(serviceAccountName(name))
                    .withContainers(container.build())
                    .withVolumes(volumes)
                    .withImagePullSecrets(pullSecrets.isEmpty() ? null : pullSecrets)
                    .withSecurityContext(podTemplate == null ? null : podTemplate.getSecurityContext())
                    .withTolerations(podTemplate == null ? null : podTemplate.getTolerations())
                    .withAffinity(podTemplate == null ? null : podTemplate.getAffinity())
                    .withNodeSelector(podTemplate == null ? null : podTemplate.getNodeSelector())
                    .withPriorityClassName(podTemplate == null ? null : podTemplate.getPriorityClassName())
                .endSpec()
                .build();
    }

    /**
     * The builder's variables, then the proxies, then the template's variables. A template variable with the name of
     * one the operator sets is ignored: it would otherwise break the build (e.g. REGISTRY_AUTH_FILE).
     */
    private static List<EnvVar> env(List<EnvVar> builderEnv, ClusterOperatorConfig config, ContainerTemplate template) {
        List<EnvVar> env = new ArrayList<>(builderEnv);
        config.proxy().asEnv().forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        if (template != null && template.getEnv() != null) {
            Set<String> reserved = new LinkedHashSet<>();
            env.forEach(variable -> reserved.add(variable.getName()));
            for (ContainerEnvVar variable : template.getEnv()) {
                if (!reserved.contains(variable.getName())) {
                    env.add(new EnvVar(variable.getName(), variable.getValue(), null));
                }
            }
        }
        return env;
    }

    /** `template.buildPod.tmpDirSizeLimit`, checked, or the default. */
    private static String scratchSizeLimit(KafkaConnect connect) {
        KafkaConnectTemplate template = connect.getSpec().getTemplate();
        String limit = template == null || template.getBuildPod() == null ? null : template.getBuildPod().getTmpDirSizeLimit();
        if (limit == null) {
            return BuildahBuilder.DEFAULT_STORAGE_SIZE_LIMIT;
        }
        boolean valid = QUANTITY.matcher(limit).matches();
        if (valid) {
            try {
                valid = Quantity.getAmountInBytes(new Quantity(limit)).signum() > 0;
            } catch (IllegalArgumentException | ArithmeticException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new InvalidResourceException(TMP_DIR_SIZE_LIMIT_FIELD + ": '" + limit
                    + "' is not a positive Kubernetes quantity such as 20Gi");
        }
        return limit;
    }
}
