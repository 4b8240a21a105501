package io.strimzi.operator.cluster.model;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KafkaConnect fields the CRD accepts (they are Strimzi's) but this operator does not act on yet ({@link #FIELDS}),
 * or will not ({@link #REFUSED}). Rather than accept and ignore them, it refuses a resource that sets any of them,
 * naming each. Whoever implements one removes it from this list (and from the "not supported yet" rows of
 * docs/kafka-connect-api.md).
 * A path is a field; `[]` stands for every item of a list.
 */
public final class UnsupportedFields {
    /** The fields, in the order of the field reference (none at the moment: every Strimzi field is acted on or refused). */
    public static final List<String> FIELDS = List.of();

    /**
     * Strimzi fields this operator does not support at all, because it runs Connect differently (a Deployment instead
     * of a StrimziPodSet), each with the reason given in the refusal ("refused" in docs/kafka-connect-api.md).
     */
    public static final Map<String, String> REFUSED = refused();

    private static Map<String, String> refused() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(".spec.template.podSet", "this operator runs the Connect pods in a Deployment, not a StrimziPodSet; "
                + "use .spec.template.pod.metadata for the pods (or .spec.template.deployment.metadata in v1beta2)");
        refused.put(".spec.template.headlessService", "this operator creates no headless Service for the Connect pods "
                + "(Strimzi's gives StrimziPodSet pods stable names); the REST API Service is .spec.template.apiService");
        return Collections.unmodifiableMap(refused);
    }

    private UnsupportedFields() {
    }

    /**
     * @param document a KafkaConnect as read (any version)
     * @throws InvalidResourceException naming the first {@link #REFUSED} field the document sets, with its reason, or
     *                                  else every listed field it sets
     */
    public static void check(JsonNode document) {
        check(document, FIELDS);
    }

    /** As {@link #check(JsonNode)}, with these fields not supported yet (tests of the mechanism). */
    static void check(JsonNode document, List<String> fields) {
        for (Map.Entry<String, String> field : REFUSED.entrySet()) {
            List<String> set = new ArrayList<>();
            collect(document, field.getKey().substring(1).split("\\."), 0, "", set);
            if (!set.isEmpty()) {
                throw new InvalidResourceException(set.get(0) + " is not supported by this operator: " + field.getValue()
                        + "; remove it");
            }
        }
        List<String> found = set(document, fields);
        if (!found.isEmpty()) {
            throw new InvalidResourceException(String.join(", ", found) + (found.size() == 1 ? " is" : " are")
                    + " not supported by this operator yet, so the resource is refused rather than run without "
                    + (found.size() == 1 ? "it" : "them") + "; remove " + (found.size() == 1 ? "it" : "them")
                    + " (docs/kafka-connect-api.md lists what is supported)");
        }
    }

    /** The listed fields a document sets, as paths with list positions (`.spec.template.pod.volumes`). */
    public static List<String> set(JsonNode document) {
        return set(document, FIELDS);
    }

    static List<String> set(JsonNode document, List<String> fields) {
        List<String> found = new ArrayList<>();
        for (String field : fields) {
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
