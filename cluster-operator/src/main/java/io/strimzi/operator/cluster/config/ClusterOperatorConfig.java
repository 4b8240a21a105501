package io.strimzi.operator.cluster.config;

import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's configuration: read once from the environment at start and passed down.
 * Nothing else in the operator reads environment variables.
 */
public final class ClusterOperatorConfig {
    public static final String STRIMZI_NAMESPACE = "STRIMZI_NAMESPACE";
    public static final String STRIMZI_FULL_RECONCILIATION_INTERVAL_MS = "STRIMZI_FULL_RECONCILIATION_INTERVAL_MS";
    public static final String STRIMZI_OPERATION_TIMEOUT_MS = "STRIMZI_OPERATION_TIMEOUT_MS";
    public static final String STRIMZI_CONNECT_BUILD_TIMEOUT_MS = "STRIMZI_CONNECT_BUILD_TIMEOUT_MS";
    public static final String STRIMZI_FEATURE_GATES = FeatureGates.ENV;
    public static final String STRIMZI_DEFAULT_BUILDAH_IMAGE = "STRIMZI_DEFAULT_BUILDAH_IMAGE";
    public static final String STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE = "STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE";
    public static final String STRIMZI_DEFAULT_MAVEN_BUILDER = "STRIMZI_DEFAULT_MAVEN_BUILDER";
    public static final String STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE = "STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE";
    /** The image of the Connect pods' rack init container (`.spec.rack`) unless `.spec.clientRackInitImage` names one. */
    public static final String STRIMZI_DEFAULT_KAFKA_INIT_IMAGE = "STRIMZI_DEFAULT_KAFKA_INIT_IMAGE";
    public static final String STRIMZI_KAFKA_CONNECT_IMAGES = "STRIMZI_KAFKA_CONNECT_IMAGES";
    public static final String STRIMZI_IMAGE_PULL_POLICY = "STRIMZI_IMAGE_PULL_POLICY";
    public static final String STRIMZI_IMAGE_PULL_SECRETS = "STRIMZI_IMAGE_PULL_SECRETS";
    public static final String STRIMZI_HEALTH_PORT = "STRIMZI_HEALTH_PORT";
    public static final String STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE = "STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE";
    public static final String STRIMZI_LEADER_ELECTION_IDENTITY = "STRIMZI_LEADER_ELECTION_IDENTITY";
    public static final String STRIMZI_POD_SECURITY_PROVIDER_CLASS = PodSecurityProfile.ENV;
    public static final String STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS = "STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS";
    public static final String HTTP_PROXY = "HTTP_PROXY";
    public static final String HTTPS_PROXY = "HTTPS_PROXY";
    public static final String NO_PROXY = "NO_PROXY";

    /** Watch every namespace. */
    public static final String ANY_NAMESPACE = "*";
    public static final long DEFAULT_FULL_RECONCILIATION_INTERVAL_MS = 120_000;
    public static final long DEFAULT_OPERATION_TIMEOUT_MS = 300_000;
    public static final long DEFAULT_CONNECT_BUILD_TIMEOUT_MS = 300_000;
    /** Health, readiness and metrics HTTP port. */
    public static final int DEFAULT_HEALTH_PORT = 8080;
    public static final String DEFAULT_LEASE_NAMESPACE = "default";
    /** Kafka versions with a default Connect image, from kafka-versions.yaml ({@link KafkaVersions}). */
    public static final List<String> SUPPORTED_KAFKA_VERSIONS = KafkaVersions.all().stream().map(KafkaVersions.Entry::version).toList();

    static final Pattern VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");

    /** Pull policies Kubernetes accepts. */
    public enum ImagePullPolicy { Always, IfNotPresent, Never }

    private final String operatorVersion;
    private final Set<String> namespaces;
    private final long fullReconciliationIntervalMs;
    private final long operationTimeoutMs;
    private final long connectBuildTimeoutMs;
    private final FeatureGates featureGates;
    private final String buildahImage;
    private final String kanikoExecutorImage;
    private final String mavenBuilderImage;
    private final String layerBuilderImage;
    private final String kafkaInitImage;
    private final Map<String, String> kafkaConnectImages;
    private final ImagePullPolicy imagePullPolicy;
    private final List<String> imagePullSecrets;
    private final ProxyConfig proxy;
    private final int healthPort;
    private final String leaseNamespace;
    private final String leaderIdentity;
    private final LeaseTimings leaseTimings;
    private final PodSecurityProfile podSecurityProfile;
    private final Map<String, String> customBuildLabels;

