package io.strimzi.localkafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The class path the pom wrote for the child JVMs: Kafka's runtime, and nothing of the harness's own. */
class KafkaRuntimeTest {

    @Test
    void holdsKafkasServerConnectAndLoggingJarsOfOneVersionThatAllExist() {
        List<Path> entries = KafkaRuntime.classPathEntries();
        List<String> names = entries.stream().map(p -> p.getFileName().toString()).toList();
        String version = KafkaRuntime.version();
        for (String jar : List.of("kafka_2.13-", "kafka-server-", "kafka-clients-", "connect-runtime-", "connect-json-",
                "connect-transforms-")) {
            assertTrue(names.contains(jar + version + ".jar"), () -> jar + version + ".jar missing from " + names);
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith("log4j-slf4j2-impl-")), names::toString);
        entries.forEach(p -> assertTrue(Files.isRegularFile(p), p::toString));
    }

    @Test
    void leavesOutConnectFileAndTheHarnesssOwnLibraries() {
        String classPath = KafkaRuntime.classPath();
        for (String absent : List.of("connect-file", "bouncycastle", "awaitility", "hamcrest", "junit")) {
            assertFalse(classPath.contains(absent), absent);
        }
    }

    @Test
    void pointsAtTheConnectFileJarOfTheSameVersion() {
        assertEquals("connect-file-" + KafkaRuntime.version() + ".jar", KafkaRuntime.connectFileJar().getFileName().toString());
    }
}
