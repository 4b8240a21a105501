package io.strimzi.connectbuilder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildPlanTest {
    static BuildPlan plan(String directory, String fileName) {
        return new BuildPlan(1, "quay.io/strimzi/kafka:latest-kafka-4.1.0", "registry:5000/c:1", "registry:5000/c", "/opt/kafka/plugins", "1001",
                List.of(new BuildPlan.Artifact(".spec.build.plugins[0].artifacts[0]", directory, BuildPlan.Type.JAR, "https://e.com/a.jar",
                        null, false, fileName, null, null, null, null, null, null)), List.of("--tls-verify=false"), null);
    }

    @Test
    void aPlanReadsBackAsItWasWritten(@TempDir Path dir) throws Exception {
        BuildPlan plan = plan("echo/0123abcd", "a.jar");
        Path file = Files.writeString(dir.resolve("plan.json"), plan.toJson());
        assertEquals(plan, BuildPlan.read(file));
    }

    @Test
    void whatWouldWriteOutsideItsDirectoryOrIsUnknownIsRefused(@TempDir Path dir) throws Exception {
        assertThrows(BuildException.class, () -> plan("../etc/0123abcd", "a.jar").checked());
        assertThrows(BuildException.class, () -> plan("echo/0123abcd", "../a.jar").checked());
        Path unknown = Files.writeString(dir.resolve("unknown.json"), plan("echo/0123abcd", "a.jar").toJson().replace("\"planVersion\"", "\"extra\":1,\"planVersion\""));
        assertTrue(assertThrows(BuildException.class, () -> BuildPlan.read(unknown)).getMessage().contains("extra"));
        Path newer = Files.writeString(dir.resolve("newer.json"), plan("echo/0123abcd", "a.jar").toJson().replace("\"planVersion\" : 1", "\"planVersion\" : 2"));
        assertTrue(assertThrows(BuildException.class, () -> BuildPlan.read(newer)).getMessage().contains("planVersion 2"));
    }

    @Test
    void theCommandLineIsTheContract(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, Main.run(new String[] {"--plan"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals(2, Main.run(new String[] {"--what", "x"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(Main.USAGE));

        Path log = dir.resolve("termination-log");
        Path plan = Files.writeString(dir.resolve("plan.json"), "{\"planVersion\": 7}");
        int status = Main.run(new String[] {"--plan", plan.toString(), "--termination-log", log.toString()},
                Map.of("TMPDIR", dir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertTrue(Files.readString(log).startsWith("the build plan has planVersion 7"), Files.readString(log));
    }
}
