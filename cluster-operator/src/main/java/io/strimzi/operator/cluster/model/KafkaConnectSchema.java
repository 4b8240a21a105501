package io.strimzi.operator.cluster.model;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of a KafkaConnect as the generated CRD declares it for each served version, checked as an API server
 * checks it (with kubectl's strict field validation): field names, types, enum values and required fields. What it
 * finds is said in the user's terms: the field path, what was expected and what is there, and for an unknown field
 * the nearest known one. Patterns, minimums and CEL rules are left to the model's validation, which states them with
 * their reasons. The CRD comes from the api jar, so this can never disagree with the installed schema of a release.
 */
final class KafkaConnectSchema {
    static final String CRD_RESOURCE = "META-INF/fabric8/" + KafkaConnect.CRD_NAME + "-v1.yml";
    /** How many problems one message lists. */
    private static final int MAX_PROBLEMS = 5;
    private static final Map<String, JsonNode> SCHEMAS = load();

    private KafkaConnectSchema() {
    }

    private static Map<String, JsonNode> load() {
        try (InputStream in = KafkaConnectSchema.class.getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CRD_RESOURCE + " is not on the class path (it is in the api jar)");
            }
            Map<String, JsonNode> schemas = new LinkedHashMap<>();
            for (JsonNode version : YAMLMapper.builder().build().readTree(in).at("/spec/versions")) {
                schemas.put(version.get("name").asString(), version.at("/schema/openAPIV3Schema"));
            }
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The versions the CRD serves, e.g. v1 and v1beta2. */
    static List<String> servedVersions() {
        return List.copyOf(SCHEMAS.keySet());
    }

    /**
     * Checks a document against the schema of one served version.
     *
     * @return one message with the first problems found, or null when the document fits the schema
     */
    static String problems(String version, JsonNode document) {
        List<String> problems = new ArrayList<>();
        new Check(version, problems).object(document, SCHEMAS.get(version), "", true);
        if (problems.isEmpty()) {
            return null;
        }
        String listed = String.join("; ", problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
        return problems.size() > MAX_PROBLEMS ? listed + "; and " + (problems.size() - MAX_PROBLEMS) + " more" : listed;
    }

    /** One walk over a document, collecting problems. */
    private record Check(String version, List<String> problems) {
        void value(JsonNode node, JsonNode schema, String path) {
            if (node.isNull()) {
                return; // the API server prunes a null of a non-nullable field: it reads as unset
            }
            if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
                if (!node.isIntegralNumber() && !node.isString()) {
                    problems.add(path + " must be an integer or a string, but is " + SchemaWords.describe(node));
                }
                return;
            }
            String type = schema.path("type").asString("");
            if (!type.isEmpty() && !SchemaWords.hasType(node, type)) {
                problems.add(path + " must be " + SchemaWords.typeName(type) + ", but is " + SchemaWords.describe(node)
                        + SchemaWords.quoteHint(node, type));
                return;
            }
            if (schema.has("enum") && !contains(schema.get("enum"), node)) {
                problems.add(path + notAllowed(node, path, schema));
                return;
            }
            if (node.isObject()) {
                object(node, schema, path, false);
            } else if (node.isArray() && schema.has("items")) {
                for (int i = 0; i < node.size(); i++) {
                    value(node.get(i), schema.get("items"), path + "[" + i + "]");
                }
            }
        }

        void object(JsonNode node, JsonNode schema, String path, boolean root) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            boolean preserves = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String fieldPath = path + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    value(field.getValue(), properties.get(field.getKey()), fieldPath);
                } else if (additional.isObject()) {
                    value(field.getValue(), additional, fieldPath);
                } else if (root && List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
                    continue; // every object has these; Kubernetes checks metadata itself
                } else if (!preserves && properties.isObject()) {
                    problems.add(unknown(fieldPath, field.getKey(), properties));
                }
            }
            // Missing fields of one object in one problem: a v1 resource from a v1beta2 file lacks several at once.
            Map<Missing, List<String>> missing = new LinkedHashMap<>();
            for (JsonNode required : schema.path("required")) {
                String name = required.asString();
                if (!node.has(name) || node.get(name).isNull()) {
                    Missing kind = new Missing(requiredOnlyHere(path + "." + name), SchemaWords.choices(properties.path(name)));
                    missing.computeIfAbsent(kind, k -> new ArrayList<>()).add(path + "." + name);
                }
            }
            missing.forEach((kind, fields) -> problems.add(SchemaWords.joinFields(fields) + (fields.size() == 1 ? " is" : " are")
                    + " required" + (kind.onlyHere() ? " in " + apiVersion(version) + " (" + KafkaConnect.VERSION
                    + " does not require " + (fields.size() == 1 ? "it" : "them") + ")" : "") + kind.choices()));
        }

        private String unknown(String path, String name, JsonNode known) {
            if (!KafkaConnect.VERSION.equals(version) && fieldOf(SCHEMAS.get(KafkaConnect.VERSION), path) != null) {
                return path + " is not part of " + apiVersion(version) + ", which removed it (a field of "
                        + apiVersion(KafkaConnect.VERSION) + " only; docs/kafka-connect-api.md says what replaces it)";
            }
            return path + " is not a known field" + SchemaWords.nearest(name, known.propertyNames(), path);
        }

        private String notAllowed(JsonNode node, String path, JsonNode schema) {
            String allowed = SchemaWords.joinValues(schema.get("enum"));
            JsonNode storage = fieldOf(SCHEMAS.get(KafkaConnect.VERSION), path);
            if (!KafkaConnect.VERSION.equals(version) && storage != null && contains(storage.path("enum"), node)) {
                return " must be " + (schema.get("enum").size() == 1 ? "" : "one of ") + allowed + " in " + apiVersion(version)
                        + ", but is " + SchemaWords.describe(node) + " (" + version + " removed it; " + apiVersion(KafkaConnect.VERSION)
                        + " still allows it)";
            }
            return " must be one of " + allowed + ", but is " + SchemaWords.describe(node);
        }

        /** Whether the field is required in this version but not in the storage version. */
        private boolean requiredOnlyHere(String path) {
            if (KafkaConnect.VERSION.equals(version)) {
                return false;
            }
            int dot = path.lastIndexOf('.');
            JsonNode parent = dot == 0 ? SCHEMAS.get(KafkaConnect.VERSION) : fieldOf(SCHEMAS.get(KafkaConnect.VERSION), path.substring(0, dot));
            return parent == null || !contains(parent.path("required"), path.substring(dot + 1));
        }
    }

    /** How a required field is missing: whether only this version requires it, and its fixed values if any. */
    private record Missing(boolean onlyHere, String choices) {
    }

    /** The schema of the field at a path like `.spec.template.pod.volumes[0].name`, or null when there is none. */
    static JsonNode fieldOf(JsonNode schema, String path) {
        JsonNode current = schema;
        for (String segment : path.substring(1).split("\\.")) {
            String name = segment.replaceAll("\\[\\d+]", "");
            current = current.path("properties").path(name);
            if (current.isMissingNode()) {
                return null;
            }
            for (int i = segment.indexOf('['); i >= 0; i = segment.indexOf('[', i + 1)) {
                current = current.path("items");
            }
        }
        return current;
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asString().equals(value)) {
                return true;
            }
        }
        return false;
    }

    static String apiVersion(String version) {
        return KafkaConnect.GROUP + "/" + version;
    }
}
