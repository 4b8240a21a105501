package io.strimzi.operator.cluster.model;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.api.kafka.model.connect.build.MavenIncludeScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Both versions into the model, and every refusal in the user's terms; cross-checked with the conformance corpus. */
class KafkaConnectReaderTest {
    static final Path CORPUS = repositoryRoot().resolve("api/src/test/resources/conformance");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String HEAD = """
            apiVersion: kafka.strimzi.io/%s
            kind: KafkaConnect
            metadata:
              name: my-connect
            spec:
              bootstrapServers: my-kafka:9092
            """;

    private static String refusal(String yaml) {
        return assertThrows(InvalidResourceException.class, () -> KafkaConnectReader.read(yaml)).getMessage();
    }

    @Test
    void bothVersionsAreReadAsTheStorageVersion() {
        String v1 = HEAD.formatted("v1") + """
                  replicas: 2
                  groupId: g
                  configStorageTopic: c
                  offsetStorageTopic: o
                  statusStorageTopic: s
                """;
        JsonNode v1Tree = YAML.readTree(v1);
        // Read past the interim refusal of groupId and the topics, to see what the model gets.
        KafkaConnect fromV1 = KafkaConnectReader.parse(v1Tree);
        KafkaConnect fromV1beta2 = KafkaConnectReader.parse(YAML.readTree(v1.replace("kafka.strimzi.io/v1\n",
                "kafka.strimzi.io/v1beta2\n")));
        assertAll(
            () -> assertEquals("kafka.strimzi.io/v1beta2", fromV1.getApiVersion()),
            () -> assertEquals(2, fromV1.getSpec().getReplicas()),
            () -> assertEquals("g", fromV1.getSpec().getGroupId()),
            () -> assertEquals(YAML.valueToTree(fromV1beta2), YAML.valueToTree(fromV1)));
    }

