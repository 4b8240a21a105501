package io.strimzi.localcluster;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.connectbuild.ConnectDockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated Dockerfile's Maven stage, run on this machine: its RUN script as the Dockerfile has it (continuation
 * lines joined, its work directory moved below a temporary one), with this machine's `mvn` and a local repository of
 * its own (through MAVEN_OPTS, so the command is not changed), against the same repositories the build uses.
 */
final class MavenStage {
    private static final String MAVEN_WORK = "/tmp/connect-build";

    private MavenStage() {
    }

    /** The files the stage copies: for each artifact's `<plugin>/<hash>` directory, name to {@link LayerBuildScenariosTest#sha256}. */
    static Map<String, Map<String, String>> run(KafkaConnect connect, Path work) throws IOException, InterruptedException {
        String dockerfile = ConnectDockerfile.fromCrd(connect, ClusterOperatorConfig.builder(OperatorVersion.current()).build()).content();
        String joined = dockerfile.replace("\\\n", "");
        String stage = joined.substring(joined.indexOf(" AS maven-artifacts\n"));
        String run = stage.lines().filter(line -> line.startsWith("RUN ")).findFirst().orElseThrow().substring("RUN ".length());
        String script = run.replace(MAVEN_WORK, work.resolve("connect-build").toString());
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        builder.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + work.resolve("repository"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), "the Maven stage failed:\n" + script + "\n" + output);
        Path plugins = work.resolve("connect-build/plugins");
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(plugins, 2)) {
            dirs = walk.filter(p -> plugins.relativize(p).getNameCount() == 2).toList();
        }
        Map<String, Map<String, String>> files = new TreeMap<>();
        for (Path dir : dirs) {
            Map<String, String> inDir = new TreeMap<>();
            try (Stream<Path> list = Files.list(dir)) {
                for (Path file : list.toList()) {
                    inDir.put(file.getFileName().toString(), LayerBuildScenariosTest.sha256(Files.readAllBytes(file)));
                }
            }
            files.put(plugins.relativize(dir).toString(), inDir);
        }
        return files;
    }
}
