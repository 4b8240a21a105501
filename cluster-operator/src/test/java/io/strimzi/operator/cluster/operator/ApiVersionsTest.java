package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import io.strimzi.api.kafka.model.connect.v1.KafkaConnectV1;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * KafkaConnects of both served versions: one collection (FakeApiServer serves v1 from the storage version, as an API
 * server does with conversion None), each reconciled as the operator reads it (v1beta2), and a resource that does not
 * fit the model refused in the user's terms without holding up the others.
 */
class ApiVersionsTest extends ConnectBuildTestBase {
    private static final String TWIN = """
            apiVersion: kafka.strimzi.io/%s
            kind: KafkaConnect
            metadata:
              name: %s
              namespace: kafka
            spec:
              replicas: 1
              bootstrapServers: my-cluster-kafka-bootstrap:9092
              groupId: my-connect
              configStorageTopic: my-connect-configs
              offsetStorageTopic: my-connect-offsets
              statusStorageTopic: my-connect-status
            """;

    private static ResourceDefinitionContext kafkaConnects(String version) {
        return new ResourceDefinitionContext.Builder().withGroup(KafkaConnect.GROUP).withVersion(version)
                .withKind(KafkaConnect.KIND).withPlural(KafkaConnect.PLURAL).withNamespaced(true).build();
    }

    /** Creates a KafkaConnect as kubectl does: through the version its YAML names, as written. */
    private GenericKubernetesResource create(String yaml) {
        GenericKubernetesResource resource = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        String version = resource.getApiVersion().substring(resource.getApiVersion().indexOf('/') + 1);
        return client.genericKubernetesResources(kafkaConnects(version)).inNamespace(NS).resource(resource).create();
    }

    private GenericKubernetesResource read(String version, String name) {
        return client.genericKubernetesResources(kafkaConnects(version)).inNamespace(NS).withName(name).get();
    }

    private Condition ready(String name) {
        KafkaConnectStatus status = KafkaConnectReader.status(read(KafkaConnect.VERSION, name));
        return status == null || status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void bothVersionsServeOneCollection() {
        create(TWIN.formatted(KafkaConnectV1.VERSION, "written-as-v1"));
        create(TWIN.formatted(KafkaConnect.VERSION, "written-as-v1beta2"));

        for (String version : List.of(KafkaConnect.VERSION, KafkaConnectV1.VERSION)) {
            List<GenericKubernetesResource> items = client.genericKubernetesResources(kafkaConnects(version)).inNamespace(NS)
                    .list().getItems();
            assertEquals(Set.of("written-as-v1", "written-as-v1beta2"),
                    Set.copyOf(items.stream().map(i -> i.getMetadata().getName()).toList()), version);
            items.forEach(item -> assertEquals(KafkaConnect.GROUP + "/" + version, item.getApiVersion(), version));
        }
        assertEquals(KafkaConnect.GROUP + "/v1", read(KafkaConnectV1.VERSION, "written-as-v1beta2").getApiVersion());
        assertEquals(KafkaConnect.GROUP + "/v1beta2", read(KafkaConnect.VERSION, "written-as-v1").getApiVersion());
    }

    /** The operator reads the storage version, so a v1 resource gets what its v1beta2 twin gets, whatever that is. */
    @Test
    void aResourceWrittenAsV1IsReconciledAsItsV1beta2Twin() {
        KafkaConnectAssemblyOperator op = operator();
        create(TWIN.formatted(KafkaConnectV1.VERSION, "twin-v1"));
        create(TWIN.formatted(KafkaConnect.VERSION, "twin-v1beta2"));
        reconcile(op, "twin-v1");
        reconcile(op, "twin-v1beta2");

        Condition v1 = ready("twin-v1");
        Condition v1beta2 = ready("twin-v1beta2");
        assertNotNull(v1, "the v1 resource has a status");
        assertAll(
            () -> assertEquals(v1beta2.getStatus(), v1.getStatus()),
            () -> assertEquals(v1beta2.getReason(), v1.getReason()),
            () -> assertEquals(v1beta2.getMessage(), v1.getMessage()),
            // and the status is visible through the version it was written with
            () -> assertEquals(v1.getMessage(), KafkaConnectReader.status(read(KafkaConnectV1.VERSION, "twin-v1")).getConditions()
                    .get(0).getMessage()));
    }

    /**
     * Where no API server validated a resource (the mock, or a CRD older than the operator), the operator says what
     * does not fit, in the user's terms, and goes on with the others: its informer reads generic objects.
     */
    @Test
    void aResourceTheModelCannotReadIsRefusedAndTheOthersAreStillReconciled() {
        ClusterOperatorConfig config = ClusterOperatorConfig.builder(OPERATOR_VERSION)
                .namespaces(Set.of(NS)).leaseNamespace(NS).leaderIdentity("versions").build();
        KafkaConnectAssemblyOperator op = new KafkaConnectAssemblyOperator(vertx, client, config,
                Platform.KUBERNETES, new OperatorMetrics(), BuildRetryPolicy.DEFAULT, Clock.systemUTC());
        operators.add(op);
        create("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: lots
                  namespace: kafka
                spec:
                  replicas: lots
                  bootstrapServers: my-cluster-kafka-bootstrap:9092
                """);
        create("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: misspelt
                  namespace: kafka
                spec:
                  replica: 1
                  bootstrapServers: my-cluster-kafka-bootstrap:9092
                """);
        create("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: fine
                  namespace: kafka
                spec:
                  replicas: 1
                  bootstrapServers: my-cluster-kafka-bootstrap:9092
                """);
        KafkaConnectController controller = new KafkaConnectController(vertx, client, config, op, Duration.ofSeconds(2));
        controller.start();
        try {
            await().atMost(30, TimeUnit.SECONDS).until(() -> ready("lots") != null && ready("misspelt") != null
                    && ready("fine") != null);
            assertAll(
                () -> assertEquals("InvalidResource", ready("lots").getReason()),
                () -> assertEquals(".spec.replicas must be an integer, but is the string \"lots\"", ready("lots").getMessage()),
                () -> assertEquals(".spec.replica is not a known field (did you mean .spec.replicas?)", ready("misspelt").getMessage()),
                () -> assertEquals("True", ready("fine").getStatus()),
                () -> assertNull(deployment("lots"), "nothing is created for a refused resource"),
                () -> assertNotNull(deployment("fine")));
        } finally {
            controller.stop();
        }
    }
}