    ClusterOperatorConfig(ClusterOperatorConfigBuilder b) {
        this.leaseTimings = b.leaseTimings;
        this.podSecurityProfile = b.podSecurityProfile;
        this.customBuildLabels = Collections.unmodifiableMap(new LinkedHashMap<>(b.customBuildLabels));
        this.healthPort = b.healthPort;
        this.leaseNamespace = b.leaseNamespace;
        this.leaderIdentity = b.leaderIdentity;
        this.operatorVersion = b.operatorVersion;
        this.namespaces = Collections.unmodifiableSet(new LinkedHashSet<>(b.namespaces));
        this.fullReconciliationIntervalMs = b.fullReconciliationIntervalMs;
        this.operationTimeoutMs = b.operationTimeoutMs;
        this.connectBuildTimeoutMs = b.connectBuildTimeoutMs;
        this.featureGates = b.featureGates != null ? b.featureGates : FeatureGates.defaults(b.operatorVersion);
        this.buildahImage = b.buildahImage != null ? b.buildahImage : defaultBuildahImage(b.operatorVersion);
        this.kanikoExecutorImage = b.kanikoExecutorImage != null ? b.kanikoExecutorImage : defaultKanikoExecutorImage(b.operatorVersion);
        this.mavenBuilderImage = b.mavenBuilderImage != null ? b.mavenBuilderImage : defaultMavenBuilderImage(b.operatorVersion);
        this.layerBuilderImage = b.layerBuilderImage != null ? b.layerBuilderImage : defaultLayerBuilderImage(b.operatorVersion);
        this.kafkaInitImage = b.kafkaInitImage != null ? b.kafkaInitImage : defaultLayerBuilderImage(b.operatorVersion);
        this.kafkaConnectImages = Collections.unmodifiableMap(new LinkedHashMap<>(
                b.kafkaConnectImages != null ? b.kafkaConnectImages : defaultKafkaConnectImages(b.operatorVersion)));
        this.imagePullPolicy = b.imagePullPolicy;
        this.imagePullSecrets = List.copyOf(b.imagePullSecrets);
        this.proxy = b.proxy;
        // Also what a configuration built in code (tests, tools) gets, and the defaults of the operator version.
        EnvironmentValues.requireImage(STRIMZI_DEFAULT_BUILDAH_IMAGE, buildahImage, buildahImage, "");
        EnvironmentValues.requireImage(STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, kanikoExecutorImage, kanikoExecutorImage, "");
        EnvironmentValues.requireImage(STRIMZI_DEFAULT_MAVEN_BUILDER, mavenBuilderImage, mavenBuilderImage, "");
        EnvironmentValues.requireImage(STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE, layerBuilderImage, layerBuilderImage, "");
        EnvironmentValues.requireImage(STRIMZI_DEFAULT_KAFKA_INIT_IMAGE, kafkaInitImage, kafkaInitImage, "");
        kafkaConnectImages.forEach((version, image) ->
                EnvironmentValues.requireImage(STRIMZI_KAFKA_CONNECT_IMAGES, version + "=" + image, image, "'" + image + "' is "));
    }

    /** Reads the configuration of the running operator from the process environment. */
    public static ClusterOperatorConfig fromEnvironment() {
        return fromMap(System.getenv(), OperatorVersion.current());
    }

