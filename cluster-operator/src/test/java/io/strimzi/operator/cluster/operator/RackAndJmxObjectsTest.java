package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.model.connect.ConnectJmx;
import io.strimzi.operator.cluster.model.connect.ConnectRack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The objects of `.spec.rack` (the cluster-scoped ClusterRoleBinding, which can have no owner reference) and of
 * `.spec.jmxOptions` (the JMX Secret with generated credentials) through their life against the API server: created,
 * restored after a change or a deletion, kept unchanged by later reconciliations, deleted with their field and (the
 * ClusterRoleBinding) with the KafkaConnect.
 */
class RackAndJmxObjectsTest extends ConnectBuildTestBase {
    private static final String NAME = "zoned";
    private static final String BINDING = ConnectRack.clusterRoleBindingName(NS, NAME);
    private static final String JMX_SECRET = ConnectJmx.secretName(NAME);

    private KafkaConnectAssemblyOperator op;

    private static String yaml(String name) {
        return """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  replicas: 0
                  bootstrapServers: my-cluster-kafka-bootstrap:9092
                  rack:
                    topologyKey: topology.kubernetes.io/zone
                  jmxOptions:
                    authentication:
                      type: password
                  template:
                    clusterRoleBinding:
                      metadata:
                        labels: {team: payments}
                """.formatted(name, NS);
    }

    private ClusterRoleBinding binding() {
        return client.rbac().clusterRoleBindings().withName(BINDING).get();
    }

    private Secret jmxSecret() {
        return client.secrets().inNamespace(NS).withName(JMX_SECRET).get();
    }

    private Map<String, String> podAnnotations() {
        return deployment(NAME).getSpec().getTemplate().getMetadata().getAnnotations();
    }

    @BeforeEach
    void createIt() {
        op = operator();
        apply(yaml(NAME));
        await().atMost(20, TimeUnit.SECONDS).until(() -> condition(NAME, "Ready") != null
                && "True".equals(condition(NAME, "Ready").getStatus()) && binding() != null && jmxSecret() != null);
    }

    @Test
    void bothAreCreatedAsTheModelDescribes() {
        ClusterRoleBinding binding = binding();
        assertEquals("strimzi-kafka-client", binding.getRoleRef().getName());
        assertEquals(NS, binding.getSubjects().get(0).getNamespace());
        assertEquals(NAME + "-connect", binding.getSubjects().get(0).getName());
        assertEquals("payments", binding.getMetadata().getLabels().get("team"));
        Secret secret = jmxSecret();
        assertEquals(2, secret.getData().size());
        assertEquals(NAME, secret.getMetadata().getOwnerReferences().get(0).getName());
        assertEquals("kafka-init", deployment(NAME).getSpec().getTemplate().getSpec().getInitContainers().get(0).getName());
    }

    @Test
    void laterReconciliationsKeepTheCredentialsAndWriteNothing() throws InterruptedException {
        Map<String, String> credentials = jmxSecret().getData();
        Map<String, String> annotations = podAnnotations();
        drainRequests();
        reconcile(op, NAME);
        reconcile(op, NAME);
        assertEquals(List.of(), writeRequests(), "an unchanged resource writes nothing");
        assertEquals(credentials, jmxSecret().getData());
        assertEquals(annotations, podAnnotations(), "the pods are not rolled");
    }

    @Test
    void aChangedOrDeletedBindingIsRestored() {
        client.rbac().clusterRoleBindings().withName(BINDING).edit(b -> {
            b.getSubjects().get(0).setName("someone-else");
            return b;
        });
        await().atMost(20, TimeUnit.SECONDS).until(() -> (NAME + "-connect").equals(binding().getSubjects().get(0).getName()));

        String uid = binding().getMetadata().getUid();
        client.rbac().clusterRoleBindings().withName(BINDING).delete();
        await().atMost(20, TimeUnit.SECONDS).until(() -> binding() != null && !uid.equals(binding().getMetadata().getUid()));
        assertEquals("strimzi-kafka-client", binding().getRoleRef().getName());
    }

