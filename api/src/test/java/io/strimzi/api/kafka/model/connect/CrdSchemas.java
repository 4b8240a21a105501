package io.strimzi.api.kafka.model.connect;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI schemas of the generated CRD, one per served version, validated with a JSON-schema validator because
 * the mock API server validates nothing. {@link #validate} checks as an API server does with strict field validation
 * (kubectl's default since 1.27): besides types, enums, patterns and required fields, a field that the schema does not
 * declare is an error instead of being pruned. CEL rules (`x-kubernetes-validations`) cannot be evaluated here.
 */
final class CrdSchemas {
    private static final Map<String, Schema> SCHEMAS = load();

    private CrdSchemas() {
    }

    private static Map<String, Schema> load() {
        JsonNode crd = ApiTestFiles.readYamlTree(ApiTestFiles.generatedCrd());
        // The default (JDK) regular expressions are right here: Kubernetes evaluates `pattern` with Go's RE2, where
        // `$` matches only at the very end, and the validator rewrites `$` so that Java agrees (plain java.util.regex
        // would also match before a final line break and accept "https://host/a.jar\n"; a schema test covers that).
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build();
        // OpenAPI v3.0 schema objects are a dialect of JSON Schema draft 4 (exclusiveMinimum as a boolean, etc.).
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaRegistryConfig(config));
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (JsonNode version : crd.at("/spec/versions")) {
            ObjectNode openApiSchema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
            // Every object accepts apiVersion, kind and metadata at its root, which the generator does not list.
            ObjectNode properties = (ObjectNode) openApiSchema.get("properties");
            properties.set("apiVersion", ApiTestFiles.YAML.createObjectNode().put("type", "string"));
            properties.set("kind", ApiTestFiles.YAML.createObjectNode().put("type", "string"));
            properties.set("metadata", ApiTestFiles.YAML.createObjectNode().put("type", "object"));
            strictFields(openApiSchema);
            schemas.put(version.get("name").asString(), registry.getSchema(openApiSchema));
        }
        return schemas;
    }

    /**
     * Makes every object that lists its properties refuse others (what strict field validation does), except where
     * the schema preserves unknown fields; then drops the Kubernetes structural-schema extensions, which are not JSON
     * Schema keywords: `x-kubernetes-int-or-string` sits next to an equivalent `anyOf`, and the CEL rules of
     * `x-kubernetes-validations` cannot be evaluated here (the operator enforces them as well).
     */
    private static void strictFields(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean preserves = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.has("properties") && !preserves && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            List<String> extensions = new ArrayList<>();
            object.propertyNames().forEach(name -> {
                if (name.startsWith("x-kubernetes-")) {
                    extensions.add(name);
                }
            });
            object.remove(extensions);
        }
        node.values().forEach(CrdSchemas::strictFields);
    }

    static List<String> versions() {
        return List.copyOf(SCHEMAS.keySet());
    }

    /** The errors of a document against the schema of the given version. */
    static List<Error> validate(String version, JsonNode document) {
        Schema schema = SCHEMAS.get(version);
        if (schema == null) {
            throw new IllegalArgumentException("the CRD does not serve " + version + ", only " + versions());
        }
        return schema.validate(document);
    }

    /** The errors against the schema of the document's own apiVersion. */
    static List<Error> validate(JsonNode document) {
        String apiVersion = document.path("apiVersion").asString();
        return validate(apiVersion.substring(apiVersion.indexOf('/') + 1), document);
    }

    /**
     * Where an error points, with the field it is about: the instance location, and for an unknown or a missing field
     * that field's name appended (`$.spec.groupId`), so that a test names the field a user would be told about.
     */
    static String fieldOf(Error error) {
        String location = error.getInstanceLocation().toString();
        return error.getProperty() != null && List.of("additionalProperties", "required").contains(error.getKeyword())
                ? location + "." + error.getProperty() : location;
    }
}
