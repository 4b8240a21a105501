package io.strimzi.operator.cluster.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place where a KafkaConnect document becomes the model, for the operator (objects read from the API server)
 * and for `render` (a file). It accepts both served versions: a document is checked against the CRD schema of its own
 * version ({@link KafkaConnectSchema}), then read into {@link KafkaConnect} with the storage version as apiVersion, as
 * the API server converts with conversion None. Then {@link UnsupportedFields} refuses what the operator cannot act
 * on yet. Every refusal is an {@link InvalidResourceException} whose message names the field in the user's terms.
 * The status is not part of what is read: {@link #status} reads it on its own.
 */
public final class KafkaConnectReader {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KafkaConnectReader() {
    }

    /** From the text of a file (YAML or JSON). */
    public static KafkaConnect read(String text) {
        JsonNode document;
        try {
            document = SERIALIZATION.unmarshal(text, JsonNode.class);
        } catch (RuntimeException e) {
            throw new InvalidResourceException("not valid YAML: " + firstLine(e.getMessage()));
        }
        if (document == null || !document.isObject()) {
            throw new InvalidResourceException("the document is empty or not a YAML object");
        }
        return read(document);
    }

    /** From an object as the API server (or its informer cache) returned it. */
    public static KafkaConnect read(GenericKubernetesResource resource) {
        return read((JsonNode) SERIALIZATION.convertValue(resource, JsonNode.class));
    }

    /**
     * The status of a stored object, or null when it has none or one this operator cannot read (it is then written
     * anew). Read separately so that an invalid spec can still get its status.
     */
    public static KafkaConnectStatus status(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?>)) {
            return null;
        }
        try {
            return SERIALIZATION.convertValue(status, KafkaConnectStatus.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static KafkaConnect read(JsonNode document) {
        KafkaConnect connect = parse(document);
        UnsupportedFields.check(document);
        return connect;
    }

    /** {@link #read} without the refusal of unsupported fields: what the model gets. */
    static KafkaConnect parse(JsonNode document) {
        String version = servedVersion(document);
        // The status is the operator's to write, and read on its own (status()): what an earlier operator left there
        // must not make the resource invalid.
        ObjectNode stored = (ObjectNode) document.deepCopy();
        stored.remove("status");
        String problems = KafkaConnectSchema.problems(version, stored);
        if (problems != null) {
            throw new InvalidResourceException(problems);
        }
        stored.put("apiVersion", KafkaConnectSchema.apiVersion(KafkaConnect.VERSION));
        KafkaConnect connect;
        try {
            connect = SERIALIZATION.convertValue(stored, KafkaConnect.class);
        } catch (RuntimeException e) {
            throw new InvalidResourceException(bindingProblem(e));
        }
        return connect;
    }

    private static String servedVersion(JsonNode document) {
        String kind = document.path("kind").asString("");
        String apiVersion = document.path("apiVersion").asString("");
        List<String> served = new ArrayList<>();
        KafkaConnectSchema.servedVersions().forEach(v -> served.add(KafkaConnectSchema.apiVersion(v)));
        if (!KafkaConnect.KIND.equals(kind)) {
            throw new InvalidResourceException(".kind must be " + KafkaConnect.KIND + ", but is "
                    + (kind.isEmpty() ? "not set" : "'" + kind + "'"));
        }
        if (!served.contains(apiVersion)) {
            throw new InvalidResourceException(".apiVersion must be one of " + String.join(", ", served) + ", but is "
                    + (apiVersion.isEmpty() ? "not set" : "'" + apiVersion + "'"));
        }
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /**
     * What the schema allows but a model class does not take: a field of one subtype on another (the schema of a
     * polymorphic field is the union of its subtypes', and its CEL rules are not checked here).
     */
    private static String bindingProblem(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unrecognized) {
                List<String> fields = new ArrayList<>(unrecognized.getKnownPropertyIds().stream().map(Object::toString).toList());
                String type = typeOf(unrecognized.getReferringClass());
                if (type != null) {
                    fields.add("type");
                }
                return path(unrecognized) + " does not apply" + (type != null ? " to type " + type : " here") + " (its fields: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")";
            }
            if (cause instanceof DatabindException databind) {
                return path(databind) + " cannot be read: " + firstLine(databind.getOriginalMessage());
            }
            if (cause instanceof JacksonException jackson) {
                return "cannot be read: " + firstLine(jackson.getOriginalMessage());
            }
        }
        return "cannot be read: " + firstLine(e.getMessage());
    }

    /** The `type` value of a subtype of the API (its TYPE constant), or null for other classes. */
    private static String typeOf(Class<?> modelClass) {
        try {
            return modelClass == null ? null : (String) modelClass.getField("TYPE").get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    /** `.spec.logging.loggers` from Jackson's reference chain. */
    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the document" : path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
