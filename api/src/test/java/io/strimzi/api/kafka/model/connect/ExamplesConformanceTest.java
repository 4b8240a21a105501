package io.strimzi.api.kafka.model.connect;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in examples/ is valid against the schema of its own version, strictly (no field the schema does not
 * declare), and decodes into the Java model without loss; each v1beta2 example has a v1 variant in examples/connect/v1.
 */
class ExamplesConformanceTest {
    private static final Path EXAMPLES = ApiTestFiles.inRepository("examples");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validStrictlyInItsVersionAndDecodesWithoutLoss(Path example) throws IOException {
        String text = Files.readString(example);
        JsonNode document = ApiTestFiles.YAML.readTree(text);
        assertEquals(List.of(), CrdSchemas.validate(document).stream().map(Object::toString).toList());
        KafkaConnect connect = SERIALIZATION.unmarshal(text, KafkaConnect.class);
        assertEquals(document.get("spec"), ApiTestFiles.YAML.readTree(SERIALIZATION.asYaml(connect)).get("spec"));
    }

    @Test
    void everyExampleExistsInBothVersions() throws IOException {
        List<Path> all = examples().toList();
        List<Path> v1beta2 = all.stream().filter(p -> !p.getParent().endsWith("v1")).toList();
        assertTrue(v1beta2.size() >= 4, "examples found: " + all);
        for (Path example : v1beta2) {
            assertEquals("kafka.strimzi.io/v1beta2", ApiTestFiles.readYamlTree(example).get("apiVersion").asString(), example.toString());
            Path v1 = example.getParent().resolve("v1").resolve(example.getFileName());
            assertTrue(Files.isRegularFile(v1), "no v1 variant of " + example + " at " + v1);
            assertEquals("kafka.strimzi.io/v1", ApiTestFiles.readYamlTree(v1).get("apiVersion").asString(), v1.toString());
        }
        assertEquals(v1beta2.size() * 2, all.size(), "every v1 example has a v1beta2 original: " + all);
    }
}
