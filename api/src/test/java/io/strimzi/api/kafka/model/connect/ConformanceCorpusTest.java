package io.strimzi.api.kafka.model.connect;

import com.networknt.schema.Error;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conformance corpus (src/test/resources/conformance, see its README) against both schemas and the Java model. */
class ConformanceCorpusTest {
    static final Path CORPUS = ApiTestFiles.inRepository("api/src/test/resources/conformance");
    private static final Pattern V1_REFUSAL = Pattern.compile("(?m)^# v1: refused at (\\S+)$");
    private static final Pattern REFUSAL = Pattern.compile("(?m)^# refused at (\\S+) (\\S+)$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Stream<Path> bothVersions() throws IOException {
        return yamlFiles(CORPUS, false);
    }

    static Stream<Path> v1beta2Only() throws IOException {
        return yamlFiles(CORPUS.resolve("v1beta2-only"), true);
    }

    static Stream<Path> invalid() throws IOException {
        return yamlFiles(CORPUS.resolve("invalid"), true);
    }

    private static Stream<Path> yamlFiles(Path dir, boolean recursive) throws IOException {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothVersions")
    void validInBothVersionsAndDecodesWithoutLoss(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode document = ApiTestFiles.YAML.readTree(text);
        assertEquals("kafka.strimzi.io/v1", document.get("apiVersion").asString(), "written as v1");
        assertEquals(List.of(), messages(CrdSchemas.validate("v1", document)), "v1");
        assertEquals(List.of(), messages(CrdSchemas.validate("v1beta2", withVersion(document, "v1beta2"))), "v1beta2");
        assertDecodesWithoutLoss(text, document);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v1beta2Only")
    void validInV1beta2AndRefusedByV1WhereItSays(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode document = ApiTestFiles.YAML.readTree(text);
        assertEquals("kafka.strimzi.io/v1beta2", document.get("apiVersion").asString(), "written as v1beta2");
        assertEquals(List.of(), messages(CrdSchemas.validate("v1beta2", document)), "v1beta2");
        assertDecodesWithoutLoss(text, document);

        List<String> refusedAt = matches(V1_REFUSAL, text, 1);
        assertFalse(refusedAt.isEmpty(), "a v1beta2-only document says where v1 refuses it");
        List<Error> errors = CrdSchemas.validate("v1", withVersion(document, "v1"));
        for (Error error : errors) {
            String field = CrdSchemas.fieldOf(error);
            assertTrue(refusedAt.stream().anyMatch(field::startsWith), "unexpected v1 error " + error);
        }
        for (String path : refusedAt) {
            assertTrue(errors.stream().anyMatch(e -> CrdSchemas.fieldOf(e).startsWith(path)), "v1 accepts " + path + ": " + errors);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidInBothVersionsForTheStatedReasonsOnly(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode document = ApiTestFiles.YAML.readTree(text);
        List<String> expected = new ArrayList<>();
        Matcher refusal = REFUSAL.matcher(text);
        while (refusal.find()) {
            expected.add(refusal.group(1) + " " + refusal.group(2));
        }
        assertFalse(expected.isEmpty(), "an invalid document says why it is invalid");
        for (String version : CrdSchemas.versions()) {
            List<String> found = CrdSchemas.validate(version, withVersion(document, version)).stream()
                    .map(e -> CrdSchemas.fieldOf(e) + " " + e.getKeyword()).distinct().sorted().toList();
            assertEquals(expected.stream().sorted().toList(), found, version);
        }
    }

    /** Together the valid documents set every field the CRD documents, in each version. */
    @Test
    void corpusSetsEveryDocumentedField() throws IOException {
        JsonNode crd = ApiTestFiles.readYamlTree(ApiTestFiles.generatedCrd());
        for (JsonNode version : crd.at("/spec/versions")) {
            String name = version.get("name").asString();
            Set<String> documented = new TreeSet<>();
            SchemaFields.documented(version.at("/schema/openAPIV3Schema"), "", documented);
            Set<String> set = new TreeSet<>();
            List<Path> documents = new ArrayList<>(bothVersions().toList());
            if (!"v1".equals(name)) {
                documents.addAll(v1beta2Only().toList());
            }
            for (Path file : documents) {
                SchemaFields.present(ApiTestFiles.readYamlTree(file), "", set);
            }
            Set<String> missing = new TreeSet<>(documented);
            missing.removeAll(set);
            assertEquals(Set.of(), missing, name + ": documented fields that no corpus document sets");
            assertTrue(documented.size() > 200, name + ": " + documented.size() + " documented fields found");
        }
    }

    /** Java reads every field (unknown properties fail) and writes the same document back: nothing lost, nothing added. */
    private static void assertDecodesWithoutLoss(String text, JsonNode document) {
        KafkaConnect connect = SERIALIZATION.unmarshal(text, KafkaConnect.class);
        JsonNode written = ApiTestFiles.YAML.readTree(SERIALIZATION.asYaml(connect));
        assertEquals(withVersion(document, KafkaConnect.VERSION).get("spec"), written.get("spec"));
        assertEquals(document.get("status"), written.get("status"));
    }

    private static JsonNode withVersion(JsonNode document, String version) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.put("apiVersion", KafkaConnect.GROUP + "/" + version);
        return copy;
    }

    private static List<String> matches(Pattern pattern, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
