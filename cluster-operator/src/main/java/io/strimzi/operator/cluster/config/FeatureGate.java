package io.strimzi.operator.cluster.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The schedule of every feature gate: the version in which it becomes beta (on by default) and GA (always on).
 * Releasing one of those versions changes the default with no code change.
 */
public enum FeatureGate {
    USE_CONNECT_BUILD_WITH_BUILDAH("UseConnectBuildWithBuildah", "0.52.0", "0.55.0"),
    /** The layer builder: every build on Kubernetes, and docker outputs on OpenShift, append one layer to the base image. */
    USE_CONNECT_BUILD_WITH_LAYER_APPEND("UseConnectBuildWithLayerAppend", "0.53.0", "0.56.0");

    public enum Stage { ALPHA, BETA, GA }

    private final String gateName;
    private final String betaVersion;
    private final String gaVersion;

    FeatureGate(String gateName, String betaVersion, String gaVersion) {
        this.gateName = gateName;
        this.betaVersion = betaVersion;
        this.gaVersion = gaVersion;
    }

    public String gateName() {
        return gateName;
    }

    public String betaVersion() {
        return betaVersion;
    }

    public String gaVersion() {
        return gaVersion;
    }

    public Stage stage(String operatorVersion) {
        if (VersionComparator.compare(operatorVersion, gaVersion) >= 0) {
            return Stage.GA;
        }
        if (VersionComparator.compare(operatorVersion, betaVersion) >= 0) {
            return Stage.BETA;
        }
        return Stage.ALPHA;
    }

    public boolean enabledByDefault(String operatorVersion) {
        return stage(operatorVersion) != Stage.ALPHA;
    }

    static FeatureGate byName(String name) {
        for (FeatureGate gate : values()) {
            if (gate.gateName.equals(name)) {
                return gate;
            }
        }
        return null;
    }

    static String knownNames() {
        return Arrays.stream(values()).map(FeatureGate::gateName).collect(Collectors.joining(", "));
    }
}
