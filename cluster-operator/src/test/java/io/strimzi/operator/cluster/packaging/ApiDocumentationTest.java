package io.strimzi.operator.cluster.packaging;

import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.UnsupportedFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/kafka-connect-api.md is reachable and marks exactly the fields the operator refuses as not supported yet. */
class ApiDocumentationTest {
    private static final String DOC = RepositoryFiles.read(RepositoryFiles.ROOT.resolve("docs/kafka-connect-api.md"));
    /** A field reference row: | `.spec.path` | versions | here | difference | */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(\\.[^`]+)` \\|[^|]*\\|([^|]*)\\|");

    @Test
    void readmeAndTheBuildDocumentLinkIt() {
        assertTrue(RepositoryFiles.read(RepositoryFiles.ROOT.resolve("README.md")).contains("(docs/kafka-connect-api.md)"));
        assertTrue(RepositoryFiles.read(RepositoryFiles.ROOT.resolve("docs/connect-build.md")).contains("(kafka-connect-api.md"));
    }

    /** The `spec:` examples users copy: each block of the page that starts with `spec:`. */
    static List<String> specExamples() {
        List<String> examples = new java.util.ArrayList<>();
        Matcher block = Pattern.compile("(?s)```yaml\n(spec:\n.*?)```").matcher(DOC);
        while (block.find()) {
            examples.add(block.group(1));
        }
        return examples;
    }

    /** Each example, in a KafkaConnect of either version, is read without an error (schema, known fields, values). */
    @ParameterizedTest(name = "{index}")
    @MethodSource("specExamples")
    void everySpecExampleIsAValidKafkaConnect(String example) {
        assertTrue(specExamples().size() >= 15, "the examples were found");
        String spec = example.contains("\n  bootstrapServers:") ? example
                : example.replaceFirst("spec:\n", "spec:\n  bootstrapServers: my-kafka:9092\n");
        KafkaConnectReader.read("apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaConnect\nmetadata:\n  name: example\n" + spec);
    }

    static List<String> unsupported() {
        return UnsupportedFields.FIELDS;
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("unsupported")
    void everyUnsupportedFieldHasItsRow(String field) {
        assertTrue(DOC.contains("\n| `" + field + "` |"), "a row for " + field);
        Matcher row = ROW.matcher(DOC);
        while (row.find()) {
            if (row.group(1).equals(field)) {
                assertTrue(row.group(2).contains("**Not supported yet"), field + ": " + row.group(2));
            }
        }
    }

    /** The fields this operator refuses for good are marked so, with the reason of their message. */
    @Test
    void onlyTheRefusedFieldsAreMarkedRefused() {
        assertEquals(new TreeSet<>(UnsupportedFields.REFUSED.keySet()), marked("**Refused**"));
    }

    @Test
    void onlyTheListedFieldsAreMarkedNotSupportedYet() {
        assertEquals(new TreeSet<>(UnsupportedFields.FIELDS), marked("**Not supported yet"));
    }

    /** The fields whose "Here" column carries the marker. */
    private static Set<String> marked(String marker) {
        Set<String> marked = new TreeSet<>();
        Matcher row = ROW.matcher(DOC);
        while (row.find()) {
            if (row.group(2).contains(marker)) {
                marked.add(row.group(1));
            }
        }
        return marked;
    }
}
