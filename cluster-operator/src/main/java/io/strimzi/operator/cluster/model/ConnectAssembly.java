package io.strimzi.operator.cluster.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connect.ReferencedResources;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.BuildWarnings;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One KafkaConnect, validated once and turned into its models: the Connect workload and, with `.spec.build`, the build.
 * Pure. The workload model is made once and only given the built image later ({@link #builtWorkload}).
 *
 * @param build    the build, or null without `.spec.build`
 * @param warnings the Warning conditions (deprecated fields, and the build's own)
 */
public record ConnectAssembly(KafkaConnect connect, KafkaConnectCluster workload, KafkaConnectBuild build, List<Condition> warnings) {

    /**
     * Validates the resource: the workload model first, then the build model.
     *
     * @throws InvalidResourceException naming the field, with the message of the Ready=False condition
     */
    public static ConnectAssembly of(KafkaConnect connect, ClusterOperatorConfig config, Platform platform) {
        return of(connect, config, platform, ReferencedResources.notRead());
    }

    /**
     * The Secrets and ConfigMaps the Connect pods reference: what is looked up before {@link #of}.
     *
     * @throws InvalidResourceException naming the field, when the resource cannot be read that far
     */
    public static List<ReferencedResources.Ref> references(KafkaConnect connect, ClusterOperatorConfig config) {
        requireName(connect);
        return KafkaConnectCluster.references(connect, config);
    }

    /**
     * As {@link #of(KafkaConnect, ClusterOperatorConfig, Platform)}, with the Secrets and ConfigMaps of
     * {@link #references} as they were found (a missing one is invalid, naming the field).
     */
    public static ConnectAssembly of(KafkaConnect connect, ClusterOperatorConfig config, Platform platform,
                                     ReferencedResources referenced) {
        requireName(connect);
        KafkaConnectCluster workload = KafkaConnectCluster.fromCrd(connect, config, null, Map.of(), referenced);
        KafkaConnectBuild build = connect.getSpec().getBuild() != null ? KafkaConnectBuild.fromCrd(connect, config, platform) : null;
        List<Condition> warnings = build != null ? build.warnings() : BuildWarnings.of(connect);
        return new ConnectAssembly(connect, workload, build, List.copyOf(warnings));
    }

    private static void requireName(KafkaConnect connect) {
        if (connect.getMetadata() == null || connect.getMetadata().getName() == null || connect.getMetadata().getName().isBlank()) {
            throw new InvalidResourceException(".metadata.name is required");
        }
    }

    /** The workload running the image a build of this revision produced, with the revision and image annotations. */
    public KafkaConnectCluster builtWorkload(String image, String revision) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(BuildNames.REVISION_ANNOTATION, revision);
        annotations.put(BuildNames.IMAGE_ANNOTATION, image);
        return workload.withImage(image, annotations);
    }

    /**
     * Every object the resource has while it stays as it is, whether written in this pass or not (the workload waits for a
     * first image): what is owned and not among them is deleted.
     */
    public List<HasMetadata> keptObjects() {
        List<HasMetadata> kept = new ArrayList<>(workload.objects());
        if (build != null) {
            kept.addAll(build.inputs());
        }
        return kept;
    }
}
