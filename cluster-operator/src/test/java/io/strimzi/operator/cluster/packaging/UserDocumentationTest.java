package io.strimzi.operator.cluster.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/connect-build.md is reachable from the README and explains every status reason users can meet. */
class UserDocumentationTest {
    private static final String DOC = RepositoryFiles.read(RepositoryFiles.ROOT.resolve("docs/connect-build.md"));

    @Test
    void readmeLinksTheDocument() {
        assertTrue(RepositoryFiles.read(RepositoryFiles.ROOT.resolve("README.md")).contains("(docs/connect-build.md)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InvalidResource", "BuildFailed", "BuildTimeout", "BuildPodRejected", "ImagePullFailed",
        "InvalidTerminationMessage", "DeprecatedFields"})
    void troubleshootingTableHasARowPerReason(String reason) {
        assertTrue(DOC.contains("\n| `" + reason + "` ("), "a troubleshooting row for " + reason);
    }
}
