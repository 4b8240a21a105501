package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A mock API server with the dispatcher: both versions of KafkaConnect are one collection, each answered in its own. */
class KafkaConnectVersionsDispatcherTest {
    private static ResourceDefinitionContext kafkaConnects(String version) {
        return new ResourceDefinitionContext.Builder().withGroup(KafkaConnect.GROUP).withVersion(version)
                .withKind(KafkaConnect.KIND).withPlural(KafkaConnect.PLURAL).withNamespaced(true).build();
    }

    @Test
    void bothVersionsAreOneCollection() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KafkaConnectVersionsDispatcher(new KubernetesMixedDispatcher(expectations)), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        try (NamespacedKubernetesClient client = server.createClient()) {
            for (String version : List.of("v1", "v1beta2")) {
                GenericKubernetesResource connect = client.getKubernetesSerialization().unmarshal("""
                        apiVersion: kafka.strimzi.io/%s
                        kind: KafkaConnect
                        metadata:
                          name: written-as-%s
                        spec:
                          replicas: 1
                        """.formatted(version, version), GenericKubernetesResource.class);
                client.genericKubernetesResources(kafkaConnects(version)).inNamespace("kafka").resource(connect).create();
            }
            for (String version : List.of("v1", "v1beta2")) {
                List<GenericKubernetesResource> items = client.genericKubernetesResources(kafkaConnects(version)).inNamespace("kafka")
                        .list().getItems();
                assertEquals(Set.of("written-as-v1", "written-as-v1beta2"), Set.copyOf(items.stream().map(i -> i.getMetadata().getName()).toList()));
                items.forEach(item -> assertEquals("kafka.strimzi.io/" + version, item.getApiVersion()));
            }
            assertEquals("kafka.strimzi.io/v1", client.genericKubernetesResources(kafkaConnects("v1")).inNamespace("kafka")
                    .withName("written-as-v1beta2").get().getApiVersion());
        } finally {
            server.destroy();
        }
    }
}