    /**
     * Reads the configuration from a map of environment variables.
     *
     * @throws InvalidConfigurationException naming the variable and its value when one is invalid
     */
    public static ClusterOperatorConfig fromMap(Map<String, String> env, String operatorVersion) {
        ClusterOperatorConfigBuilder b = builder(operatorVersion);
        b.namespaces(EnvironmentValues.parseNamespaces(env.get(STRIMZI_NAMESPACE)));
        b.fullReconciliationIntervalMs(EnvironmentValues.parsePositiveLong(env, STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, DEFAULT_FULL_RECONCILIATION_INTERVAL_MS));
        b.operationTimeoutMs(EnvironmentValues.parsePositiveLong(env, STRIMZI_OPERATION_TIMEOUT_MS, DEFAULT_OPERATION_TIMEOUT_MS));
        b.connectBuildTimeoutMs(EnvironmentValues.parsePositiveLong(env, STRIMZI_CONNECT_BUILD_TIMEOUT_MS, DEFAULT_CONNECT_BUILD_TIMEOUT_MS));
        b.featureGates(FeatureGates.parse(env.get(STRIMZI_FEATURE_GATES), operatorVersion));
        b.buildahImage(EnvironmentValues.parseImage(env, STRIMZI_DEFAULT_BUILDAH_IMAGE));
        b.kanikoExecutorImage(EnvironmentValues.parseImage(env, STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE));
        b.mavenBuilderImage(EnvironmentValues.parseImage(env, STRIMZI_DEFAULT_MAVEN_BUILDER));
        b.layerBuilderImage(EnvironmentValues.parseImage(env, STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE));
        b.kafkaInitImage(EnvironmentValues.parseImage(env, STRIMZI_DEFAULT_KAFKA_INIT_IMAGE));
        String images = env.get(STRIMZI_KAFKA_CONNECT_IMAGES);
        if (images != null && !images.isBlank()) {
            b.kafkaConnectImages(EnvironmentValues.parseImageMap(STRIMZI_KAFKA_CONNECT_IMAGES, images));
        }
        String pullPolicy = env.get(STRIMZI_IMAGE_PULL_POLICY);
        if (pullPolicy != null && !pullPolicy.isBlank()) {
            b.imagePullPolicy(EnvironmentValues.parsePullPolicy(pullPolicy));
        }
        b.imagePullSecrets(EnvironmentValues.parsePullSecrets(env.get(STRIMZI_IMAGE_PULL_SECRETS)));
        b.healthPort(EnvironmentValues.parsePort(env, STRIMZI_HEALTH_PORT, DEFAULT_HEALTH_PORT));
        String leaseNs = EnvironmentValues.blankToNull(env.get(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE));
        if (leaseNs != null) {
            if (!KubernetesNames.isDns1123Label(leaseNs)) {
                throw InvalidConfigurationException.of(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE,
                        env.get(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE), "not a valid namespace name");
            }
            b.leaseNamespace(leaseNs);
        }
        String identity = EnvironmentValues.blankToNull(env.get(STRIMZI_LEADER_ELECTION_IDENTITY));
        b.leaderIdentity(identity != null ? identity : EnvironmentValues.blankToNull(env.get("HOSTNAME")));
        b.leaseTimings(LeaseTimings.fromMap(env));
        b.podSecurityProfile(PodSecurityProfile.parse(env.get(STRIMZI_POD_SECURITY_PROVIDER_CLASS)));
        b.customBuildLabels(CustomLabels.parse(STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS,
                env.get(STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS)));
        b.proxy(new ProxyConfig(EnvironmentValues.blankToNull(env.get(HTTP_PROXY)), EnvironmentValues.blankToNull(env.get(HTTPS_PROXY)), EnvironmentValues.blankToNull(env.get(NO_PROXY))));
        return b.build();
    }

    public static ClusterOperatorConfigBuilder builder(String operatorVersion) {
        return new ClusterOperatorConfigBuilder(operatorVersion);
    }

    public static String defaultBuildahImage(String operatorVersion) {
        return "quay.io/strimzi/buildah:" + OperatorVersion.imageTag(operatorVersion);
    }

    public static String defaultKanikoExecutorImage(String operatorVersion) {
        return "quay.io/strimzi/kaniko-executor:" + OperatorVersion.imageTag(operatorVersion);
    }

    public static String defaultMavenBuilderImage(String operatorVersion) {
        return "quay.io/strimzi/maven-builder:" + OperatorVersion.imageTag(operatorVersion);
    }

    /**
     * The layer builder and the rack init container (as Strimzi's) run from the operator's own image, which ships their
     * programs (docker-images/operator).
     */
    public static String defaultLayerBuilderImage(String operatorVersion) {
        return "quay.io/strimzi/operator:" + OperatorVersion.imageTag(operatorVersion);
    }

    public static Map<String, String> defaultKafkaConnectImages(String operatorVersion) {
        return KafkaVersions.defaultImages(operatorVersion);
    }

    /** The default Kafka Connect images in the STRIMZI_KAFKA_CONNECT_IMAGES format (one `version=image` a line). */
    public static String defaultKafkaConnectImagesValue(String operatorVersion) {
        StringBuilder sb = new StringBuilder();
        defaultKafkaConnectImages(operatorVersion).forEach((v, i) -> sb.append(v).append('=').append(i).append('\n'));
        return sb.toString();
    }

