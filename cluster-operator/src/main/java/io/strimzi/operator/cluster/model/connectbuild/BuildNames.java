package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.KafkaConnect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names the build objects, the operator and its users agree on: object names, labels and annotation keys. A
 * changed name would orphan the objects of running builds, so these only ever grow.
 */
public final class BuildNames {
    /** On the build Pod / Build and on the Connect Deployment: the revision that was (or is being) built. */
    public static final String REVISION_ANNOTATION = "strimzi.io/connect-build-revision";
    /** On the Connect Deployment: the image reference (by digest) built for that revision. */
    public static final String IMAGE_ANNOTATION = "strimzi.io/connect-build-image";
    /** On the KafkaConnect: `true` starts a new build even when the revision is unchanged. */
    public static final String FORCE_REBUILD_ANNOTATION = "strimzi.io/force-rebuild";

    private BuildNames() {
    }

    public static String dockerfileConfigMapName(String connectName) {
        return connectName + "-connect-dockerfile";
    }

    /** The layer builder's input: the build plan (`plan.json`). */
    public static String buildPlanConfigMapName(String connectName) {
        return connectName + "-connect-build-plan";
    }

    /**
     * The input ConfigMaps a build Pod of this KafkaConnect may have, one per kind of input of the Pod tools (the
     * Dockerfile, the layer builder's plan): removing `.spec.build` deletes each. A tool with another input adds its
     * name here.
     */
    public static List<String> inputConfigMapNames(String connectName) {
        return List.of(dockerfileConfigMapName(connectName), buildPlanConfigMapName(connectName));
    }

    public static String serviceAccountName(String connectName) {
        return connectName + "-connect-build";
    }

    /** The Secret that holds the operator's proxy URLs with credentials for the build Pod. */
    public static String proxySecretName(String connectName) {
        return connectName + "-connect-build-proxy";
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

    /** The component type of the build objects, in `strimzi.io/component-type`. */
    public static final String COMPONENT_TYPE = "kafka-connect-build";

    /** The labels of every build object: Strimzi's standard labels. */
    public static Map<String, String> labels(String connectName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "kafka-connect-build");
        labels.put("app.kubernetes.io/instance", connectName);
        labels.put("app.kubernetes.io/part-of", "strimzi-" + connectName);
        labels.put("app.kubernetes.io/managed-by", "strimzi-cluster-operator");
        labels.put("strimzi.io/cluster", connectName);
        labels.put("strimzi.io/kind", KafkaConnect.KIND);
        labels.put("strimzi.io/name", buildPodName(connectName));
        labels.put("strimzi.io/component-type", COMPONENT_TYPE);
        return labels;
    }
}
