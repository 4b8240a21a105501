package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.template.MetadataTemplate;
import io.strimzi.api.kafka.model.template.ResourceTemplate;
import io.strimzi.operator.cluster.model.OwnerReferences;

import java.util.Map;
import java.util.TreeMap;

/** The labels and metadata of every Connect object: the resource's own labels, the template's, then the operator's. */
final class ConnectMetadata {
    private ConnectMetadata() {
    }

    /** Metadata with the template's labels and annotations; the operator's labels win on a clash. */
    static ObjectMeta of(KafkaConnect connect, String resourceName, ResourceTemplate template) {
        return of(connect, resourceName, template == null ? null : template.getMetadata());
    }

    /**
     * Metadata of a cluster-scoped object (the rack ClusterRoleBinding): no namespace, and no owner reference, which
     * Kubernetes does not allow from a cluster-scoped object to a namespaced owner.
     */
    static ObjectMeta clusterScoped(KafkaConnect connect, String resourceName, ResourceTemplate template) {
        ObjectMeta meta = of(connect, resourceName, template);
        meta.setNamespace(null);
        meta.setOwnerReferences(null);
        return meta;
    }

    static ObjectMeta of(KafkaConnect connect, String resourceName, MetadataTemplate template) {
        String name = connect.getMetadata().getName();
        Map<String, String> labels = new TreeMap<>(labels(connect));
        Map<String, String> annotations = new TreeMap<>();
        if (template != null) {
            putAll(labels, template.getLabels());
            putAll(annotations, template.getAnnotations());
        }
        labels.putAll(KafkaConnectCluster.selectorLabels(name));
        return new ObjectMetaBuilder()
                .withName(resourceName)
                .withNamespace(connect.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .withOwnerReferences(OwnerReferences.toKafkaConnect(connect, false))
                .build();
    }

    /** The resource's labels without the operator's prefixes, and the app.kubernetes.io labels of the cluster. */
    static Map<String, String> labels(KafkaConnect connect) {
        String name = connect.getMetadata().getName();
        Map<String, String> labels = new TreeMap<>();
        if (connect.getMetadata().getLabels() != null) {
            connect.getMetadata().getLabels().forEach((k, v) -> {
                if (!k.startsWith("strimzi.io/") && !k.startsWith("app.kubernetes.io/")) {
                    labels.put(k, v);
                }
            });
        }
        labels.put("app.kubernetes.io/name", "kafka-connect");
        labels.put("app.kubernetes.io/instance", name);
        labels.put("app.kubernetes.io/part-of", "strimzi-" + name);
        labels.put("app.kubernetes.io/managed-by", "strimzi-cluster-operator");
        return labels;
    }

    static void putAll(Map<String, String> target, Map<String, String> source) {
        if (source != null) {
            target.putAll(source);
        }
    }
}