    public String operatorVersion() {
        return operatorVersion;
    }

    /** The namespaces to watch: names, or just `*` for every namespace. */
    public Set<String> namespaces() {
        return namespaces;
    }

    public boolean watchesAnyNamespace() {
        return namespaces.contains(ANY_NAMESPACE);
    }

    public long fullReconciliationIntervalMs() {
        return fullReconciliationIntervalMs;
    }

    public long operationTimeoutMs() {
        return operationTimeoutMs;
    }

    public long connectBuildTimeoutMs() {
        return connectBuildTimeoutMs;
    }

    public FeatureGates featureGates() {
        return featureGates;
    }

    public String buildahImage() {
        return buildahImage;
    }

    public String kanikoExecutorImage() {
        return kanikoExecutorImage;
    }

    public String mavenBuilderImage() {
        return mavenBuilderImage;
    }

    /** The image of the layer builder's Pod (`UseConnectBuildWithLayerAppend`). */
    public String layerBuilderImage() {
        return layerBuilderImage;
    }

    /** The rack init container's image ({@link #STRIMZI_DEFAULT_KAFKA_INIT_IMAGE}). */
    public String kafkaInitImage() {
        return kafkaInitImage;
    }

    /** Kafka version to default Connect image. */
    public Map<String, String> kafkaConnectImages() {
        return kafkaConnectImages;
    }

    /** The image of the newest Kafka version in {@link #kafkaConnectImages()}: the default when `.spec.version` is unset. */
    public String newestKafkaConnectImage() {
        return kafkaConnectImages.entrySet().stream()
                .max((a, b) -> VersionComparator.compare(a.getKey(), b.getKey()))
                .map(Map.Entry::getValue)
                .orElseThrow();
    }

    /** The configured pull policy, or null to leave it to Kubernetes. */
    public ImagePullPolicy imagePullPolicy() {
        return imagePullPolicy;
    }

    public List<String> imagePullSecrets() {
        return imagePullSecrets;
    }

    public ProxyConfig proxy() {
        return proxy;
    }

    public int healthPort() {
        return healthPort;
    }

    /** Where the leader-election Lease lives (the operator's own namespace in a deployment). */
    public String leaseNamespace() {
        return leaseNamespace;
    }

    /** STRIMZI_POD_SECURITY_PROVIDER_CLASS: the profile the operator's Pods are made for. */
    public PodSecurityProfile podSecurityProfile() {
        return podSecurityProfile;
    }

    /** STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS: labels for every build object, in the order given. */
    public Map<String, String> customBuildLabels() {
        return customBuildLabels;
    }

    /** This replica's name in leader election; null means a random one. */
    public String leaderIdentity() {
        return leaderIdentity;
    }

    public long leaseDurationMs() {
        return leaseTimings.durationMs();
    }

    public long leaseRenewDeadlineMs() {
        return leaseTimings.renewDeadlineMs();
    }

    public long leaseRetryPeriodMs() {
        return leaseTimings.retryPeriodMs();
    }

    /** The configuration for the start-up log. Holds no secrets: proxy URLs have their credentials masked. */
    @Override
    public String toString() {
        return "ClusterOperatorConfig("
                + "operatorVersion=" + operatorVersion
                + ", namespaces=" + namespaces
                + ", fullReconciliationIntervalMs=" + fullReconciliationIntervalMs
                + ", operationTimeoutMs=" + operationTimeoutMs
                + ", connectBuildTimeoutMs=" + connectBuildTimeoutMs
                + ", featureGates=" + featureGates
                + ", buildahImage=" + buildahImage
                + ", kanikoExecutorImage=" + kanikoExecutorImage
                + ", mavenBuilderImage=" + mavenBuilderImage
                + ", layerBuilderImage=" + layerBuilderImage
                + ", kafkaInitImage=" + kafkaInitImage
                + ", kafkaConnectImages=" + kafkaConnectImages
                + ", imagePullPolicy=" + imagePullPolicy
                + ", imagePullSecrets=" + imagePullSecrets
                + ", proxy=" + proxy
                + ", healthPort=" + healthPort
                + ", leaseNamespace=" + leaseNamespace
                + ", leaderIdentity=" + leaderIdentity
                + ", leaseTimings=" + leaseTimings
                + ", podSecurityProfile=" + podSecurityProfile.value()
                + ", customBuildLabels=" + customBuildLabels
                + ")";
    }
}
