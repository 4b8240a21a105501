package io.strimzi.localcluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalClusterTest {
    @Test
    void namesEveryMissingToolAndFindsThemOnThisMachinesPath(@TempDir Path emptyDir) {
        assertEquals(List.of("buildah", "docker-registry", "skopeo", "runc"), LocalCluster.missingTools(emptyDir.toString()).subList(0, 4));
        assertEquals(List.of(), LocalCluster.missingTools(System.getenv("PATH")), "install them with .ci/install-tools.sh");
    }

    @Test
    void buildRunningIsProgressWhileFailuresEndTheRun() {
        assertFalse(LocalCluster.isFailure("BuildRunning"));
        assertFalse(LocalCluster.isFailure(null));
        assertTrue(LocalCluster.isFailure("BuildFailed"));
        assertTrue(LocalCluster.isFailure("BuildTimeout"));
        assertTrue(LocalCluster.isFailure("InvalidResource"));
    }

    @Test
    void aNamedFileThatIsMissingOrHasNoBuildEndsTheRunWithWhatIsWrong(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        LocalCluster cluster = new LocalCluster(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, cluster.run(new String[] {"--file", dir.resolve("nope.yaml").toString()}));
        assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).contains("No such file: " + dir.resolve("nope.yaml")), bytes.toString());

        Path noBuild = java.nio.file.Files.writeString(dir.resolve("no-build.yaml"), """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: plain
                spec:
                  bootstrapServers: kafka:9092
                """);
        bytes.reset();
        assertEquals(2, cluster.run(new String[] {"--file", noBuild.toString()}));
        assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).contains(noBuild + " has no spec.build: make run builds a Connect image"),
                bytes.toString());

        bytes.reset();
        assertEquals(2, cluster.run(new String[] {"--timeout-seconds", "soon"}));
        assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("usage: "), bytes.toString());
    }

    @Test
    void longOutputLinesKeepTheirHeadAndTail() {
        String line = "STEP 3/4: RUN " + "x".repeat(2500) + " the end";
        String shortened = LocalCluster.shorten(line);
        assertTrue(shortened.length() < 260, shortened);
        assertTrue(shortened.startsWith("STEP 3/4: RUN xxx") && shortened.contains("x the end (2522 characters)"), shortened);
        assertEquals("short", LocalCluster.shorten("short"));
    }
}
