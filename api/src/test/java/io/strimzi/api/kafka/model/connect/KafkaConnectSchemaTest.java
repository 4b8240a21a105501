package io.strimzi.api.kafka.model.connect;

import com.networknt.schema.Error;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The OpenAPI validation of the generated v1beta2 schema (see {@link CrdSchemas}). Each invalid document is the
 * reference example with one change, and must fail for that change only: the expected keyword at the expected path.
 */
class KafkaConnectSchemaTest {
    private static final String SHA512_OF_EMPTY_INPUT = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

    private static JsonNode example;

    @BeforeAll
    static void loadExample() {
        example = ApiTestFiles.readYamlTree(ApiTestFiles.inRepository(ApiTestFiles.EXAMPLE));
    }

    @Test
    void referenceExampleIsValid() {
        assertEquals(List.of(), validate(example));
    }

    static Stream<Arguments> validVariants() {
        return Stream.of(
            arguments("zero replicas", change(doc -> spec(doc).put("replicas", 0))),
            arguments("imagestream output", change(doc -> build(doc).set("output",
                    object().put("type", "imagestream").put("image", "my-connect-build:latest")))),
            arguments("every downloadable artifact type", change(doc -> artifacts(doc)
                    .add(object().put("type", "jar").put("url", "https://example.com/a.jar").put("sha512sum", SHA512_OF_EMPTY_INPUT))
                    .add(object().put("type", "tgz").put("url", "http://example.com/a.tgz"))
                    .add(object().put("type", "zip").put("url", "ftp://example.com/a.zip").put("insecure", true))
                    .add(object().put("type", "other").put("url", "https://example.com/a").put("fileName", "a.bin")))),
            arguments("maven artifact from another repository", change(doc -> firstArtifact(doc)
                    .put("repository", "https://repo.example.com/maven2/"))),
            arguments("two-character plugin name", change(doc -> firstPlugin(doc).put("name", "a1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVariants")
    void validVariantIsValid(String description, JsonNode document) {
        assertEquals(List.of(), validate(document), description);
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
            arguments("missing output", change(doc -> build(doc).remove("output")),
                    "$.spec.build", "required", "output"),
            arguments("missing plugins", change(doc -> build(doc).remove("plugins")),
                    "$.spec.build", "required", "plugins"),
            arguments("plugin name with upper case and space", change(doc -> firstPlugin(doc).put("name", "My Plugin")),
                    "$.spec.build.plugins[0].name", "pattern", null),
            arguments("plugin name ending in a dash", change(doc -> firstPlugin(doc).put("name", "connect-")),
                    "$.spec.build.plugins[0].name", "pattern", null),
            arguments("plugin name with a path", change(doc -> firstPlugin(doc).put("name", "../etc")),
                    "$.spec.build.plugins[0].name", "pattern", null),
            arguments("empty artifacts list", change(doc -> firstPlugin(doc).set("artifacts", ApiTestFiles.YAML.createArrayNode())),
                    "$.spec.build.plugins[0].artifacts", "minItems", null),
            arguments("file URL", change(doc -> artifacts(doc).set(0, object().put("type", "jar").put("url", "file:///etc/passwd"))),
                    "$.spec.build.plugins[0].artifacts[0].url", "pattern", null),
            arguments("URL without scheme", change(doc -> artifacts(doc).set(0, object().put("type", "tgz").put("url", "example.com/a.tgz"))),
                    "$.spec.build.plugins[0].artifacts[0].url", "pattern", null),
            arguments("URL with a space", change(doc -> artifacts(doc).set(0, object().put("type", "jar").put("url", "https://example.com/a b.jar"))),
                    "$.spec.build.plugins[0].artifacts[0].url", "pattern", null),
            arguments("URL with an embedded Dockerfile line", change(doc -> artifacts(doc).set(0,
                    object().put("type", "jar").put("url", "https://example.com/a.jar\nRUN rm -rf /"))),
                    "$.spec.build.plugins[0].artifacts[0].url", "pattern", null),
            arguments("URL ending in a newline", change(doc -> artifacts(doc).set(0, object().put("type", "jar").put("url", "https://example.com/a.jar\n"))),
                    "$.spec.build.plugins[0].artifacts[0].url", "pattern", null),
            arguments("short checksum", change(doc -> artifacts(doc).set(0, object().put("type", "jar")
                    .put("url", "https://example.com/a.jar").put("sha512sum", SHA512_OF_EMPTY_INPUT.substring(1)))),
                    "$.spec.build.plugins[0].artifacts[0].sha512sum", "pattern", null),
            arguments("checksum that is not hexadecimal", change(doc -> artifacts(doc).set(0, object().put("type", "jar")
                    .put("url", "https://example.com/a.jar").put("sha512sum", "z" + SHA512_OF_EMPTY_INPUT.substring(1)))),
                    "$.spec.build.plugins[0].artifacts[0].sha512sum", "pattern", null),
            arguments("unknown artifact type", change(doc -> firstArtifact(doc).put("type", "war")),
                    "$.spec.build.plugins[0].artifacts[0].type", "enum", null),
            arguments("artifact without type", change(doc -> firstArtifact(doc).remove("type")),
                    "$.spec.build.plugins[0].artifacts[0]", "required", "type"),
            arguments("unknown output type", change(doc -> output(doc).put("type", "registry")),
                    "$.spec.build.output.type", "enum", null),
            arguments("output without image", change(doc -> output(doc).remove("image")),
                    "$.spec.build.output", "required", "image"),
            arguments("build option that is not a string", change(doc -> ((ArrayNode) output(doc).get("additionalBuildOptions")).add(1)),
                    "$.spec.build.output.additionalBuildOptions[1]", "type", null),
            arguments("negative replicas", change(doc -> spec(doc).put("replicas", -1)),
                    "$.spec.replicas", "minimum", null),
            arguments("Maven coordinate with a shell character", change(doc -> firstArtifact(doc).put("version", "4.1.0;id")),
                    "$.spec.build.plugins[0].artifacts[0].version", "pattern", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void invalidDocumentIsRejectedForTheExpectedReason(String description, JsonNode document,
                                                       String expectedPath, String expectedKeyword, String expectedProperty) {
        List<Error> errors = validate(document);
        assertFalse(errors.isEmpty(), description + " must be invalid");
        for (Error error : errors) {
            String found = error.toString();
            assertEquals(expectedPath, error.getInstanceLocation().toString(), "path of " + found);
            assertEquals(expectedKeyword, error.getKeyword(), "keyword of " + found);
            if (expectedProperty != null) {
                assertEquals(expectedProperty, error.getProperty(), "missing property of " + found);
            }
        }
    }

    private static List<Error> validate(JsonNode document) {
        return CrdSchemas.validate(KafkaConnect.VERSION, document);
    }

    /** A copy of the reference example with one change; the example itself stays untouched. */
    private static JsonNode change(Consumer<ObjectNode> change) {
        ObjectNode copy = (ObjectNode) example.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static ObjectNode object() {
        return ApiTestFiles.YAML.createObjectNode();
    }

    private static ObjectNode spec(ObjectNode doc) {
        return (ObjectNode) doc.get("spec");
    }

    private static ObjectNode build(ObjectNode doc) {
        return (ObjectNode) spec(doc).get("build");
    }

    private static ObjectNode output(ObjectNode doc) {
        return (ObjectNode) build(doc).get("output");
    }

    private static ObjectNode firstPlugin(ObjectNode doc) {
        return (ObjectNode) build(doc).get("plugins").get(0);
    }

    private static ArrayNode artifacts(ObjectNode doc) {
        return (ArrayNode) firstPlugin(doc).get("artifacts");
    }

    private static ObjectNode firstArtifact(ObjectNode doc) {
        return (ObjectNode) artifacts(doc).get(0);
    }
}
