package io.strimzi.operator.cluster.model;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interim refusal of fields the operator does not act on yet. */
class UnsupportedFieldsTest {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNode STORAGE_SCHEMA = storageSchema();

    static List<String> fields() {
        return UnsupportedFields.FIELDS;
    }

    /** Fields of the CRD standing for entries, so that the mechanism stays tested while the list is empty. */
    private static final List<String> SAMPLE = List.of(".spec.jmxOptions", ".spec.template.initContainer");

    @Test
    void everyStrimziFieldIsActedOnOrRefused() {
        assertEquals(List.of(), UnsupportedFields.FIELDS);
    }

    /** Each entry is a field of the storage schema, so that a typo cannot silently stop refusing a field. */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("fields")
    void everyEntryIsAFieldOfTheSchema(String field) {
        assertNotNull(KafkaConnectSchema.fieldOf(STORAGE_SCHEMA, field.replace("[]", "[0]")), field + " is not a field of the CRD");
    }

    static List<String> sample() {
        return SAMPLE;
    }

    private static JsonNode storageSchema() {
        JsonNode crd = YAML.readTree(UnsupportedFieldsTest.class.getClassLoader().getResourceAsStream(KafkaConnectSchema.CRD_RESOURCE));
        for (JsonNode version : crd.at("/spec/versions")) {
            if (KafkaConnect.VERSION.equals(version.get("name").asString())) {
                return version.at("/schema/openAPIV3Schema");
            }
        }
        throw new IllegalStateException("the CRD has no " + KafkaConnect.VERSION);
    }

    /** Each entry, set on its own in an otherwise supported resource, is refused, naming it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void everyEntryIsRefusedNamingItsPath(String field) {
        ObjectNode document = (ObjectNode) YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: c
                spec:
                  bootstrapServers: my-kafka:9092
                """);
        ObjectNode node = document;
        String[] segments = field.substring(1).split("\\.");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String name = segments[i].replace("[]", "");
            boolean last = i == segments.length - 1;
            expected.append('.').append(name);
            if (last) {
                node.put(name, "set");
            } else if (segments[i].endsWith("[]")) {
                ObjectNode item = node.putArray(name).addObject();
                expected.append("[0]");
                node = item;
            } else {
                node = node.has(name) ? (ObjectNode) node.get(name) : node.putObject(name);
            }
        }
        InvalidResourceException e = assertThrows(InvalidResourceException.class, () -> UnsupportedFields.check(document, SAMPLE));
        assertEquals(expected + " is not supported by this operator yet, so the resource is refused rather than run without it; "
                + "remove it (docs/kafka-connect-api.md lists what is supported)", e.getMessage());
    }

    /** A document with `.spec.jmxOptions` and the given line in `.spec.template`. */
    private static JsonNode withJmxOptionsAndTemplate(String templateLine) {
        return YAML.readTree("apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaConnect\nspec:\n  jmxOptions:\n    authentication: {type: password}\n"
                + "  template:\n    " + templateLine + "\n");
    }

    @Test
    void severalAreNamedTogether() {
        JsonNode document = withJmxOptionsAndTemplate("initContainer: {env: [{name: PLAIN, value: x}]}");
        assertEquals(List.of(".spec.jmxOptions", ".spec.template.initContainer"), UnsupportedFields.set(document, SAMPLE));
        String message = assertThrows(InvalidResourceException.class, () -> UnsupportedFields.check(document, SAMPLE)).getMessage();
        assertTrue(message.startsWith(".spec.jmxOptions, .spec.template.initContainer are not supported by this "
                + "operator yet, so the resource is refused rather than run without them; remove them"), message);
    }

    /** The fields this operator does not support at all are refused with their reason, before the others. */
    @Test
    void refusedFieldsGiveTheirReason() {
        JsonNode document = withJmxOptionsAndTemplate("headlessService: {metadata: {labels: {a: b}}}");
        assertEquals(".spec.template.headlessService is not supported by this operator: "
                + UnsupportedFields.REFUSED.get(".spec.template.headlessService") + "; remove it",
                assertThrows(InvalidResourceException.class, () -> UnsupportedFields.check(document)).getMessage());
        for (String field : UnsupportedFields.REFUSED.keySet()) {
            assertNotNull(KafkaConnectSchema.fieldOf(STORAGE_SCHEMA, field), field + " is not a field of the CRD");
        }
    }

    @Test
    void supportedFieldsPass() {
        UnsupportedFields.check(YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                spec:
                  replicas: 0
                  template:
                    pod:
                      tmpDirSizeLimit: 10Mi
                    connectContainer:
                      env:
                        - name: PLAIN
                          value: x
                """));
    }
}
