package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real kubectl against the mock API server, as `make run KEEP=1` offers it: discovery, then get, describe,
 * apply, edit, scale and delete of a KafkaConnect, and get of built-in kinds.
 */
class KubectlTest {
    private static final String NAMESPACE = "kubectl";
    private static final String CONNECT = """
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaConnect
            metadata:
              name: my-connect
            spec:
              replicas: 1
              bootstrapServers: my-kafka:9092
              build:
                output:
                  type: docker
                  image: registry.example.com/connect:1
                plugins:
                  - name: first
                    artifacts:
                      - type: jar
                        url: https://example.com/first.jar
            """;

    @TempDir
    static Path dir;
    private static MockApiServer server;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        server = MockApiServer.start();
        server.createKafkaConnectCrd();
        server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        kubectl = Kubectl.with(server.writeKubeconfig(dir.resolve("kubeconfig"), NAMESPACE), dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void discoveryListsTheBuiltInKindsAndEveryServedVersionOfTheCrd() {
        List<String> served = server.client().apiextensions().v1().customResourceDefinitions().withName("kafkaconnects.kafka.strimzi.io")
                .get().getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getServed())).map(v -> v.getName())
                .sorted(ApiDiscovery.VERSION_PRIORITY).toList();
        Kubectl.Result resources = ok(kubectl.run("api-resources"));
        // kubectl lists a group's resources at its preferred version: v1 once the CRD serves it, else v1beta2.
        assertTrue(resources.stdout().lines().anyMatch(line -> line.matches("kafkaconnects\\s+kc\\s+kafka.strimzi.io/" + served.get(0)
                + "\\s+true\\s+KafkaConnect")), resources.stdout());
        assertTrue(resources.stdout().lines().anyMatch(line -> line.matches("pods\\s+po\\s+v1\\s+true\\s+Pod")), resources.stdout());
        assertTrue(resources.stdout().lines().anyMatch(line -> line.matches("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment")),
                resources.stdout());
        List<String> versions = ok(kubectl.run("api-versions")).stdout().lines().filter(line -> line.startsWith("kafka.strimzi.io/")).toList();
        assertEquals(served.stream().map(v -> "kafka.strimzi.io/" + v).sorted().toList(), versions.stream().sorted().toList());
        assertTrue(ok(kubectl.run("get", "namespaces")).stdout().contains(NAMESPACE));
    }

    @Test
    void applyGetDescribeEditScaleAndDeleteAKafkaConnect() throws Exception {
        Path file = Files.writeString(dir.resolve("connect.yaml"), CONNECT);
        // The mock server serves no OpenAPI document, so kubectl cannot validate against it.
        assertEquals("kafkaconnect.kafka.strimzi.io/my-connect created\n", ok(kubectl.run("apply", "--validate=false", "-f", file.toString())).stdout());
        Files.writeString(file, CONNECT.replace("my-kafka:9092", "other-kafka:9092"));
        assertEquals("kafkaconnect.kafka.strimzi.io/my-connect configured\n", ok(kubectl.run("apply", "--validate=false", "-f", file.toString())).stdout());
        assertEquals("other-kafka:9092", stored().getSpec().getBootstrapServers());

        assertTrue(ok(kubectl.run("get", "kc")).stdout().contains("my-connect"));
        assertEquals("other-kafka:9092", ok(kubectl.run("get", "kafkaconnect", "my-connect", "-o", "jsonpath={.spec.bootstrapServers}")).stdout());

        server.client().resources(KafkaConnect.class).inNamespace(NAMESPACE).withName("my-connect").editStatus(current -> {
            Condition ready = new Condition();
            ready.setType("Ready");
            ready.setStatus("False");
            ready.setReason("BuildFailed");
            ready.setMessage("buildah build failed with exit code 1: writing \"0 0 4294967295\" to /proc/16/uid_map: operation not permitted");
            KafkaConnectStatus status = new KafkaConnectStatus();
            status.setConditions(List.of(ready));
            current.setStatus(status);
            return current;
        });
        String described = ok(kubectl.run("describe", "kc", "my-connect")).stdout();
        assertTrue(described.contains("BuildFailed") && described.contains("uid_map: operation not permitted"), described);

        Path editor = Files.writeString(dir.resolve("editor.sh"),
                "#!/bin/sh\nsed -i -e 's/replicas: 1/replicas: 2/' -e 's/name: first/name: renamed/' \"$1\"\n");
        editor.toFile().setExecutable(true);
        Kubectl.Result edited = ok(kubectl.run(Map.of("KUBE_EDITOR", editor.toString()), "edit", "--validate=false", "kc", "my-connect"));
        assertEquals("kafkaconnect.kafka.strimzi.io/my-connect edited\n", edited.stdout());
        assertEquals(2, stored().getSpec().getReplicas());
        assertEquals(List.of("renamed"), stored().getSpec().getBuild().getPlugins().stream().map(p -> p.getName()).toList(),
                "a merge patch replaces a list (RFC 7386)");
        assertEquals("other-kafka:9092", stored().getSpec().getBootstrapServers());

        assertEquals("kafkaconnect.kafka.strimzi.io/my-connect scaled\n", ok(kubectl.run("scale", "kc", "my-connect", "--replicas=3")).stdout());
        assertEquals(3, stored().getSpec().getReplicas());

        assertEquals("kafkaconnect.kafka.strimzi.io \"my-connect\" deleted\n", ok(kubectl.run("delete", "kc", "my-connect")).stdout());
        assertNull(stored());
    }

    private static KafkaConnect stored() {
        return server.client().resources(KafkaConnect.class).inNamespace(NAMESPACE).withName("my-connect").get();
    }

    private static Kubectl.Result ok(Kubectl.Result result) {
        assertEquals(0, result.exitCode(), () -> kubectl.binary() + " failed: " + result.output());
        return result;
    }
}
