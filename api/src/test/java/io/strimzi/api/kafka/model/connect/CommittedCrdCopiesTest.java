package io.strimzi.api.kafka.model.connect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** install/ and the Helm chart ship exactly the CRD generated from the API classes. */
class CommittedCrdCopiesTest {
    @ParameterizedTest
    @ValueSource(strings = {ApiTestFiles.INSTALL_CRD_COPY, ApiTestFiles.HELM_CRD_COPY})
    void committedCopyIsTheGeneratedCrd(String copy) throws IOException {
        Path generated = ApiTestFiles.generatedCrd();
        Path committed = ApiTestFiles.inRepository(copy);
        assertTrue(Files.isRegularFile(committed), copy + " is missing: run `make crds` to create it from " + generated);

        byte[] expected = Files.readAllBytes(generated);
        byte[] actual = Files.readAllBytes(committed);
        if (!Arrays.equals(expected, actual)) {
            fail(copy + " differs from the CRD generated from the API classes (" + generated + ")"
                    + firstDifference(expected, actual) + ". Run `make crds` to update it, and commit the result.");
        }
    }

    /** Where the files first differ, so the failure points at the changed part of the schema. */
    private static String firstDifference(byte[] expected, byte[] actual) {
        String[] expectedLines = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] actualLines = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(expectedLines.length, actualLines.length); i++) {
            if (!expectedLines[i].equals(actualLines[i])) {
                return ": first difference at line " + (i + 1) + ", generated '" + expectedLines[i].strip()
                        + "', committed '" + actualLines[i].strip() + "'";
            }
        }
        return ": the generated CRD has " + expectedLines.length + " lines, the copy " + actualLines.length;
    }
}