    @Test
    void aDeletedJmxSecretGetsNewCredentialsAndRollsThePods() {
        Map<String, String> credentials = jmxSecret().getData();
        Map<String, String> annotations = podAnnotations();
        client.secrets().inNamespace(NS).withName(JMX_SECRET).delete();
        await().atMost(20, TimeUnit.SECONDS).until(() -> jmxSecret() != null && !credentials.equals(jmxSecret().getData()));
        await().atMost(20, TimeUnit.SECONDS).until(() -> !annotations.equals(podAnnotations()));
        assertNotEquals(annotations.get("strimzi.io/referenced-resources-hash"), podAnnotations().get("strimzi.io/referenced-resources-hash"));
    }

    @Test
    void removingTheFieldsDeletesTheirObjects() {
        client.resources(KafkaConnect.class).inNamespace(NS).withName(NAME).edit(kc -> {
            kc.getSpec().setRack(null);
            kc.getSpec().getTemplate().setClusterRoleBinding(null);
            kc.getSpec().setJmxOptions(null);
            return kc;
        });
        await().atMost(20, TimeUnit.SECONDS).until(() -> binding() == null && jmxSecret() == null);
        assertNull(deployment(NAME).getSpec().getTemplate().getSpec().getInitContainers().isEmpty() ? null : "init containers left");
        assertEquals("True", condition(NAME, "Ready").getStatus());
    }

    @Test
    void deletingTheKafkaConnectDeletesTheBinding() {
        client.resources(KafkaConnect.class).inNamespace(NS).withName(NAME).delete();
        await().atMost(20, TimeUnit.SECONDS).until(() -> binding() == null);
    }

    /** A KafkaConnect deleted while no operator ran: the next operator's first full reconciliation deletes its binding. */
    @Test
    void anOrphanedBindingIsDeletedAtTheFullReconciliation() {
        op.stop();
        client.resources(KafkaConnect.class).inNamespace(NS).withName(NAME).delete();
        ClusterRoleBinding orphan = new ClusterRoleBindingBuilder(binding()).editMetadata()
                .withName(ConnectRack.clusterRoleBindingName(NS, "gone")).withResourceVersion(null).withUid(null)
                .addToLabels("strimzi.io/cluster", "gone").endMetadata()
                .editFirstSubject().withName("gone-connect").endSubject().build();
        client.rbac().clusterRoleBindings().resource(orphan).create();
        ClusterRoleBinding foreign = new ClusterRoleBindingBuilder().withNewMetadata().withName("someone-elses").endMetadata()
                .addNewSubject().withKind("ServiceAccount").withName("x").withNamespace(NS).endSubject()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("view").endRoleRef().build();
        client.rbac().clusterRoleBindings().resource(foreign).create();
        // Another operator's, for a KafkaConnect of a namespace this one does not watch.
        ClusterRoleBinding otherNamespace = new ClusterRoleBindingBuilder(orphan).editMetadata()
                .withName(ConnectRack.clusterRoleBindingName("elsewhere", "gone")).endMetadata()
                .editFirstSubject().withNamespace("elsewhere").endSubject().build();
        client.rbac().clusterRoleBindings().resource(otherNamespace).create();

        operator(ClusterOperatorConfig.builder(OPERATOR_VERSION).namespaces(Set.of(NS)).operationTimeoutMs(10_000).build(),
                Platform.KUBERNETES, new BuildRetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30)));
        await().atMost(20, TimeUnit.SECONDS).until(() -> binding() == null
                && client.rbac().clusterRoleBindings().withName(orphan.getMetadata().getName()).get() == null);
        assertNotNull(client.rbac().clusterRoleBindings().withName("someone-elses").get(), "not the operator's: left alone");
        assertNotNull(client.rbac().clusterRoleBindings().withName(otherNamespace.getMetadata().getName()).get(),
                "of a namespace another operator watches: left alone");
    }
}
