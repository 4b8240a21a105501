package io.strimzi.operator.cluster.packaging;

import io.strimzi.operator.cluster.operator.BuildRetryPolicy;
import io.strimzi.operator.cluster.operator.ConditionReasons;
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

/** docs/connect-build.md is reachable from the README and explains exactly the status reasons the operator writes. */
class UserDocumentationTest {
    private static final String DOC = RepositoryFiles.read(RepositoryFiles.ROOT.resolve("docs/connect-build.md"));
    private static final String README = RepositoryFiles.read(RepositoryFiles.ROOT.resolve("README.md"));
    /** A troubleshooting row starts with the reason and the condition it appears in: | `Reason` (`Ready=False`) | */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\(`(Ready=False|Warning=True)`\\) \\|");

    @Test
    void readmeLinksTheDocument() {
        assertTrue(README.contains("(docs/connect-build.md)"));
    }

    static List<String> reasons() {
        List<String> reasons = ConditionReasons.all();
        // Guards against a vacuous pass: the class holds the reasons, whatever else is added to it.
        assertTrue(reasons.containsAll(List.of("InvalidResource", "BuildFailed", "DeprecatedFields")), reasons.toString());
        return reasons;
    }

    @ParameterizedTest
    @MethodSource("reasons")
    void troubleshootingTableHasARowPerReason(String reason) {
        assertTrue(DOC.contains("\n| `" + reason + "` ("), "a troubleshooting row for " + reason);
    }

    @Test
    void troubleshootingTableHasNoReasonTheOperatorDoesNotWrite() {
        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(DOC.substring(DOC.indexOf("## Troubleshooting")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(new TreeSet<>(ConditionReasons.all()), documented);
    }

    @Test
    void backOffNumbersAreTheOperatorsDefaults() {
        BuildRetryPolicy policy = BuildRetryPolicy.DEFAULT;
        assertTrue(DOC.contains("starts at " + policy.initial().toSeconds() + " seconds"), "initial delay");
        assertTrue(DOC.contains("up to\n" + policy.max().toMinutes() + " minutes") || DOC.contains("up to " + policy.max().toMinutes() + " minutes"),
                "maximum delay");
    }

    @Test
    void readmeDocumentsRenderAndItsExitStatus() {
        String render = README.substring(README.indexOf("## Seeing what the operator would create: `render`"));
        assertTrue(render.contains("java -jar cluster-operator/target/cluster-operator.jar render --file"), render);
        for (String status : List.of("`0`", "`1`", "`2`")) {
            assertTrue(render.contains(status), "exit status " + status + " is documented");
        }
    }
}
