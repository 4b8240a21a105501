package io.strimzi.operator.cluster.model;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The KafkaConnect fields the CRD accepts (they are Strimzi's) but this operator does not act on yet. Rather than
 * accept and ignore them, it refuses a resource that sets any of them, naming each. Whoever implements one removes
 * it from this list (and from the "not supported yet" rows of docs/kafka-connect-api.md).
 * A path is a field; `[]` stands for every item of a list.
 */
public final class UnsupportedFields {
    /** The fields, in the order of the field reference. */
    public static final List<String> FIELDS = List.of(
            ".spec.groupId",
            ".spec.configStorageTopic",
            ".spec.offsetStorageTopic",
            ".spec.statusStorageTopic",
            ".spec.authentication",
            ".spec.livenessProbe",
            ".spec.readinessProbe",
            ".spec.jvmOptions",
            ".spec.jmxOptions",
            ".spec.logging",
            ".spec.clientRackInitImage",
            ".spec.rack",
            ".spec.metricsConfig",
            ".spec.tracing",
            ".spec.externalConfiguration",
            ".spec.plugins",
            ".spec.build.plugins[].artifacts[].includeScope",
            ".spec.build.plugins[].artifacts[].mirrors",
            ".spec.template.deployment.deploymentStrategy",
            ".spec.template.podSet",
            ".spec.template.pod.terminationGracePeriodSeconds",
            ".spec.template.pod.topologySpreadConstraints",
            ".spec.template.pod.schedulerName",
            ".spec.template.pod.hostAliases",
            ".spec.template.pod.dnsPolicy",
            ".spec.template.pod.dnsConfig",
            ".spec.template.pod.enableServiceLinks",
            ".spec.template.pod.volumes",
            ".spec.template.pod.hostUsers",
            ".spec.template.apiService.ipFamilyPolicy",
            ".spec.template.apiService.ipFamilies",
            ".spec.template.headlessService",
            ".spec.template.connectContainer.env[].valueFrom",
            ".spec.template.connectContainer.volumeMounts",
            ".spec.template.initContainer",
            ".spec.template.podDisruptionBudget",
            ".spec.template.serviceAccount",
            ".spec.template.clusterRoleBinding",
            ".spec.template.buildPod.terminationGracePeriodSeconds",
            ".spec.template.buildPod.topologySpreadConstraints",
            ".spec.template.buildPod.schedulerName",
            ".spec.template.buildPod.hostAliases",
            ".spec.template.buildPod.dnsPolicy",
            ".spec.template.buildPod.dnsConfig",
            ".spec.template.buildPod.enableServiceLinks",
            ".spec.template.buildPod.volumes",
            ".spec.template.buildPod.hostUsers",
            ".spec.template.buildContainer.env[].valueFrom",
            ".spec.template.buildContainer.volumeMounts",
            ".spec.template.jmxSecret");

    private UnsupportedFields() {
    }

    /**
     * @param document a KafkaConnect as read (any version)
     * @throws InvalidResourceException naming every listed field the document sets
     */
    public static void check(JsonNode document) {
        List<String> found = set(document);
        if (!found.isEmpty()) {
            throw new InvalidResourceException(String.join(", ", found) + (found.size() == 1 ? " is" : " are")
                    + " not supported by this operator yet, so the resource is refused rather than run without "
                    + (found.size() == 1 ? "it" : "them") + "; remove " + (found.size() == 1 ? "it" : "them")
                    + " (docs/kafka-connect-api.md lists what is supported)");
        }
    }

    /** The listed fields a document sets, as paths with list positions (`.spec.template.pod.volumes`). */
    public static List<String> set(JsonNode document) {
        List<String> found = new ArrayList<>();
        for (String field : FIELDS) {
            collect(document, field.substring(1).split("\\."), 0, "", found);
        }
        return found;
    }

    private static void collect(JsonNode node, String[] segments, int index, String path, List<String> found) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (index == segments.length) {
            found.add(path);
            return;
        }
        String segment = segments[index];
        boolean eachItem = segment.endsWith("[]");
        String name = eachItem ? segment.substring(0, segment.length() - 2) : segment;
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return;
        }
        if (!eachItem) {
            collect(child, segments, index + 1, path + "." + name, found);
        } else if (child.isArray()) {
            for (int i = 0; i < child.size(); i++) {
                collect(child.get(i), segments, index + 1, path + "." + name + "[" + i + "]", found);
            }
        }
    }
}
