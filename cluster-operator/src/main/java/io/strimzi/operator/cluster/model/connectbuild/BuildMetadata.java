package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.template.MetadataTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.OwnerReferences;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metadata of every build object: the template's labels and annotations merged with the operator's own. */
final class BuildMetadata {
    private BuildMetadata() {
    }

    /** The build objects are controlled by their KafkaConnect (Kubernetes garbage-collects them with it). */
    static OwnerReference ownerReference(KafkaConnect connect) {
        return OwnerReferences.toKafkaConnect(connect, true);
    }

    /** STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS, then the operator's own labels of build objects, which win. */
    static Map<String, String> labels(KafkaConnect connect, ClusterOperatorConfig config) {
        Map<String, String> labels = new LinkedHashMap<>(config.customBuildLabels());
        labels.putAll(BuildNames.labels(connect.getMetadata().getName()));
        return labels;
    }

    /**
     * Metadata with the template's labels, then STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS, then the operator's own
     * labels, and the template's annotations, then the given ones: on a clash the later wins.
     *
     * @param template the object's `template.*.metadata`, or null
     */
    static ObjectMeta of(KafkaConnect connect, ClusterOperatorConfig config, String name, MetadataTemplate template,
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
        allLabels.putAll(labels(connect, config));
        allAnnotations.putAll(annotations);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(connect.getMetadata().getNamespace())
                .withLabels(allLabels)
                .withAnnotations(allAnnotations.isEmpty() ? null : allAnnotations)
                .withOwnerReferences(ownerReference(connect))
                .build();
    }
}
