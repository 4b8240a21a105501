package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MockApiServerTest {
    @Test
    void servesKafkaConnectsWithStatusOnceTheCrdIsCreated() {
        try (MockApiServer server = MockApiServer.start()) {
            server.createKafkaConnectCrd();
            KafkaConnect connect = new KafkaConnect();
            connect.setMetadata(new ObjectMetaBuilder().withName("c").withNamespace("ns").build());
            KafkaConnectSpec spec = new KafkaConnectSpec();
            spec.setBootstrapServers("kafka:9092");
            connect.setSpec(spec);
            server.client().resources(KafkaConnect.class).resource(connect).create();
            server.client().resources(KafkaConnect.class).inNamespace("ns").withName("c").editStatus(current -> {
                KafkaConnectStatus status = new KafkaConnectStatus();
                status.setObservedGeneration(7L);
                current.setStatus(status);
                return current;
            });

            KafkaConnect stored = server.client().resources(KafkaConnect.class).inNamespace("ns").withName("c").get();
            assertEquals("kafka:9092", stored.getSpec().getBootstrapServers());
            assertEquals(7L, stored.getStatus().getObservedGeneration());
            assertNull(server.client().getApiGroup("build.openshift.io"));
        }
    }

    /** kubectl apply of a kafka.strimzi.io/v1 file must reach the operator, which reads v1beta2. */
    @Test
    void aKafkaConnectAppliedAsV1IsReadAsV1beta2() {
        try (MockApiServer server = MockApiServer.start()) {
            server.createKafkaConnectCrd();
            GenericKubernetesResource v1 = new GenericKubernetesResourceBuilder()
                    .withApiVersion("kafka.strimzi.io/v1").withKind("KafkaConnect")
                    .withNewMetadata().withName("c1").withNamespace("ns").endMetadata()
                    .addToAdditionalProperties("spec", Map.of("bootstrapServers", "kafka:9092", "groupId", "g"))
                    .build();
            server.client().genericKubernetesResources("kafka.strimzi.io/v1", "KafkaConnect").inNamespace("ns").resource(v1).create();

            KafkaConnect stored = server.client().resources(KafkaConnect.class).inNamespace("ns").withName("c1").get();
            assertEquals("kafka:9092", stored.getSpec().getBootstrapServers());
            assertEquals("g", stored.getSpec().getGroupId());
            assertEquals(1, server.client().resources(KafkaConnect.class).inNamespace("ns").list().getItems().size());
        }
    }

    @Test
    void discardsTheRequestsItRecords() throws Exception {
        try (MockApiServer server = MockApiServer.start()) {
            assertEquals(0, server.discardedRequestCount());
            server.discardRecordedRequests();
            for (int i = 0; i < 20; i++) {
                server.client().configMaps().inNamespace("ns").withName("absent-" + i).get();
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (server.discardedRequestCount() < 20 && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
            assertEquals(20, server.discardedRequestCount());
        }
    }
}
