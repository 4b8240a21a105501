package io.strimzi.api.kafka.model.connect;

import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/** Field paths (`.spec.template.pod.volumes[].name`) of a schema and of a document, to compare what they cover. */
final class SchemaFields {
    private SchemaFields() {
    }

    /**
     * The fields this project documents: every property with a description, descending into it. Below a property
     * without one (a Kubernetes type such as `affinity`, or a map) the fields are Kubernetes' and not listed.
     */
    static void documented(JsonNode schema, String path, Set<String> out) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String field = path + "." + property.getKey();
            JsonNode propertySchema = property.getValue();
            boolean root = path.isEmpty();
            if (!root && !propertySchema.has("description")) {
                continue;
            }
            if (!root) {
                out.add(field);
            }
            if (propertySchema.has("items")) {
                documented(propertySchema.get("items"), field + "[]", out);
            } else {
                documented(propertySchema, field, out);
            }
        }
    }

    /** The fields a document sets, with list positions written as `[]`. */
    static void present(JsonNode node, String path, Set<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String fieldPath = path + "." + field.getKey();
                out.add(fieldPath);
                present(field.getValue(), fieldPath, out);
            }
        } else if (node.isArray()) {
            node.values().forEach(item -> present(item, path + "[]", out));
        }
    }
}
