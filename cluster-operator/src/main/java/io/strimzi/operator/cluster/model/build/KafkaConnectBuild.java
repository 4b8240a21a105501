package io.strimzi.operator.cluster.model.build;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.util.List;

/**
 * Every object of one Connect build, derived from a KafkaConnect, the configuration and the platform. Pure.
 * CONTRACT (filled in by the build-model work): the operator uses these signatures.
 */
public final class KafkaConnectBuild {
    /** On the build Pod / Build and on the Connect Deployment: the revision that was (or is being) built. */
    public static final String REVISION_ANNOTATION = "strimzi.io/connect-build-revision";
    /** On the Connect Deployment: the image reference (by digest) built for that revision. */
    public static final String IMAGE_ANNOTATION = "strimzi.io/connect-build-image";
    /** On the KafkaConnect: `true` starts a new build even when the revision is unchanged. */
    public static final String FORCE_REBUILD_ANNOTATION = "strimzi.io/force-rebuild";

    private KafkaConnectBuild() {
    }

    /**
     * Validates `.spec.build` (plugins, output, options for the active builder) and creates the build's objects.
     * Must only be called when `.spec.build` is set.
     *
     * @throws InvalidResourceException naming the field when anything is invalid
     */
    public static KafkaConnectBuild fromCrd(KafkaConnect connect, ClusterOperatorConfig config, Platform platform) {
        throw new UnsupportedOperationException("not implemented yet");
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

    public static String buildConfigName(String connectName) {
        return connectName + "-connect-build";
    }

    /** Hash of the Dockerfile and the output image: a new revision means a new build. */
    public String revision() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The output image as the user wrote it. */
    public String outputImage() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** `buildah`, `kaniko` or `openshift`. */
    public String builderName() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public ConfigMap dockerfileConfigMap() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public ServiceAccount serviceAccount() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The build Pod on Kubernetes; null on OpenShift. */
    public Pod buildPod() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The BuildConfig (build.openshift.io/v1) on OpenShift; null on Kubernetes. */
    public GenericKubernetesResource buildConfig() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Warning conditions (e.g. DeprecatedFields for additionalKanikoOptions), whichever builder is active. */
    public List<Condition> warnings() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
