package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.operator.BuildRetryPolicy;
import io.strimzi.operator.cluster.operator.KafkaConnectAssemblyOperator;
import io.strimzi.operator.cluster.operator.OperatorMetrics;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * render and the real operator (KafkaConnectAssemblyOperator with the real build model, against the CRUD mock API
 * server) agree: an invalid resource gives render's stderr message as the Ready=False condition message, and a valid
 * one gives the same Connect objects.
 */
class RenderMatchesOperatorTest {
    private static final String NS = "kafka";
    private static final String GATES = "+UseConnectBuildWithBuildah";
    /** Only a guard against a hung reconciliation; nothing depends on how fast it is. */
    private static final long GUARD_SECONDS = 60;

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Vertx vertx;
    private KafkaConnectAssemblyOperator operator;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(KafkaConnect.class));
        client = server.createClient();
        vertx = Vertx.vertx();
        ClusterOperatorConfig config = ClusterOperatorConfig.fromMap(Map.of(ClusterOperatorConfig.STRIMZI_FEATURE_GATES, GATES),
                OperatorVersion.current());
        operator = new KafkaConnectAssemblyOperator(vertx, client, config, Platform.KUBERNETES,
                new OperatorMetrics(), BuildRetryPolicy.DEFAULT, Clock.systemUTC());
        operator.start().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        operator.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        client.close();
        server.destroy();
    }

    /** Applies the YAML as kubectl does, as it is (a typed round trip would already drop what the model cannot hold). */
    private KafkaConnect applyAndReconcile(String yaml) throws Exception {
        GenericKubernetesResource connect = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        // With conversion None the API server stores a v1 object in the storage version, changing only apiVersion (the
        // CRUD mock server keeps one collection per version, so this does what a real server's conversion would).
        connect.setApiVersion(KafkaConnect.GROUP + "/" + KafkaConnect.VERSION);
        client.genericKubernetesResources(KafkaConnectAssemblyOperator.KAFKA_CONNECTS).inNamespace(NS).resource(connect).create();
        // Its add event reconciles it; the status of its generation says that the reconciliation is over.
        var stored = client.genericKubernetesResources(KafkaConnectAssemblyOperator.KAFKA_CONNECTS).inNamespace(NS)
                .withName(connect.getMetadata().getName());
        await().atMost(GUARD_SECONDS, TimeUnit.SECONDS).until(() -> {
            var status = KafkaConnectReader.status(stored.get());
            return status != null && stored.get().getMetadata().getGeneration().equals(status.getObservedGeneration());
        });
        return client.resources(KafkaConnect.class).inNamespace(NS).withName(connect.getMetadata().getName()).get();
    }

    static List<Object[]> invalidResources() {
        return RenderCommandErrorsTest.invalidResources().map(a -> a.get()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResources")
    void invalidResourceMessageIsTheConditionMessage(String description, String yaml, String expectedPart, @TempDir Path dir)
            throws Exception {
        RenderCommandTest.Run rendered = RenderCommandTest.render("--file", RenderCommandTest.write(dir, yaml).toString(),
                "--feature-gates=" + GATES);
        KafkaConnect reconciled = applyAndReconcile(yaml);

        Condition ready = reconciled.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .orElseThrow();
        assertEquals("False", ready.getStatus());
        assertEquals("InvalidResource", ready.getReason());
        assertEquals(ready.getMessage() + System.lineSeparator(), rendered.err());
        assertEquals(1, rendered.status());
    }

    /** In both API versions: the v1beta2 example and its v1 variant. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connect/kafka-connect.yaml", "connect/v1/kafka-connect.yaml"})
    void connectObjectsAreTheOnesTheOperatorWrites(String example, @TempDir Path dir) throws Exception {
        String yaml = Files.readString(RenderCommandTest.EXAMPLES.resolve(example))
                .replace("  name: my-connect-cluster\n", "  name: my-connect-cluster\n  namespace: " + NS + "\n");
        // The cluster CA Secret the example trusts, in the cluster and after the KafkaConnect in render's file.
        String secret = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: my-cluster-cluster-ca-cert
                data:
                  ca.crt: Y2VydGlmaWNhdGU=
                  ca.p12: c3RvcmU=
                  ca.password: cGFzc3dvcmQ=
                """;
        client.secrets().inNamespace(NS).resource(client.getKubernetesSerialization()
                .unmarshal(secret, io.fabric8.kubernetes.api.model.Secret.class)).create();
        RenderCommandTest.Run rendered = RenderCommandTest.render("--file", RenderCommandTest.write(dir, yaml + "---\n" + secret).toString(),
                "--feature-gates=" + GATES);
        assertEquals(0, rendered.status(), rendered.err());
        applyAndReconcile(yaml);

        List<HasMetadata> objects = rendered.objects();
        assertEquals(5, objects.size());
        for (HasMetadata expected : objects) {
            HasMetadata written = client.resource(expected).get();
            assertNotNull(written, expected.getKind() + " written by the operator");
            assertEquals(comparable(expected), comparable(written), expected.getKind());
        }
    }

    /**
     * The object without what only exists once stored: server-set metadata, the owner's uid (render reads a file, not
     * a stored resource) and the operator's bookkeeping annotation of what it last wrote.
     */
    private String comparable(HasMetadata object) {
        HasMetadata copy = client.getKubernetesSerialization().clone(object);
        ObjectMeta meta = copy.getMetadata();
        meta.setResourceVersion(null);
        meta.setUid(null);
        meta.setCreationTimestamp(null);
        meta.setGeneration(null);
        meta.setManagedFields(null);
        if (meta.getAnnotations() != null) {
            meta.getAnnotations().remove("strimzi.io/desired-hash");
            if (meta.getAnnotations().isEmpty()) {
                meta.setAnnotations(null);
            }
        }
        meta.getOwnerReferences().forEach(owner -> owner.setUid(null));
        return client.getKubernetesSerialization().asYaml(copy);
    }
}
