package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Create, skip or update against the CRUD mock API server, counting the requests that reach it. */
class ResourceWriterTest {
    private static final String NS = "kafka";

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private static ConfigMap configMap(String value) {
        return new ConfigMapBuilder().withNewMetadata().withName("connect-config").withNamespace(NS)
                .addToAnnotations("team", "payments").endMetadata()
                .addToData("kafka-connect.properties", value).build();
    }

    private ResourceWriter.Applied<ConfigMap> apply(ConfigMap desired) {
        return ResourceWriter.apply(client.configMaps().inNamespace(NS), desired);
    }

    @Test
    void createsWhatIsMissingWithTheHashOfTheDesiredObject() {
        ResourceWriter.Applied<ConfigMap> applied = apply(configMap("a=1"));
        ConfigMap stored = client.configMaps().inNamespace(NS).withName("connect-config").get();

        assertTrue(applied.written());
        assertEquals("a=1", stored.getData().get("kafka-connect.properties"));
        assertEquals("payments", stored.getMetadata().getAnnotations().get("team"), "the desired annotations are kept");
        assertEquals(ResourceWriter.hash(configMap("a=1")), stored.getMetadata().getAnnotations().get(ResourceWriter.DESIRED_HASH_ANNOTATION));
    }

    @Test
    void sameDesiredObjectWritesNothing() {
        apply(configMap("a=1"));
        String version = client.configMaps().inNamespace(NS).withName("connect-config").get().getMetadata().getResourceVersion();
        int requestsBefore = server.getRequestCount();

        ResourceWriter.Applied<ConfigMap> again = apply(configMap("a=1"));

        assertFalse(again.written());
        assertEquals(1, server.getRequestCount() - requestsBefore, "one GET, no write");
        assertEquals(version, client.configMaps().inNamespace(NS).withName("connect-config").get().getMetadata().getResourceVersion());
    }

    @Test
    void fieldsOthersAddDoNotCauseAWriteButADesiredChangeDoes() {
        apply(configMap("a=1"));
        // What the API server or another controller adds to the stored object.
        client.configMaps().inNamespace(NS).withName("connect-config").edit(cm -> new ConfigMapBuilder(cm)
                .editMetadata().addToLabels("added-by", "someone-else").endMetadata().build());

        assertFalse(apply(configMap("a=1")).written());

        ResourceWriter.Applied<ConfigMap> changed = apply(configMap("a=2"));
        ConfigMap stored = client.configMaps().inNamespace(NS).withName("connect-config").get();
        assertTrue(changed.written());
        assertEquals("a=2", stored.getData().get("kafka-connect.properties"));
        assertEquals(ResourceWriter.hash(configMap("a=2")), stored.getMetadata().getAnnotations().get(ResourceWriter.DESIRED_HASH_ANNOTATION));
    }

    @Test
    void anObjectSeenEarlierSparesTheReadWhenItIsAsDesiredButNeverDecidesAWrite() {
        ConfigMap seen = apply(configMap("a=1")).resource();
        int requestsBefore = server.getRequestCount();

        ResourceWriter.Applied<ConfigMap> unchanged = ResourceWriter.apply(client.configMaps().inNamespace(NS), configMap("a=1"), seen);
        assertFalse(unchanged.written());
        assertEquals(0, server.getRequestCount() - requestsBefore, "no request at all");

        // Someone else wrote a=2 after `seen` was read; the desired a=3 is written over a fresh read, not over `seen`.
        apply(configMap("a=2"));
        requestsBefore = server.getRequestCount();
        ResourceWriter.Applied<ConfigMap> changed = ResourceWriter.apply(client.configMaps().inNamespace(NS), configMap("a=3"), seen);
        assertTrue(changed.written());
        assertEquals(2, server.getRequestCount() - requestsBefore, "a GET and the update: no conflict with the stale copy");
        assertEquals("a=3", client.configMaps().inNamespace(NS).withName("connect-config").get().getData().get("kafka-connect.properties"));
    }

    @Test
    void hashDependsOnContentOnly() {
        assertEquals(ResourceWriter.hash(configMap("a=1")), ResourceWriter.hash(configMap("a=1")));
        assertNotEquals(ResourceWriter.hash(configMap("a=1")), ResourceWriter.hash(configMap("a=2")));
        assertEquals(32, ResourceWriter.hash(configMap("a=1")).length());
    }

    @Test
    void serviceUpdateKeepsTheAssignedClusterIp() {
        Service desired = service(8083);
        Service assigned = new ServiceBuilder(desired).editSpec().withClusterIP("10.96.12.34").withClusterIPs("10.96.12.34").endSpec().build();
        client.services().inNamespace(NS).resource(assigned).create();

        ResourceWriter.Applied<Service> applied = ResourceWriter.apply(client.services().inNamespace(NS), service(8084));

        Service stored = client.services().inNamespace(NS).withName("connect-api").get();
        assertTrue(applied.written());
        assertEquals(8084, stored.getSpec().getPorts().get(0).getPort());
        assertEquals("10.96.12.34", stored.getSpec().getClusterIP());
        assertEquals(List.of("10.96.12.34"), stored.getSpec().getClusterIPs());
    }

    @Test
    void deleteIfExistsSaysWhetherThereWasSomethingToDelete() {
        apply(configMap("a=1"));
        assertTrue(ResourceWriter.deleteIfExists(client.configMaps().inNamespace(NS), "connect-config"));
        assertNull(client.configMaps().inNamespace(NS).withName("connect-config").get());
        assertFalse(ResourceWriter.deleteIfExists(client.configMaps().inNamespace(NS), "connect-config"));
    }

    private static Service service(int port) {
        return new ServiceBuilder().withNewMetadata().withName("connect-api").withNamespace(NS).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "connect")).addNewPort().withPort(port).endPort().endSpec().build();
    }
}
