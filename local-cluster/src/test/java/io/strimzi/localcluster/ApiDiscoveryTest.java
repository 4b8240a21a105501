package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery follows the CRD: every served version, the preferred one first, its subresources. */
class ApiDiscoveryTest {
    @Test
    @SuppressWarnings("unchecked")
    void aVersionTheCrdServesAppearsAndIsPreferredByKubernetesPriority() {
        ApiDiscovery discovery = new ApiDiscovery();
        discovery.register(crd());

        Map<String, Object> group = discovery.answer("/apis/example.io").orElseThrow();
        assertEquals(Map.of("groupVersion", "example.io/v1", "version", "v1"), group.get("preferredVersion"));
        assertEquals(List.of("v1", "v1beta2"), ((List<Map<String, String>>) group.get("versions")).stream().map(v -> v.get("version")).toList(),
                "served versions only (v1alpha1 is not served)");

        List<Map<String, Object>> v1 = (List<Map<String, Object>>) discovery.answer("/apis/example.io/v1").orElseThrow().get("resources");
        assertEquals(List.of("widgets", "widgets/status", "widgets/scale"), v1.stream().map(r -> r.get("name")).toList());
        assertEquals(List.of("wd"), v1.get(0).get("shortNames"));
        List<Map<String, Object>> beta = (List<Map<String, Object>>) discovery.answer("/apis/example.io/v1beta2").orElseThrow().get("resources");
        assertEquals(List.of("widgets", "widgets/status"), beta.stream().map(r -> r.get("name")).toList(), "no scale in v1beta2");
        assertTrue(discovery.answer("/apis/example.io/v1alpha1").isEmpty());
        assertTrue(discovery.scale("example.io", "v1", "widgets").isPresent());
        assertTrue(discovery.scale("example.io", "v1beta2", "widgets").isEmpty());
        assertTrue(discovery.answer("/apis/build.openshift.io").isEmpty());
    }

    @Test
    void versionPriorityIsKubernetes() {
        assertEquals(List.of("v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha1", "foo"),
                List.of("v1alpha1", "foo", "v1beta1", "v1", "v1beta2", "v2beta1", "v2").stream().sorted(ApiDiscovery.VERSION_PRIORITY).toList());
    }

    private static CustomResourceDefinition crd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets.example.io").endMetadata()
                .withNewSpec()
                    .withGroup("example.io")
                    .withScope("Namespaced")
                    .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").withShortNames("wd").endNames()
                    .addNewVersion().withName("v1alpha1").withServed(false).withStorage(false).endVersion()
                    .addNewVersion().withName("v1beta2").withServed(true).withStorage(true)
                        .withNewSubresources().withNewStatus().endStatus().endSubresources().endVersion()
                    .addNewVersion().withName("v1").withServed(true).withStorage(false)
                        .withNewSubresources().withNewStatus().endStatus()
                            .withNewScale().withSpecReplicasPath(".spec.replicas").withStatusReplicasPath(".status.replicas").endScale()
                        .endSubresources().endVersion()
                .endSpec()
                .build();
    }
}
