package io.strimzi.operator.cluster.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link ClusterOperatorConfig} (from the environment, in tests and tools); unset values take the defaults of
 * the operator version. Its fields are read by the configuration's constructor.
 */
public final class ClusterOperatorConfigBuilder {
    final String operatorVersion;
    Set<String> namespaces = Set.of(ClusterOperatorConfig.ANY_NAMESPACE);
    long fullReconciliationIntervalMs = ClusterOperatorConfig.DEFAULT_FULL_RECONCILIATION_INTERVAL_MS;
    long operationTimeoutMs = ClusterOperatorConfig.DEFAULT_OPERATION_TIMEOUT_MS;
    long connectBuildTimeoutMs = ClusterOperatorConfig.DEFAULT_CONNECT_BUILD_TIMEOUT_MS;
    FeatureGates featureGates;
    String buildahImage;
    String kanikoExecutorImage;
    String mavenBuilderImage;
    String layerBuilderImage;
    String kafkaInitImage;
    Map<String, String> kafkaConnectImages;
    ClusterOperatorConfig.ImagePullPolicy imagePullPolicy;
    List<String> imagePullSecrets = List.of();
    ProxyConfig proxy = ProxyConfig.NONE;
    int healthPort = ClusterOperatorConfig.DEFAULT_HEALTH_PORT;
    String leaseNamespace = ClusterOperatorConfig.DEFAULT_LEASE_NAMESPACE;
    String leaderIdentity;
    LeaseTimings leaseTimings = LeaseTimings.DEFAULT;
    PodSecurityProfile podSecurityProfile = PodSecurityProfile.BASELINE;
    Map<String, String> customBuildLabels = Map.of();

    public ClusterOperatorConfigBuilder leaseTimings(LeaseTimings value) {
        this.leaseTimings = value;
        return this;
    }

    public ClusterOperatorConfigBuilder podSecurityProfile(PodSecurityProfile value) {
        this.podSecurityProfile = value;
        return this;
    }

    public ClusterOperatorConfigBuilder customBuildLabels(Map<String, String> value) {
        this.customBuildLabels = value;
        return this;
    }

    public ClusterOperatorConfigBuilder healthPort(int value) {
        this.healthPort = value;
        return this;
    }

    public ClusterOperatorConfigBuilder leaseNamespace(String value) {
        this.leaseNamespace = value;
        return this;
    }

    public ClusterOperatorConfigBuilder leaderIdentity(String value) {
        this.leaderIdentity = value;
        return this;
    }

    ClusterOperatorConfigBuilder(String operatorVersion) {
        this.operatorVersion = operatorVersion;
    }

    public ClusterOperatorConfigBuilder namespaces(Set<String> namespaces) {
        this.namespaces = namespaces;
        return this;
    }

    public ClusterOperatorConfigBuilder fullReconciliationIntervalMs(long value) {
        this.fullReconciliationIntervalMs = value;
        return this;
    }

    public ClusterOperatorConfigBuilder operationTimeoutMs(long value) {
        this.operationTimeoutMs = value;
        return this;
    }

    public ClusterOperatorConfigBuilder connectBuildTimeoutMs(long value) {
        this.connectBuildTimeoutMs = value;
        return this;
    }

    public ClusterOperatorConfigBuilder featureGates(FeatureGates value) {
        this.featureGates = value;
        return this;
    }

    public ClusterOperatorConfigBuilder buildahImage(String value) {
        this.buildahImage = value;
        return this;
    }

    public ClusterOperatorConfigBuilder kanikoExecutorImage(String value) {
        this.kanikoExecutorImage = value;
        return this;
    }

    public ClusterOperatorConfigBuilder mavenBuilderImage(String value) {
        this.mavenBuilderImage = value;
        return this;
    }

    public ClusterOperatorConfigBuilder kafkaInitImage(String value) {
        this.kafkaInitImage = value;
        return this;
    }

    public ClusterOperatorConfigBuilder layerBuilderImage(String value) {
        this.layerBuilderImage = value;
        return this;
    }

    public ClusterOperatorConfigBuilder kafkaConnectImages(Map<String, String> value) {
        this.kafkaConnectImages = value;
        return this;
    }

    public ClusterOperatorConfigBuilder imagePullPolicy(ClusterOperatorConfig.ImagePullPolicy value) {
        this.imagePullPolicy = value;
        return this;
    }

    public ClusterOperatorConfigBuilder imagePullSecrets(List<String> value) {
        this.imagePullSecrets = value;
        return this;
    }

    public ClusterOperatorConfigBuilder proxy(ProxyConfig value) {
        this.proxy = value;
        return this;
    }

    public ClusterOperatorConfig build() {
        return new ClusterOperatorConfig(this);
    }
}
