package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.UnsupportedFields;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.BuildWarnings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** `render`'s refusals: mistakes in the user's terms, invalid resources, bad configuration and usage errors. */
class RenderCommandErrorsTest {
    static Stream<Arguments> userMistakes() {
        String v1beta2 = RenderCommandTest.connectYaml("", "");
        return Stream.of(
            arguments("a word for a number", v1beta2.replace("  bootstrapServers:", "  replicas: lots\n  bootstrapServers:"),
                    ".spec.replicas must be an integer, but is the string \"lots\""),
            arguments("a misspelt field", v1beta2.replace("  bootstrapServers:", "  replica: 1\n  bootstrapServers:"),
                    ".spec.replica is not a known field (did you mean .spec.replicas?)"),
            arguments("a v1beta2 field in v1", v1beta2.replace("apiVersion: kafka.strimzi.io/v1beta2", "apiVersion: kafka.strimzi.io/v1")
                    .replace("  bootstrapServers: my-kafka:9092\n", "  replicas: 1\n  bootstrapServers: my-kafka:9092\n  groupId: g\n"
                            + "  configStorageTopic: c\n  offsetStorageTopic: o\n  statusStorageTopic: s\n")
                    .replace("      image: registry.example.com/team/connect:latest\n",
                            "      image: registry.example.com/team/connect:latest\n      additionalKanikoOptions: [\"--reproducible\"]\n"),
                    ".spec.build.output.additionalKanikoOptions is not part of kafka.strimzi.io/v1, which removed it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userMistakes")
    void mistakesAreToldInTheUsersTerms(String description, String yaml, String expected, @TempDir Path dir) {
        RenderCommandTest.Run run = RenderCommandTest.render("--file", RenderCommandTest.write(dir, yaml).toString(), "--feature-gates=+UseConnectBuildWithBuildah");
        assertEquals(1, run.status(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith(expected), run.err());
        assertEquals(1, run.err().lines().count(), "one message: " + run.err());
    }

    static Stream<Arguments> invalidResources() {
        return Stream.of(
            arguments("duplicate plugin names", RenderCommandTest.connectYaml("", "").replace("      - name: echo\n",
                    "      - name: echo\n        artifacts:\n          - type: jar\n            url: https://example.com/other.jar\n"
                            + "      - name: echo\n"), ".spec.build.plugins[1].name: the name 'echo' is already used"),
            arguments("forbidden build option", RenderCommandTest.connectYaml("", "      additionalBuildOptions: [\"--isolation=oci\"]\n"),
                    "Invalid .spec.build.output.additionalBuildOptions: options not allowed with the Buildah builder (build phase): --isolation"),
            arguments("forbidden push option", RenderCommandTest.connectYaml("", "      additionalPushOptions: [\"--digestfile=/tmp/x\"]\n"),
                    "Invalid .spec.build.output.additionalPushOptions: "),
            arguments("config key owned by the operator", RenderCommandTest.connectYaml("  config:\n    plugin.path: /tmp/evil\n", ""),
                    ".spec.config.plugin.path is set by the operator"),
            arguments("reserved template variable", RenderCommandTest.connectYaml("""
                      template:
                        connectContainer:
                          env:
                            - name: KAFKA_CONNECT_CONFIGURATION_FILE
                              value: /tmp/x
                    """, ""), ".spec.template.connectContainer.env[0].name KAFKA_CONNECT_CONFIGURATION_FILE is reserved"),
            arguments("imagestream output on Kubernetes", RenderCommandTest.connectYaml("", "").replace("type: docker", "type: imagestream")
                    .replace("registry.example.com/team/connect:latest", "connect:latest"), ".spec.build.output.type: the imagestream output needs OpenShift"),
            arguments("unknown Kafka version", RenderCommandTest.connectYaml("", "").replace("version: 4.1.0", "version: 1.0.0"), ".spec.version"),
            arguments("invalid base image", RenderCommandTest.connectYaml("  image: quay.io/Strimzi/kafka:x\n", ""),
                    ".spec.image: 'quay.io/Strimzi/kafka:x' is not a valid image reference: 'Strimzi/kafka' is not a valid repository name"),
            arguments("invalid output image", RenderCommandTest.connectYaml("", "").replace("registry.example.com/team/connect:latest", "registry.example.com/Team/connect"),
                    ".spec.build.output.image: 'registry.example.com/Team/connect' is not a valid image reference: "),
            arguments("artifact without type", RenderCommandTest.connectYaml("", "").replace("          - type: jar\n            url:", "          - url:"),
                    ".spec.build.plugins[0].artifacts[0].type is required (one of jar, maven, other, tgz, zip)"),
            arguments("output without type", RenderCommandTest.connectYaml("", "").replace("      type: docker\n", ""),
                    ".spec.build.output.type is required (one of docker, imagestream)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResources")
    void invalidResourceExitsWithOneAndTheConditionMessage(String description, String yaml, String expected, @TempDir Path dir) {
        RenderCommandTest.Run run = RenderCommandTest.render("--file", RenderCommandTest.write(dir, yaml).toString(), "--feature-gates=+UseConnectBuildWithBuildah");
        assertEquals(1, run.status(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().lines().count(), "one message: " + run.err());
    }

    @Test
    void badPlatformIsAUsageError() {
        RenderCommandTest.Run run = RenderCommandTest.render("--file", RenderCommandTest.REFERENCE_EXAMPLE.toString(), "--platform", "minikube");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertEquals("Invalid value 'minikube' of --platform: must be kubernetes or openshift" + System.lineSeparator(), run.err());
    }

    @Test
    void invalidVariableExitsWithOneNamingItAndItsValue() {
        RenderCommandTest.Run run = RenderCommandTest.render(Map.of(ClusterOperatorConfig.STRIMZI_CONNECT_BUILD_TIMEOUT_MS, "5m"), "--file", RenderCommandTest.REFERENCE_EXAMPLE.toString());
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertEquals("Invalid configuration: Invalid value '5m' of STRIMZI_CONNECT_BUILD_TIMEOUT_MS: not a number"
                + System.lineSeparator(), run.err());
    }

    @Test
    void invalidConfiguredImageIsAConfigurationErrorWithOrWithoutABuild() {
        for (Path example : List.of(RenderCommandTest.REFERENCE_EXAMPLE, RenderCommandTest.REFERENCE_EXAMPLE.resolveSibling("kafka-connect.yaml"))) {
            RenderCommandTest.Run run = RenderCommandTest.render(Map.of(ClusterOperatorConfig.STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=quay.io/Strimzi/kafka:x"),
                    "--file", example.toString(), "--feature-gates=+UseConnectBuildWithBuildah");
            assertEquals(1, run.status(), example.toString());
            assertEquals("", run.out());
            assertTrue(run.err().startsWith("Invalid configuration: Invalid value '4.1.0=quay.io/Strimzi/kafka:x' of "
                    + "STRIMZI_KAFKA_CONNECT_IMAGES: 'quay.io/Strimzi/kafka:x' is not an image reference: "), run.err());
        }
    }

    @Test
    void invalidGateOptionSaysItCameFromTheOption() {
        RenderCommandTest.Run run = RenderCommandTest.render("--file", RenderCommandTest.REFERENCE_EXAMPLE.toString(), "--feature-gates", "+NoSuchGate");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Invalid configuration: Invalid value '+NoSuchGate' of STRIMZI_FEATURE_GATES: "), run.err());
        assertTrue(run.err().contains("unknown feature gate 'NoSuchGate'") && run.err().strip().endsWith("(from --feature-gates)"), run.err());
    }

    @Test
    void missingFileAndOtherKindsAreRefused(@TempDir Path dir) throws IOException {
        RenderCommandTest.Run missing = RenderCommandTest.render("--file", dir.resolve("absent.yaml").toString());
        assertEquals(1, missing.status());
        assertEquals("Cannot read a KafkaConnect from " + dir.resolve("absent.yaml") + ": the file does not exist"
                + System.lineSeparator(), missing.err());

        Path deployment = dir.resolve("deployment.yaml");
        Files.writeString(deployment, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n");
        RenderCommandTest.Run otherKind = RenderCommandTest.render("--file", deployment.toString());
        assertEquals(1, otherKind.status());
        assertTrue(otherKind.err().contains("the file holds a Deployment"), otherKind.err());
    }

    @Test
    void missingFileOptionIsAUsageError() {
        RenderCommandTest.Run run = RenderCommandTest.render();
        assertEquals(2, run.status());
        assertTrue(run.err().contains("Missing required option: '--file=<file>'"), run.err());
    }
}
