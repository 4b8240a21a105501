package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What counts as a change of the fields the operator sets, and what an update keeps of the stored object. */
class OwnedFieldsTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("c-connect").withNamespace("kafka").addToLabels("app", "c")
                    .addToAnnotations("strimzi.io/connect-build-revision", "r1").endMetadata()
                .withNewSpec().withReplicas(2)
                    .withNewSelector().addToMatchLabels("app", "c").endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", "c").addToAnnotations("strimzi.io/connect-config-hash", "h").endMetadata()
                        .withNewSpec()
                            .addNewContainer().withName("kafka-connect").withImage("registry/connect@sha256:1")
                                .addNewPort().withName("rest-api").withContainerPort(8083).endPort()
                                .withNewResources().addToLimits("cpu", new Quantity("1")).addToRequests("memory", new Quantity("1Gi")).endResources()
                            .endContainer()
                            .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("5Mi")).endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    /** The deployment as an API server stores it: defaults, a status, server metadata. */
    private static Deployment stored(UnaryOperator<DeploymentBuilder> change) {
        return change.apply(new DeploymentBuilder(deployment())
                .editMetadata().withResourceVersion("17").withUid("u").withGeneration(3L).endMetadata()
                .editSpec().withRevisionHistoryLimit(10).withProgressDeadlineSeconds(600)
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString("25%")).endRollingUpdate().endStrategy()
                    .editTemplate().editSpec().withDnsPolicy("ClusterFirst").withRestartPolicy("Always")
                        .editFirstContainer().withTerminationMessagePath("/dev/termination-log").withImagePullPolicy("IfNotPresent")
                            .editFirstPort().withProtocol("TCP").endPort().endContainer()
                    .endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(2).withReadyReplicas(2).endStatus()).build();
    }

    private static String difference(HasMetadata desired, HasMetadata stored) {
        return OwnedFields.firstDifference(tree(desired), tree(stored));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(HasMetadata object) {
        return SERIALIZATION.convertValue(object, Map.class);
    }

    @Test
    void whatTheApiServerAddsIsNoDifference() {
        assertNull(difference(deployment(), stored(b -> b)));
    }

    @Test
    void labelsAndAnnotationsOthersAddAreNoDifferenceAndAreKeptByAnUpdate() {
        Deployment restarted = stored(b -> b.editMetadata().addToLabels("team", "payments").endMetadata()
                .editSpec().editTemplate().editMetadata().addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-12-01T10:00:00Z")
                .endMetadata().endTemplate().endSpec());
        assertNull(difference(deployment(), restarted));

        Deployment desired = new DeploymentBuilder(deployment()).editSpec().withReplicas(3).endSpec().build();
        Deployment merged = SERIALIZATION.convertValue(OwnedFields.merge(tree(desired), tree(restarted), List.of()), Deployment.class);
        assertEquals(3, merged.getSpec().getReplicas());
        assertEquals("payments", merged.getMetadata().getLabels().get("team"));
        assertEquals("2026-12-01T10:00:00Z", merged.getSpec().getTemplate().getMetadata().getAnnotations().get("kubectl.kubernetes.io/restartedAt"));
        assertEquals("h", merged.getSpec().getTemplate().getMetadata().getAnnotations().get("strimzi.io/connect-config-hash"));
        assertEquals("17", merged.getMetadata().getResourceVersion(), "the update carries the stored version: a stale one conflicts");
        assertEquals(2, merged.getStatus().getReplicas(), "the status is sent back unchanged (the mock server would store a missing one)");
    }

    @Test
    void aChangedFieldTheOperatorSetsIsADifference() {
        assertEquals("/spec/replicas", difference(deployment(), stored(b -> b.editSpec().withReplicas(7).endSpec())));
        assertEquals("/spec/template/spec/containers/0/image", difference(deployment(),
                stored(b -> b.editSpec().editTemplate().editSpec().editFirstContainer().withImage("evil.example.com/other:1")
                        .endContainer().endSpec().endTemplate().endSpec())));
        assertEquals("/metadata/labels/app", difference(deployment(), stored(b -> b.editMetadata().removeFromLabels("app").endMetadata())));
    }

    @Test
    void anAddedElementOfAListIsADifference() {
        assertEquals("/spec/template/spec/containers", difference(deployment(),
                stored(b -> b.editSpec().editTemplate().editSpec().addNewContainer().withName("sidecar").withImage("x").endContainer()
                        .endSpec().endTemplate().endSpec())));
    }

    @Test
    void mapsOfNamedValuesMustHaveExactlyTheDesiredKeys() {
        var configMap = new ConfigMapBuilder().withNewMetadata().withName("cm").endMetadata().addToData("a", "1").build();
        assertNull(difference(configMap, new ConfigMapBuilder(configMap).build()));
        assertEquals("/data", difference(configMap, new ConfigMapBuilder(configMap).addToData("extra", "2").build()));

        var service = new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec().addToSelector("app", "c")
                .addNewPort().withPort(8083).endPort().endSpec().build();
        var storedService = new ServiceBuilder(service).editSpec().withClusterIP("10.0.0.1").withType("ClusterIP")
                .editFirstPort().withProtocol("TCP").endPort().endSpec().build();
        assertNull(difference(service, storedService));
        assertEquals("/spec/selector", difference(service, new ServiceBuilder(storedService).editSpec().addToSelector("other", "x").endSpec().build()));
        assertEquals("/spec/template/spec/containers/0/resources/limits", difference(deployment(),
                stored(b -> b.editSpec().editTemplate().editSpec().editFirstContainer().editResources().addToLimits("memory", new Quantity("2Gi"))
                        .endResources().endContainer().endSpec().endTemplate().endSpec())));
    }

    @Test
    void quantitiesAreComparedByAmount() {
        Deployment canonical = stored(b -> b.editSpec().editTemplate().editSpec()
                .editFirstContainer().editResources().addToLimits("cpu", new Quantity("1000m")).addToRequests("memory", new Quantity("1024Mi"))
                .endResources().endContainer()
                .editFirstVolume().editEmptyDir().withSizeLimit(new Quantity("5242880")).endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec());
        assertNull(difference(deployment(), canonical));
        assertEquals("/spec/template/spec/containers/0/resources/limits/cpu", difference(deployment(),
                stored(b -> b.editSpec().editTemplate().editSpec().editFirstContainer().editResources().addToLimits("cpu", new Quantity("2"))
                        .endResources().endContainer().endSpec().endTemplate().endSpec())));
    }

    @Test
    void theOperatorsOwnAnnotationsAreOnlyWhatItSets() {
        // The build revision of a Deployment whose KafkaConnect no longer has .spec.build.
        Deployment withoutBuild = new DeploymentBuilder(deployment()).editMetadata().withAnnotations(Map.of()).endMetadata().build();
        assertEquals("/metadata/annotations/strimzi.io/connect-build-revision", difference(withoutBuild, stored(b -> b)));
        Deployment merged = SERIALIZATION.convertValue(OwnedFields.merge(tree(withoutBuild), tree(stored(b -> b)), List.of()), Deployment.class);
        assertNull(merged.getMetadata().getAnnotations() == null ? null
                : merged.getMetadata().getAnnotations().get("strimzi.io/connect-build-revision"));
    }

    @Test
    void anUpdateKeepsWhatTheApiServerOwnsAtThePreservedPaths() {
        var service = new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec().addToSelector("app", "c")
                .addNewPort().withPort(8084).endPort().endSpec().build();
        var stored = new ServiceBuilder(service).editSpec().withClusterIP("10.96.12.34").withClusterIPs("10.96.12.34")
                .editFirstPort().withPort(8083).endPort().endSpec().build();
        var merged = SERIALIZATION.convertValue(OwnedFields.merge(tree(service), tree(stored), OwnedKinds.SERVICES.preservedPaths()),
                io.fabric8.kubernetes.api.model.Service.class);
        assertEquals(8084, merged.getSpec().getPorts().get(0).getPort());
        assertEquals("10.96.12.34", merged.getSpec().getClusterIP());
        assertEquals(List.of("10.96.12.34"), merged.getSpec().getClusterIPs());
    }
}
