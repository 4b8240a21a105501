package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.api.kafka.model.template.PodTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Manual changes of what the operator owns are undone by the reconciliation their own event causes (no periodic pass
 * runs in these tests); what others add (labels, annotations, `kubectl rollout restart`'s) stays.
 */
class DriftRepairTest extends ConnectBuildTestBase {
    private static final String IMAGE = OUTPUT + "@" + DIGEST;

    private KafkaConnectAssemblyOperator op;

    @BeforeEach
    void buildOnce() {
        op = operator();
        apply(connectYaml("drift", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "drift", DIGEST);
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void aChangedImageAndReplicaCountAreRevertedAndOthersLabelsKept() {
        client.apps().deployments().inNamespace(NS).withName("drift-connect").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil.example.com/other:1");
            d.getSpec().setReplicas(7);
            d.getMetadata().getLabels().put("team", "payments");
            return d;
        });

        await().atMost(20, TimeUnit.SECONDS).until(() -> IMAGE.equals(image(deployment("drift"))) && deployment("drift").getSpec().getReplicas() == 2);
        assertEquals("payments", deployment("drift").getMetadata().getLabels().get("team"), "a label someone else added stays");
        assertEquals("True", condition("drift", "Ready").getStatus());
    }

    @Test
    void aRolloutRestartIsKeptAndCausesNoWriteButAChangedFieldIsStillRestored() throws InterruptedException {
        drainRequests();
        // What `kubectl rollout restart deployment/drift-connect` does.
        client.apps().deployments().inNamespace(NS).withName("drift-connect").edit(d -> {
            d.getSpec().getTemplate().getMetadata().getAnnotations().put("kubectl.kubernetes.io/restartedAt", "2026-12-01T10:00:00Z");
            return d;
        });
        reconcile(op, "drift");
        List<String> writes = writeRequests();
        assertEquals(1, writes.size(), "only the test's own edit: " + writes);

        client.apps().deployments().inNamespace(NS).withName("drift-connect").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        await().atMost(20, TimeUnit.SECONDS).until(() -> deployment("drift").getSpec().getReplicas() == 2);
        assertEquals("2026-12-01T10:00:00Z", deployment("drift").getSpec().getTemplate().getMetadata().getAnnotations()
                .get("kubectl.kubernetes.io/restartedAt"));
        assertEquals(IMAGE, image(deployment("drift")));
    }

    @Test
    void deletedObjectsAreRecreated() {
        Service service = client.services().inNamespace(NS).withName("drift-connect-api").get();
        ConfigMap dockerfile = client.configMaps().inNamespace(NS).withName("drift-connect-dockerfile").get();
        client.services().inNamespace(NS).withName("drift-connect-api").delete();
        client.configMaps().inNamespace(NS).withName("drift-connect-dockerfile").delete();
        client.serviceAccounts().inNamespace(NS).withName("drift-connect-build").delete();
        client.configMaps().inNamespace(NS).withName("drift-connect-config").delete();

        await().atMost(20, TimeUnit.SECONDS).until(() -> client.services().inNamespace(NS).withName("drift-connect-api").get() != null
                && client.configMaps().inNamespace(NS).withName("drift-connect-dockerfile").get() != null
                && client.serviceAccounts().inNamespace(NS).withName("drift-connect-build").get() != null
                && client.configMaps().inNamespace(NS).withName("drift-connect-config").get() != null);
        Service recreated = client.services().inNamespace(NS).withName("drift-connect-api").get();
        assertNotEquals(service.getMetadata().getUid(), recreated.getMetadata().getUid());
        assertEquals(service.getSpec().getPorts(), recreated.getSpec().getPorts());
        assertEquals(dockerfile.getData(), client.configMaps().inNamespace(NS).withName("drift-connect-dockerfile").get().getData());
        assertNull(buildPod("drift"), "the inputs are back, and the built revision needs no build");
        assertEquals(IMAGE, image(deployment("drift")));
    }

    @Test
    void aDeletedDeploymentComesBackOnTheBuiltImageWithoutABuild() throws InterruptedException {
        drainRequests();
        client.apps().deployments().inNamespace(NS).withName("drift-connect").delete();

        // The status names the image of the built revision.
        await().atMost(20, TimeUnit.SECONDS).until(() -> deployment("drift") != null);
        assertEquals(IMAGE, image(deployment("drift")));
        assertEquals(List.of(), podCreations(writeRequests()), "no build");
    }

    @Test
    void aFieldTheOperatorStopsSettingIsRemoved() {
        client.resources(KafkaConnect.class).inNamespace(NS).withName("drift").edit(kc -> {
            KafkaConnectTemplate template = new KafkaConnectTemplate();
            PodTemplate pod = new PodTemplate();
            pod.setPriorityClassName("high");
            template.setPod(pod);
            kc.getSpec().setTemplate(template);
            return kc;
        });
        await().atMost(20, TimeUnit.SECONDS).until(() -> "high".equals(deployment("drift").getSpec().getTemplate().getSpec().getPriorityClassName()));

        client.resources(KafkaConnect.class).inNamespace(NS).withName("drift").edit(kc -> {
            kc.getSpec().setTemplate(null);
            return kc;
        });
        await().atMost(20, TimeUnit.SECONDS).until(() -> deployment("drift").getSpec().getTemplate().getSpec().getPriorityClassName() == null);
        assertEquals(IMAGE, image(deployment("drift")));
    }
}
