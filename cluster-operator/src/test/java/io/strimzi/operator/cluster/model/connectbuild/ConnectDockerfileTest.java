package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.KAFKA_4_0_IMAGE;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.KAFKA_4_1_IMAGE;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.SHA512;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.config;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.connect;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.jar;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.maven;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.other;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.plugin;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.tgz;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden Dockerfiles, determinism, layout and base image selection. Run with `-Dgolden.update=true` to rewrite the
 * golden files after an intended change, then review the diff.
 */
class ConnectDockerfileTest {
    private static final Path GOLDEN_SOURCE = Path.of("src/test/resources/dockerfiles");

    /** Name of the golden file and the resource it is generated from; each supplier builds a fresh resource. */
    static Stream<Arguments> goldenCases() {
        return Stream.of(
                golden("jar", () -> connect(plugin("echo-sink",
                        jar("https://repo.example.com/connectors/echo-sink-1.0.0.jar")))),
                golden("jar-checksum-insecure", () -> connect(plugin("echo-sink",
                        jar("https://repo.example.com/connectors/echo-sink-1.0.0.jar", SHA512.toUpperCase(), true)))),
                golden("jar-names-from-url", () -> connect(plugin("odd-names",
                        jar("https://example.com/download/My%20Connector.JAR?version=1#top"),
                        jar("https://example.com"),
                        jar("https://example.com/files/.hidden.jar"),
                        jar("ftp://ftp.example.com/pub/connector")))),
                golden("tgz-checksum", () -> connect(plugin("debezium-postgres",
                        tgz("https://repo.example.com/debezium-connector-postgres-3.0.0-plugin.tar.gz", SHA512, null)))),
                golden("zip", () -> connect(plugin("camel-timer",
                        zip("https://repo.example.com/camel-timer-kafka-connector-package.zip", null, null),
                        zip("https://internal.example.com/self-signed/extra.zip", SHA512, true)))),
                golden("other", () -> connect(plugin("configs",
                        other("https://example.com/files/log4j.properties?raw=true", "connect-log4j.properties", null, null),
                        other("https://example.com/files/config.yaml", null, SHA512, null),
                        other("https://example.com", null, null, true)))),
                golden("maven-default-repository", () -> connect(plugin("file-connector",
                        maven(null, "org.apache.kafka", "connect-file", "4.1.0", null)))),
                golden("maven-custom-repository", () -> connect(plugin("jdbc",
                        maven("https://maven.example.com/releases/?a=1&b=<2>", "io.confluent.kafka.connect.jdbc", "kafka-connect-jdbc", "10.8.0", true),
                        maven(MavenArtifact.DEFAULT_REPOSITORY, "org.postgresql", "postgresql", "42.7.4", null)))),
                golden("several-plugins", () -> connect(
                        plugin("echo-sink", jar("https://repo.example.com/echo-sink-1.0.0.jar", SHA512, null)),
                        plugin("debezium_postgres",
                                tgz("https://repo.example.com/debezium.tar.gz", null, null),
                                maven(null, "io.debezium", "debezium-scripting", "3.0.0.Final", null)),
                        plugin("camel-timer",
                                zip("https://repo.example.com/camel.zip", SHA512, null),
                                other("https://repo.example.com/camel.properties", "camel.properties", null, true)))),
                golden("hostile-values", () -> connect(plugin("hostile",
                        other("https://example.com/a';touch${IFS}pwned;'\"$(touch${IFS}pwned)`touch${IFS}pwned`&&|*?\\",
                                "it's \"$(touch pwned)\" `touch pwned`; && | * ? \\ <<EOF", null, null),
                        jar("https://example.com/x.jar'\\\\'$(id)\\")))));
    }

