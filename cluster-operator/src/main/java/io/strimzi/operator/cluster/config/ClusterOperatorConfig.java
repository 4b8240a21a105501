package io.strimzi.operator.cluster.config;

import io.strimzi.operator.cluster.values.ImageReference;
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

    private static final Pattern VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");

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

    private ClusterOperatorConfig(Builder b) {
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
        requireImage(STRIMZI_DEFAULT_BUILDAH_IMAGE, buildahImage, buildahImage, "");
        requireImage(STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, kanikoExecutorImage, kanikoExecutorImage, "");
        requireImage(STRIMZI_DEFAULT_MAVEN_BUILDER, mavenBuilderImage, mavenBuilderImage, "");
        requireImage(STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE, layerBuilderImage, layerBuilderImage, "");
        requireImage(STRIMZI_DEFAULT_KAFKA_INIT_IMAGE, kafkaInitImage, kafkaInitImage, "");
        kafkaConnectImages.forEach((version, image) ->
                requireImage(STRIMZI_KAFKA_CONNECT_IMAGES, version + "=" + image, image, "'" + image + "' is "));
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
        Builder b = builder(operatorVersion);
        b.namespaces(parseNamespaces(env.get(STRIMZI_NAMESPACE)));
        b.fullReconciliationIntervalMs(parsePositiveLong(env, STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, DEFAULT_FULL_RECONCILIATION_INTERVAL_MS));
        b.operationTimeoutMs(parsePositiveLong(env, STRIMZI_OPERATION_TIMEOUT_MS, DEFAULT_OPERATION_TIMEOUT_MS));
        b.connectBuildTimeoutMs(parsePositiveLong(env, STRIMZI_CONNECT_BUILD_TIMEOUT_MS, DEFAULT_CONNECT_BUILD_TIMEOUT_MS));
        b.featureGates(FeatureGates.parse(env.get(STRIMZI_FEATURE_GATES), operatorVersion));
        b.buildahImage(parseImage(env, STRIMZI_DEFAULT_BUILDAH_IMAGE));
        b.kanikoExecutorImage(parseImage(env, STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE));
        b.mavenBuilderImage(parseImage(env, STRIMZI_DEFAULT_MAVEN_BUILDER));
        b.layerBuilderImage(parseImage(env, STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE));
        b.kafkaInitImage(parseImage(env, STRIMZI_DEFAULT_KAFKA_INIT_IMAGE));
        String images = env.get(STRIMZI_KAFKA_CONNECT_IMAGES);
        if (images != null && !images.isBlank()) {
            b.kafkaConnectImages(parseImageMap(STRIMZI_KAFKA_CONNECT_IMAGES, images));
        }
        String pullPolicy = env.get(STRIMZI_IMAGE_PULL_POLICY);
        if (pullPolicy != null && !pullPolicy.isBlank()) {
            b.imagePullPolicy(parsePullPolicy(pullPolicy));
        }
        b.imagePullSecrets(parsePullSecrets(env.get(STRIMZI_IMAGE_PULL_SECRETS)));
        b.healthPort(parsePort(env, STRIMZI_HEALTH_PORT, DEFAULT_HEALTH_PORT));
        String leaseNs = blankToNull(env.get(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE));
        if (leaseNs != null) {
            if (!KubernetesNames.isDns1123Label(leaseNs)) {
                throw InvalidConfigurationException.of(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE,
                        env.get(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE), "not a valid namespace name");
            }
            b.leaseNamespace(leaseNs);
        }
        String identity = blankToNull(env.get(STRIMZI_LEADER_ELECTION_IDENTITY));
        b.leaderIdentity(identity != null ? identity : blankToNull(env.get("HOSTNAME")));
        b.leaseTimings(LeaseTimings.fromMap(env));
        b.podSecurityProfile(PodSecurityProfile.parse(env.get(STRIMZI_POD_SECURITY_PROVIDER_CLASS)));
        b.customBuildLabels(CustomLabels.parse(STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS,
                env.get(STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS)));
        b.proxy(new ProxyConfig(blankToNull(env.get(HTTP_PROXY)), blankToNull(env.get(HTTPS_PROXY)), blankToNull(env.get(NO_PROXY))));
        return b.build();
    }

    public static Builder builder(String operatorVersion) {
        return new Builder(operatorVersion);
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

    private static Set<String> parseNamespaces(String value) {
        if (value == null || value.isBlank()) {
            return Set.of(ANY_NAMESPACE);
        }
        Set<String> namespaces = new LinkedHashSet<>();
        for (String raw : value.split(",", -1)) {
            String ns = raw.strip();
            if (ANY_NAMESPACE.equals(ns)) {
                namespaces.add(ANY_NAMESPACE);
            } else if (!KubernetesNames.isDns1123Label(ns)) {
                throw InvalidConfigurationException.of(STRIMZI_NAMESPACE, value, "'" + ns + "' is not a valid namespace name");
            } else {
                namespaces.add(ns);
            }
        }
        if (namespaces.contains(ANY_NAMESPACE) && namespaces.size() > 1) {
            throw InvalidConfigurationException.of(STRIMZI_NAMESPACE, value, "'*' cannot be combined with namespace names");
        }
        return namespaces;
    }

    static long parsePositiveLong(Map<String, String> env, String name, long defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidConfigurationException.of(name, value, "not a number");
        }
        if (parsed <= 0) {
            throw InvalidConfigurationException.of(name, value, "must be a positive number of milliseconds");
        }
        return parsed;
    }

    private static int parsePort(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidConfigurationException.of(name, value, "not a port number (1-65535)");
    }

    private static String parseImage(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String image = value.strip();
        requireImage(name, value, image, "");
        return image;
    }

    static Map<String, String> parseImageMap(String name, String value) {
        Map<String, String> images = new LinkedHashMap<>();
        for (String rawLine : value.split("[\\n,]")) {
            String line = rawLine.strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw InvalidConfigurationException.of(name, value, "entry '" + line + "' must be version=image");
            }
            String version = line.substring(0, eq).strip();
            String image = line.substring(eq + 1).strip();
            if (!VERSION.matcher(version).matches()) {
                throw InvalidConfigurationException.of(name, value, "'" + version + "' is not a Kafka version like 4.1.0");
            }
            requireImage(name, value, image, "'" + image + "' is ");
            if (images.put(version, image) != null) {
                throw InvalidConfigurationException.of(name, value, "version " + version + " is listed more than once");
            }
        }
        if (images.isEmpty()) {
            throw InvalidConfigurationException.of(name, value, "no version=image entry");
        }
        return images;
    }

    /**
     * Checks an image with the one image grammar ({@link ImageReference}), strictly: the operator does not start with
     * an image that a build or the Connect Deployment could not use.
     *
     * @param value  the variable's whole value, for the message
     * @param prefix what the message says before "not an image reference", e.g. the entry of a list
     */
    private static void requireImage(String variable, String value, String image, String prefix) {
        try {
            ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw InvalidConfigurationException.of(variable, value, prefix + "not an image reference: " + e.getMessage());
        }
    }

    private static ImagePullPolicy parsePullPolicy(String value) {
        try {
            return ImagePullPolicy.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidConfigurationException.of(STRIMZI_IMAGE_PULL_POLICY, value, "must be Always, IfNotPresent or Never");
        }
    }

    private static List<String> parsePullSecrets(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Set<String> secrets = new LinkedHashSet<>();
        for (String raw : value.split(",", -1)) {
            String secret = raw.strip();
            if (!KubernetesNames.isDns1123Subdomain(secret)) {
                throw InvalidConfigurationException.of(STRIMZI_IMAGE_PULL_SECRETS, value, "'" + secret + "' is not a valid Secret name");
            }
            secrets.add(secret);
        }
        return List.copyOf(secrets);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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

    /** Builds a configuration in tests and tools; unset values take the defaults of the operator version. */
    public static final class Builder {
        private final String operatorVersion;
        private Set<String> namespaces = Set.of(ANY_NAMESPACE);
        private long fullReconciliationIntervalMs = DEFAULT_FULL_RECONCILIATION_INTERVAL_MS;
        private long operationTimeoutMs = DEFAULT_OPERATION_TIMEOUT_MS;
        private long connectBuildTimeoutMs = DEFAULT_CONNECT_BUILD_TIMEOUT_MS;
        private FeatureGates featureGates;
        private String buildahImage;
        private String kanikoExecutorImage;
        private String mavenBuilderImage;
        private String layerBuilderImage;
        private String kafkaInitImage;
        private Map<String, String> kafkaConnectImages;
        private ImagePullPolicy imagePullPolicy;
        private List<String> imagePullSecrets = List.of();
        private ProxyConfig proxy = ProxyConfig.NONE;
        private int healthPort = DEFAULT_HEALTH_PORT;
        private String leaseNamespace = DEFAULT_LEASE_NAMESPACE;
        private String leaderIdentity;
        private LeaseTimings leaseTimings = LeaseTimings.DEFAULT;
        private PodSecurityProfile podSecurityProfile = PodSecurityProfile.BASELINE;
        private Map<String, String> customBuildLabels = Map.of();

        public Builder leaseTimings(LeaseTimings value) {
            this.leaseTimings = value;
            return this;
        }

        public Builder podSecurityProfile(PodSecurityProfile value) {
            this.podSecurityProfile = value;
            return this;
        }

        public Builder customBuildLabels(Map<String, String> value) {
            this.customBuildLabels = value;
            return this;
        }

        public Builder healthPort(int value) {
            this.healthPort = value;
            return this;
        }

        public Builder leaseNamespace(String value) {
            this.leaseNamespace = value;
            return this;
        }

        public Builder leaderIdentity(String value) {
            this.leaderIdentity = value;
            return this;
        }

        private Builder(String operatorVersion) {
            this.operatorVersion = operatorVersion;
        }

        public Builder namespaces(Set<String> namespaces) {
            this.namespaces = namespaces;
            return this;
        }

        public Builder fullReconciliationIntervalMs(long value) {
            this.fullReconciliationIntervalMs = value;
            return this;
        }

        public Builder operationTimeoutMs(long value) {
            this.operationTimeoutMs = value;
            return this;
        }

        public Builder connectBuildTimeoutMs(long value) {
            this.connectBuildTimeoutMs = value;
            return this;
        }

        public Builder featureGates(FeatureGates value) {
            this.featureGates = value;
            return this;
        }

        public Builder buildahImage(String value) {
            this.buildahImage = value;
            return this;
        }

        public Builder kanikoExecutorImage(String value) {
            this.kanikoExecutorImage = value;
            return this;
        }

        public Builder mavenBuilderImage(String value) {
            this.mavenBuilderImage = value;
            return this;
        }

        public Builder kafkaInitImage(String value) {
            this.kafkaInitImage = value;
            return this;
        }

        public Builder layerBuilderImage(String value) {
            this.layerBuilderImage = value;
            return this;
        }

        public Builder kafkaConnectImages(Map<String, String> value) {
            this.kafkaConnectImages = value;
            return this;
        }

        public Builder imagePullPolicy(ImagePullPolicy value) {
            this.imagePullPolicy = value;
            return this;
        }

        public Builder imagePullSecrets(List<String> value) {
            this.imagePullSecrets = value;
            return this;
        }

        public Builder proxy(ProxyConfig value) {
            this.proxy = value;
            return this;
        }

        public ClusterOperatorConfig build() {
            return new ClusterOperatorConfig(this);
        }
    }
}
