package io.strimzi.localcluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The composite that the end-to-end tests and {@code make run} start: everything but the operator. */
class LocalPartsTest {
    private static final String CONNECT = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaConnect
            metadata:
              name: my-connect
            spec:
              replicas: 1
              bootstrapServers: my-kafka:9092
            """;

    @Test
    void servesKafkaConnectsWithStatusToAClientFromTheWrittenKubeconfigAndStopsEveryProcess(@TempDir Path dir) throws Exception {
        LocalParts parts = LocalParts.start("local", null, new FakeKubeletOptions.Listener() { });
        long registryPid;
        try {
            registryPid = parts.registry().pid();
            assertTrue(parts.registry().digestOf(LocalParts.BASE_IMAGE_REPOSITORY, LocalParts.BASE_IMAGE_TAG).isPresent());
            assertEquals(parts.registry().address() + "/strimzi/kafka:local", parts.baseImage());

            Path kubeconfig = parts.writeKubeconfig(dir.resolve("kubeconfig"));
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            try (KubernetesClient operatorClient = new KubernetesClientBuilder().withConfig(config).build()) {
                assertEquals("local", operatorClient.getNamespace());
                assertNull(operatorClient.getApiGroup("build.openshift.io"), "looks like Kubernetes, not OpenShift");
                assertEquals("v1.33.0-mock", operatorClient.getKubernetesVersion().getGitVersion());
                KafkaConnect connect = operatorClient.getKubernetesSerialization().unmarshal(CONNECT, KafkaConnect.class);
                operatorClient.resources(KafkaConnect.class).resource(connect).create();

                KafkaConnect stored = parts.client().resources(KafkaConnect.class).inNamespace("local").withName("my-connect").get();
                assertEquals("my-kafka:9092", stored.getSpec().getBootstrapServers());

                operatorClient.resources(KafkaConnect.class).withName("my-connect").editStatus(current -> {
                    KafkaConnectStatus status = new KafkaConnectStatus();
                    status.setUrl("http://my-connect-connect-api.local.svc:8083");
                    current.setStatus(status);
                    return current;
                });
                assertEquals("http://my-connect-connect-api.local.svc:8083", parts.client().resources(KafkaConnect.class)
                        .inNamespace("local").withName("my-connect").get().getStatus().getUrl());
            }
        } finally {
            parts.close();
        }
        assertFalse(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(parts.registry().isRunning());
    }
}