    private static Arguments golden(String name, Supplier<KafkaConnect> resource) {
        return Arguments.of(name, resource);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void generatesTheGoldenDockerfile(String name, Supplier<KafkaConnect> resource) throws IOException {
        String content = ConnectDockerfile.fromCrd(resource.get(), config()).content();
        String file = name + ".Dockerfile";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN_SOURCE.resolve(file), content, StandardCharsets.UTF_8);
        }
        try (InputStream expected = getClass().getResourceAsStream("/dockerfiles/" + file)) {
            if (expected == null) {
                fail("No golden file dockerfiles/" + file + "; run with -Dgolden.update=true to create it");
            }
            assertEquals(new String(expected.readAllBytes(), StandardCharsets.UTF_8), content);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void isByteIdenticalForEqualInput(String name, Supplier<KafkaConnect> resource) {
        assertEquals(ConnectDockerfile.fromCrd(resource.get(), config()).content(),
                ConnectDockerfile.fromCrd(resource.get(), config()).content());
    }

    /**
     * Every line is a comment, blank, a fixed instruction or an indented continuation of a RUN; there is at most one
     * RUN per stage; and lines continue only inside RUN, so no user value can start an instruction.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void hasOnlyGeneratedInstructionsAndFewLayers(String name, Supplier<KafkaConnect> resource) {
        String content = ConnectDockerfile.fromCrd(resource.get(), config()).content();
        List<String> lines = content.lines().toList();
        boolean continued = false;
        String instruction = null;
        int runs = 0;
        int stages = 0;
        for (String line : lines) {
            if (continued) {
                assertTrue(line.startsWith("    ") && "RUN".equals(instruction), "unexpected continuation line: " + line);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                instruction = line.substring(0, line.indexOf(' '));
                assertTrue(List.of("FROM", "USER", "RUN", "COPY").contains(instruction), "unexpected instruction: " + line);
                runs += "RUN".equals(instruction) ? 1 : 0;
                stages += "FROM".equals(instruction) ? 1 : 0;
            }
            continued = line.endsWith("\\");
        }
        assertTrue(runs <= stages, "one RUN per stage at most, got " + runs + " in " + stages + " stages");
        assertTrue(lines.get(lines.size() - 1).equals("USER 1001"), "ends as the Connect user");
    }

    @Test
    void directoryHashIsStableAndDependsOnTheArtifactIdentity() {
        // Pinned: a changed hash would move every installed plugin and change every build revision.
        assertEquals("23f59c91", PluginArtifact.identityHash("jar", "https://repo.example.com/a.jar"));
        assertNotEquals(PluginArtifact.identityHash("jar", "https://repo.example.com/a.jar"),
                PluginArtifact.identityHash("zip", "https://repo.example.com/a.jar"));
        // Parts are delimited, so moving text between them changes the hash.
        assertNotEquals(PluginArtifact.identityHash("maven", "https://r/", "a.b", "c", "1"),
                PluginArtifact.identityHash("maven", "https://r/", "a", "b.c", "1"));
    }

    @Test
    void baseImageComesFromTheVersion() {
        KafkaConnect connect = connect(plugin("p1", jar("https://example.com/a.jar")));
        connect.getSpec().setVersion("4.0.0");
        ConnectDockerfile dockerfile = ConnectDockerfile.fromCrd(connect, config());
        assertEquals(KAFKA_4_0_IMAGE, dockerfile.baseImage());
        assertTrue(dockerfile.content().contains("\nFROM " + KAFKA_4_0_IMAGE + "\n"));
        connect.getSpec().setVersion("4.1.0");
        assertEquals(KAFKA_4_1_IMAGE, ConnectDockerfile.fromCrd(connect, config()).baseImage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-connect", "localhost/bb:1", "registry.example.com:5000/team/connect:1.0-rc_1",
        "quay.io/strimzi/kafka@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "Registry.Example.com/a__b/c---d:TAG@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void imageOverridesTheVersion(String image) {
        KafkaConnect connect = connect(plugin("p1", jar("https://example.com/a.jar")));
        connect.getSpec().setVersion("9.9.9");
        connect.getSpec().setImage(image);
        ConnectDockerfile dockerfile = ConnectDockerfile.fromCrd(connect, config());
        assertEquals(image, dockerfile.baseImage());
        assertTrue(dockerfile.content().contains("\nFROM " + image + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my image", "image\nRUN touch /pwned", "image\r", "$(id)", "${HTTP_PROXY}", "image'",
        "Upper/Case", "image:tag:tag", "image AS other", "-image", "image@sha256:short", "a/../b", "image\\", "image#x"})
    void rejectsAnInvalidImage(String image) {
        KafkaConnect connect = connect(plugin("p1", jar("https://example.com/a.jar")));
        connect.getSpec().setImage(image);
        InvalidResourceException e = assertThrows(InvalidResourceException.class, () -> ConnectDockerfile.fromCrd(connect, config()));
        assertTrue(e.getMessage().startsWith(".spec.image: "), e.getMessage());
    }

    @Test
    void withoutVersionOrImageUsesTheNewestConfiguredVersionLikeTheDeployment() {
        KafkaConnect connect = connect(plugin("p1", jar("https://example.com/a.jar")));
        connect.getSpec().setVersion(null);
        connect.getSpec().setBootstrapServers("kafka:9092");
        ClusterOperatorConfig config = config();
        assertEquals(KAFKA_4_1_IMAGE, ConnectDockerfile.fromCrd(connect, config).baseImage());
        assertEquals(KafkaConnectCluster.fromCrd(connect, config, null, Map.of()).image(), ConnectDockerfile.fromCrd(connect, config).baseImage());
    }

    @Test
    void anEmptyVersionIsUnknown() {
        KafkaConnect connect = connect(plugin("p1", jar("https://example.com/a.jar")));
        connect.getSpec().setVersion("");
        InvalidResourceException e = assertThrows(InvalidResourceException.class, () -> ConnectDockerfile.fromCrd(connect, config()));
        assertEquals(".spec.version: unknown Kafka Connect version ''; known versions: 4.0.0, 4.1.0", e.getMessage());
    }

    @Test
    void rejectsAnUnknownVersion() {
        KafkaConnect connect = connect(plugin("p1", jar("https://example.com/a.jar")));
        connect.getSpec().setVersion("3.9.0\n");
        InvalidResourceException e = assertThrows(InvalidResourceException.class, () -> ConnectDockerfile.fromCrd(connect, config()));
        assertEquals(".spec.version: unknown Kafka Connect version '3.9.0\\u000a'; known versions: 4.0.0, 4.1.0", e.getMessage());
    }

    @Test
    void usesTheConfiguredMavenBuilderImage() {
        String content = ConnectDockerfile.fromCrd(connect(plugin("p1", maven(null, "org.example", "a", "1", null))), config()).content();
        assertTrue(content.contains("\nFROM " + DockerfileTestInputs.MAVEN_BUILDER_IMAGE + " AS maven-artifacts\n"), content);
    }

    @Test
    void neverDeclaresProxyArguments() {
        // Declared proxy ARGs end up, credentials included, in the image history; the predefined ones do not.
        ClusterOperatorConfig withProxy = ClusterOperatorConfig.builder("0.49.0")
                .kafkaConnectImages(config().kafkaConnectImages())
                .proxy(new io.strimzi.operator.cluster.config.ProxyConfig("http://user:secret@proxy:3128", "http://proxy:3129", "localhost"))
                .build();
        String content = ConnectDockerfile.fromCrd(connect(plugin("p1", jar("https://example.com/a.jar"))), withProxy).content();
        assertEquals(ConnectDockerfile.fromCrd(connect(plugin("p1", jar("https://example.com/a.jar"))), config()).content(), content);
        assertTrue(!content.contains("ARG ") && !content.contains("secret") && !content.contains("proxy:3128"), content);
    }
}