    static Stream<Arguments> refusals() {
        String v1beta2 = HEAD.formatted("v1beta2");
        String v1 = HEAD.formatted("v1") + "  replicas: 1\n  groupId: g\n  configStorageTopic: c\n  offsetStorageTopic: o\n  statusStorageTopic: s\n";
        return Stream.of(
            arguments("a word for a number", v1beta2 + "  replicas: lots\n", ".spec.replicas must be an integer, but is the string \"lots\""),
            arguments("a misspelt field", v1beta2 + "  replica: 1\n", ".spec.replica is not a known field (did you mean .spec.replicas?)"),
            arguments("a far-off name", v1beta2 + "  templates: {}\n", ".spec.templates is not a known field (did you mean .spec.template?)"),
            arguments("a nested unknown field", v1beta2 + "  template:\n    pod:\n      hostUsrs: false\n",
                    ".spec.template.pod.hostUsrs is not a known field (did you mean .spec.template.pod.hostUsers?)"),
            arguments("a number for a string", v1beta2 + "  version: 4.1\n",
                    ".spec.version must be a string, but is the number 4.1 (write it in quotes: \"4.1\")"),
            arguments("a value not in the enum", v1beta2 + "  template:\n    pod:\n      dnsPolicy: Cluster\n",
                    ".spec.template.pod.dnsPolicy must be one of ClusterFirst, ClusterFirstWithHostNet, Default, None, "
                            + "but is the string \"Cluster\""),
            arguments("an object for a list", v1beta2 + "  plugins:\n    name: a\n", ".spec.plugins must be a list, but is an object"),
            arguments("a required field", v1beta2 + "  rack: {}\n", ".spec.rack.topologyKey is required"),
            arguments("a required field with fixed values", v1beta2 + "  logging:\n    loggers: {}\n",
                    ".spec.logging.type is required (one of external, inline)"),
            arguments("a field v1 removed", v1 + "  externalConfiguration: {}\n",
                    ".spec.externalConfiguration is not part of kafka.strimzi.io/v1, which removed it (a field of "
                            + "kafka.strimzi.io/v1beta2 only; docs/kafka-connect-api.md says what replaces it)"),
            arguments("a value v1 removed", v1 + "  tracing:\n    type: jaeger\n",
                    ".spec.tracing.type must be opentelemetry in kafka.strimzi.io/v1, but is the string \"jaeger\" "
                            + "(v1 removed it; kafka.strimzi.io/v1beta2 still allows it)"),
            arguments("a v1beta2 resource labelled v1", HEAD.formatted("v1"),
                    ".spec.configStorageTopic, .spec.groupId, .spec.offsetStorageTopic, .spec.replicas and .spec.statusStorageTopic"
                            + " are required in kafka.strimzi.io/v1 (v1beta2 does not require them)"),
            arguments("no spec in v1", "apiVersion: kafka.strimzi.io/v1\nkind: KafkaConnect\nmetadata:\n  name: c\n",
                    ".spec is required in kafka.strimzi.io/v1 (v1beta2 does not require it)"),
            arguments("a field of another subtype", v1beta2 + "  logging:\n    type: external\n    loggers: {}\n    valueFrom:\n"
                    + "      configMapKeyRef:\n        name: l\n        key: k\n",
                    ".spec.logging.loggers does not apply to type external (its fields: type, valueFrom)"),
            arguments("an unserved version", HEAD.formatted("v2"),
                    ".apiVersion must be one of kafka.strimzi.io/v1, kafka.strimzi.io/v1beta2, but is 'kafka.strimzi.io/v2'"),
            arguments("another kind", HEAD.formatted("v1beta2").replace("kind: KafkaConnect", "kind: KafkaMirrorMaker2"),
                    ".kind must be KafkaConnect, but is 'KafkaMirrorMaker2'"),
            arguments("a control character, shown escaped", v1beta2 + "  replicas: \"3\\nRUN x\"\n",
                    ".spec.replicas must be an integer, but is the string \"3\\nRUN x\""),
            arguments("a field this operator refuses", v1beta2 + "  template:\n    headlessService:\n      metadata: {labels: {a: b}}\n",
                    ".spec.template.headlessService is not supported by this operator: "
                            + UnsupportedFields.REFUSED.get(".spec.template.headlessService") + "; remove it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesInTheUsersTerms(String description, String yaml, String expected) {
        assertEquals(expected, refusal(yaml));
    }

    /** What an earlier operator left in the status does not make the resource invalid; the operator rewrites it. */
    @Test
    void theStatusIsNotRead() {
        KafkaConnect connect = KafkaConnectReader.read(HEAD.formatted("v1beta2") + "status:\n  replicas: lots\n  fromAnotherOperator: x\n");
        assertEquals(null, connect.getStatus());
    }

    @Test
    void manyProblemsAreCountedNotAllListed() {
        StringBuilder yaml = new StringBuilder(HEAD.formatted("v1beta2"));
        for (int i = 0; i < 8; i++) {
            yaml.append("  unknown").append(i).append(": x\n");
        }
        String message = refusal(yaml.toString());
        assertEquals(5, message.split("; ").length - 1, message);
        assertTrue(message.endsWith("; and 3 more"), message);
    }

    @Test
    void textThatIsNotYamlIsRefused() {
        assertTrue(refusal("spec: [unclosed").startsWith("not valid YAML: "));
    }

    @Test
    void newFieldsReachTheModel() {
        KafkaConnect connect = KafkaConnectReader.parse(YAML.readTree(HEAD.formatted("v1beta2") + """
                  build:
                    output:
                      type: docker
                      image: registry.example.com/c:latest
                    plugins:
                      - name: scripting
                        artifacts:
                          - type: maven
                            group: io.debezium
                            artifact: debezium-scripting
                            version: 3.2.1.Final
                            includeScope: runtime
                            mirrors:
                              - url: https://nexus.example.com/maven/
                """));
        MavenArtifact maven = assertInstanceOf(MavenArtifact.class, connect.getSpec().getBuild().getPlugins().get(0).getArtifacts().get(0));
        assertEquals(MavenIncludeScope.RUNTIME, maven.getIncludeScope());
        assertEquals("https://nexus.example.com/maven/", maven.getMirrors().get(0).getUrl());
    }

    // ---- the conformance corpus, through the reader ----

    static Stream<Path> validInBothVersions() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /**
     * Every valid document is read in both versions; the only refusals allowed are the interim one of unsupported fields
     * and that of a field this operator does not support at all (podSet, headlessService).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("validInBothVersions")
    void everyValidDocumentIsReadInBothVersions(Path file) throws IOException {
        String v1 = Files.readString(file);
        for (String yaml : List.of(v1, v1.replace("apiVersion: kafka.strimzi.io/v1\n", "apiVersion: kafka.strimzi.io/v1beta2\n"))) {
            List<String> unsupported = UnsupportedFields.set(YAML.readTree(yaml));
            try {
                KafkaConnectReader.read(yaml);
                assertEquals(List.of(), unsupported, "read although it sets unsupported fields");
            } catch (InvalidResourceException e) {
                boolean refused = UnsupportedFields.REFUSED.keySet().stream()
                        .anyMatch(field -> e.getMessage().startsWith(field + " is not supported by this operator: "));
                assertTrue(refused || e.getMessage().startsWith(String.join(", ", unsupported) + (unsupported.size() == 1 ? " is" : " are")
                        + " not supported by this operator yet"), e.getMessage());
            }
        }
    }

    static Stream<Path> structurallyInvalid() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("invalid"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** The corpus's invalid documents, refused for a structural reason (not a pattern or a minimum), name each field. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("structurallyInvalid")
    void structurallyInvalidDocumentsAreRefusedNamingEachField(Path file) throws IOException {
        String yaml = Files.readString(file);
        Matcher refusal = Pattern.compile("(?m)^# refused at \\$(\\S+) (\\S+)$").matcher(yaml);
        List<String> fields = new ArrayList<>();
        boolean structural = true;
        while (refusal.find()) {
            fields.add(refusal.group(1).replaceAll("\\['([^']+)']", ".$1"));
            structural &= List.of("type", "enum", "required", "additionalProperties").contains(refusal.group(2));
        }
        if (!structural) {
            return; // patterns and minimums are the model's to check, with its reasons (and the API server's)
        }
        String message = refusal(yaml);
        for (String field : fields) {
            assertTrue(message.contains(field), field + " in: " + message);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("api/src/test/resources/conformance"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
