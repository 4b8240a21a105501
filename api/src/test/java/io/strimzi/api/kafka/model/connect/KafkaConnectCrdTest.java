package io.strimzi.api.kafka.model.connect;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.build.DownloadableArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRD that the fabric8 crd-generator writes from the API classes. */
class KafkaConnectCrdTest {
    private static CustomResourceDefinition crd;
    private static CustomResourceDefinitionVersion version;
    private static JSONSchemaProps spec;

    @BeforeAll
    static void loadGeneratedCrd() {
        crd = ApiTestFiles.unmarshal(new KubernetesSerialization(), ApiTestFiles.generatedCrd(), CustomResourceDefinition.class);
        assertEquals(1, crd.getSpec().getVersions().size(), "one served version");
        version = crd.getSpec().getVersions().get(0);
        spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    @Test
    void namesTheKafkaConnectResource() {
        assertAll(
            () -> assertEquals("kafkaconnects.kafka.strimzi.io", crd.getMetadata().getName()),
            () -> assertEquals("kafka.strimzi.io", crd.getSpec().getGroup()),
            () -> assertEquals("KafkaConnect", crd.getSpec().getNames().getKind()),
            () -> assertEquals("kafkaconnects", crd.getSpec().getNames().getPlural()),
            () -> assertEquals("kafkaconnect", crd.getSpec().getNames().getSingular()),
            () -> assertEquals(List.of("kc"), crd.getSpec().getNames().getShortNames()),
            () -> assertEquals("Namespaced", crd.getSpec().getScope()),
            () -> assertEquals("v1beta2", version.getName()),
            () -> assertTrue(version.getServed(), "served"),
            () -> assertTrue(version.getStorage(), "storage version"));
    }

    @Test
    void hasStatusAndScaleSubresources() {
        assertNotNull(version.getSubresources().getStatus(), "status subresource");
        CustomResourceSubresourceScale scale = version.getSubresources().getScale();
        assertNotNull(scale, "scale subresource");
        assertAll(
            () -> assertEquals(".spec.replicas", scale.getSpecReplicasPath()),
            () -> assertEquals(".status.replicas", scale.getStatusReplicasPath()),
            () -> assertEquals(".status.labelSelector", scale.getLabelSelectorPath()));
    }

    @Test
    void printsDesiredReplicasAndReady() {
        Map<String, CustomResourceColumnDefinition> columns = new LinkedHashMap<>();
        version.getAdditionalPrinterColumns().forEach(c -> columns.put(c.getName(), c));
        assertEquals(List.of("Desired replicas", "Ready"), List.copyOf(columns.keySet()));
        assertAll(
            () -> assertEquals(".spec.replicas", columns.get("Desired replicas").getJsonPath()),
            () -> assertEquals("integer", columns.get("Desired replicas").getType()),
            () -> assertEquals(".status.conditions[?(@.type==\"Ready\")].status", columns.get("Ready").getJsonPath()),
            () -> assertEquals("string", columns.get("Ready").getType()));
    }

    @Test
    void replicasCannotBeNegative() {
        JSONSchemaProps replicas = spec.getProperties().get("replicas");
        assertEquals("integer", replicas.getType());
        assertEquals(0.0, replicas.getMinimum());
    }

    @Test
    void buildRequiresOutputAndPlugins() {
        JSONSchemaProps build = spec.getProperties().get("build");
        // the generator sorts these lists; their order has no meaning
        assertEquals(Set.of("output", "plugins"), Set.copyOf(build.getRequired()));
        assertEquals(Set.of("type", "image"), Set.copyOf(output().getRequired()));
        assertEquals(Set.of("name", "artifacts"), Set.copyOf(plugin().getRequired()));
        assertEquals(Set.of("type"), Set.copyOf(artifact().getRequired()));
    }

    @Test
    void bothTypesAreEnums() {
        assertEquals(Set.of("docker", "imagestream"), enumValues(output().getProperties().get("type")));
        assertEquals(Set.of("jar", "tgz", "zip", "other", "maven"), enumValues(artifact().getProperties().get("type")));
    }

    @Test
    void pluginNameArtifactUrlAndChecksumHavePatterns() {
        assertAll(
            () -> assertEquals(Plugin.NAME_PATTERN, plugin().getProperties().get("name").getPattern()),
            () -> assertEquals(DownloadableArtifact.URL_PATTERN, artifact().getProperties().get("url").getPattern()),
            () -> assertEquals(DownloadableArtifact.SHA512_PATTERN, artifact().getProperties().get("sha512sum").getPattern()),
            () -> assertEquals(1L, plugin().getProperties().get("artifacts").getMinItems(), "at least one artifact"));
    }

    @Test
    void describesKanikoOptionsAsDeprecatedInFavourOfBuildOptions() {
        Map<String, JSONSchemaProps> fields = output().getProperties();
        String kaniko = fields.get("additionalKanikoOptions").getDescription();
        String build = fields.get("additionalBuildOptions").getDescription();
        String push = fields.get("additionalPushOptions").getDescription();
        assertAll(
            () -> assertTrue(kaniko.startsWith("DEPRECATED: use `additionalBuildOptions` instead"), kaniko),
            // the two new fields say what their phase is and which options are allowed
            () -> assertTrue(build.contains("The build phase") && build.contains("--tls-verify"), build),
            () -> assertTrue(push.contains("The push phase") && push.contains("--quiet"), push),
            () -> assertEquals("array", fields.get("additionalBuildOptions").getType()),
            () -> assertEquals("string", fields.get("additionalPushOptions").getItems().getSchema().getType()));
    }

    private static JSONSchemaProps output() {
        return spec.getProperties().get("build").getProperties().get("output");
    }

    private static JSONSchemaProps plugin() {
        return spec.getProperties().get("build").getProperties().get("plugins").getItems().getSchema();
    }

    private static JSONSchemaProps artifact() {
        return plugin().getProperties().get("artifacts").getItems().getSchema();
    }

    private static Set<String> enumValues(JSONSchemaProps property) {
        assertEquals("string", property.getType());
        List<String> values = property.getEnum().stream().map(JsonNode::asString).toList();
        assertEquals(values.size(), Set.copyOf(values).size(), "no value twice: " + values);
        return Set.copyOf(values);
    }
}
