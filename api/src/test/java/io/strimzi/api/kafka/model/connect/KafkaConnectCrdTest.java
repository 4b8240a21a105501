package io.strimzi.api.kafka.model.connect;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.build.DownloadableArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.v1.KafkaConnectV1;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRD that the fabric8 crd-generator writes from the API classes: two versions of one kind. */
class KafkaConnectCrdTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static CustomResourceDefinition crd;
    private static Map<String, CustomResourceDefinitionVersion> versions;

    @BeforeAll
    static void loadGeneratedCrd() {
        crd = ApiTestFiles.unmarshal(SERIALIZATION, ApiTestFiles.generatedCrd(), CustomResourceDefinition.class);
        versions = new LinkedHashMap<>();
        crd.getSpec().getVersions().forEach(v -> versions.put(v.getName(), v));
    }

    private static JSONSchemaProps spec(String version) {
        return versions.get(version).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    @Test
    void namesTheKafkaConnectResourceWithBothVersions() {
        assertAll(
            () -> assertEquals("kafkaconnects.kafka.strimzi.io", crd.getMetadata().getName()),
            () -> assertEquals("kafka.strimzi.io", crd.getSpec().getGroup()),
            () -> assertEquals("KafkaConnect", crd.getSpec().getNames().getKind()),
            () -> assertEquals("kafkaconnects", crd.getSpec().getNames().getPlural()),
            () -> assertEquals("kafkaconnect", crd.getSpec().getNames().getSingular()),
            () -> assertEquals(List.of("kc"), crd.getSpec().getNames().getShortNames()),
            () -> assertEquals("Namespaced", crd.getSpec().getScope()),
            () -> assertEquals(Set.of(KafkaConnect.VERSION, KafkaConnectV1.VERSION), versions.keySet()),
            () -> assertTrue(versions.get("v1beta2").getServed() && versions.get("v1beta2").getStorage(), "v1beta2: served, storage"),
            () -> assertTrue(versions.get("v1").getServed() && !versions.get("v1").getStorage(), "v1: served, not storage"),
            // No conversion stanza: Kubernetes defaults it to strategy None (only the apiVersion changes), as Strimzi has it.
            () -> assertNull(crd.getSpec().getConversion()),
            () -> assertFalse(Boolean.TRUE.equals(versions.get("v1beta2").getDeprecated()), "v1beta2 is not marked deprecated"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1beta2", "v1"})
    void eachVersionHasStatusAndScaleSubresources(String version) {
        assertNotNull(versions.get(version).getSubresources().getStatus(), "status subresource");
        CustomResourceSubresourceScale scale = versions.get(version).getSubresources().getScale();
        assertNotNull(scale, "scale subresource");
        assertAll(
            () -> assertEquals(".spec.replicas", scale.getSpecReplicasPath()),
            () -> assertEquals(".status.replicas", scale.getStatusReplicasPath()),
            () -> assertEquals(".status.labelSelector", scale.getLabelSelectorPath()),
            // what the paths point to: an integer count and the selector string, in the status
            () -> assertEquals("integer", spec(version).getProperties().get("replicas").getType()),
            () -> assertEquals("integer", status(version).getProperties().get("replicas").getType()),
            () -> assertEquals("string", status(version).getProperties().get("labelSelector").getType()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1beta2", "v1"})
    void eachVersionPrintsDesiredReplicasAndReady(String version) {
        Map<String, CustomResourceColumnDefinition> columns = new LinkedHashMap<>();
        versions.get(version).getAdditionalPrinterColumns().forEach(c -> columns.put(c.getName(), c));
        assertEquals(List.of("Desired replicas", "Ready"), List.copyOf(columns.keySet()));
        assertAll(
            () -> assertEquals(".spec.replicas", columns.get("Desired replicas").getJsonPath()),
            () -> assertEquals("integer", columns.get("Desired replicas").getType()),
            () -> assertEquals(".status.conditions[?(@.type==\"Ready\")].status", columns.get("Ready").getJsonPath()),
            () -> assertEquals("string", columns.get("Ready").getType()));
    }

    @Test
    void statusIsTheSameInBothVersions() {
        assertEquals(status("v1beta2"), status("v1"));
    }

    /**
     * With conversion None an object written through v1 is stored as v1beta2 and pruned by the v1beta2 schema, so
     * v1beta2 must hold every field of v1. v1 lacks exactly what Strimzi's v1 removed from KafkaConnect.
     */
    @Test
    void v1IsV1beta2WithoutWhatStrimziV1Removed() {
        Set<String> v1beta2 = fields("v1beta2");
        Set<String> v1 = fields("v1");
        Set<String> onlyInV1 = new TreeSet<>(v1);
        onlyInV1.removeAll(v1beta2);
        assertEquals(Set.of(), onlyInV1, "v1 fields that storage (v1beta2) would prune");

        Set<String> removed = new TreeSet<>(v1beta2);
        removed.removeAll(v1);
        Set<String> removedRoots = new TreeSet<>();
        removed.forEach(f -> {
            if (removed.stream().noneMatch(other -> f.startsWith(other + ".") || f.startsWith(other + "[]"))) {
                removedRoots.add(f);
            }
        });
        Set<String> expected = new TreeSet<>(Set.of(".spec.externalConfiguration", ".spec.template.deployment",
                ".spec.build.output.additionalKanikoOptions"));
        // the fields of authentication type oauth, which v1 does not have (its username and passwordSecret are shared)
        for (String oauth : List.of("accessToken", "accessTokenIsJwt", "accessTokenLocation", "audience", "clientAssertion",
                "clientAssertionLocation", "clientAssertionType", "clientId", "clientSecret", "connectTimeoutSeconds",
                "disableTlsHostnameVerification", "enableMetrics", "httpRetries", "httpRetryPauseMs", "includeAcceptHeader",
                "maxTokenExpirySeconds", "readTimeoutSeconds", "refreshToken", "saslExtensions", "scope", "tlsTrustedCertificates",
                "tokenEndpointUri")) {
            expected.add(".spec.authentication." + oauth);
        }
        assertEquals(expected, removedRoots);
        assertAll(
            () -> assertEquals(Set.of("tls", "scram-sha-256", "scram-sha-512", "plain", "custom"), enumValues(spec("v1").getProperties().get("authentication").getProperties().get("type"))),
            () -> assertEquals(Set.of("tls", "scram-sha-256", "scram-sha-512", "plain", "oauth", "custom"), enumValues(spec("v1beta2").getProperties().get("authentication").getProperties().get("type"))),
            () -> assertEquals(Set.of("opentelemetry"), enumValues(spec("v1").getProperties().get("tracing").getProperties().get("type"))),
            () -> assertEquals(Set.of("jaeger", "opentelemetry"), enumValues(spec("v1beta2").getProperties().get("tracing").getProperties().get("type"))));
    }

    @Test
    void v1RequiresWhatStrimziV1Requires() {
        assertEquals(List.of("spec"), versions.get("v1").getSchema().getOpenAPIV3Schema().getRequired());
        assertEquals(Set.of("replicas", "bootstrapServers", "groupId", "configStorageTopic", "offsetStorageTopic", "statusStorageTopic"),
                Set.copyOf(spec("v1").getRequired()));
        List<String> rootRequired = versions.get("v1beta2").getSchema().getOpenAPIV3Schema().getRequired();
        assertTrue(rootRequired == null || rootRequired.isEmpty(), "v1beta2 requires no spec: " + rootRequired);
        assertEquals(List.of("bootstrapServers"), spec("v1beta2").getRequired());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1beta2", "v1"})
    void replicasCannotBeNegative(String version) {
        JSONSchemaProps replicas = spec(version).getProperties().get("replicas");
        assertEquals("integer", replicas.getType());
        assertEquals(0.0, replicas.getMinimum());
    }

    @Test
    void buildRequiresOutputAndPlugins() {
        JSONSchemaProps build = spec("v1beta2").getProperties().get("build");
        // the generator sorts these lists; their order has no meaning
        assertEquals(Set.of("output", "plugins"), Set.copyOf(build.getRequired()));
        assertEquals(Set.of("type", "image"), Set.copyOf(output().getRequired()));
        assertEquals(Set.of("name", "artifacts"), Set.copyOf(plugin().getRequired()));
        assertEquals(Set.of("type"), Set.copyOf(artifact().getRequired()));
    }

    @Test
    void typesAreEnums() {
        assertAll(
            () -> assertEquals(Set.of("docker", "imagestream"), enumValues(output().getProperties().get("type"))),
            () -> assertEquals(Set.of("jar", "tgz", "zip", "other", "maven"), enumValues(artifact().getProperties().get("type"))),
            () -> assertEquals(Set.of("compile", "provided", "runtime", "test", "system"), enumValues(artifact().getProperties().get("includeScope"))),
            () -> assertEquals(Set.of("inline", "external"), enumValues(spec("v1beta2").getProperties().get("logging").getProperties().get("type"))),
            () -> assertEquals(Set.of("jmxPrometheusExporter", "strimziMetricsReporter"),
                    enumValues(spec("v1beta2").getProperties().get("metricsConfig").getProperties().get("type"))),
            () -> assertEquals(Set.of("image"), enumValues(spec("v1beta2").getProperties().get("plugins").getItems().getSchema().getProperties()
                    .get("artifacts").getItems().getSchema().getProperties().get("type"))));
    }

    @Test
    void pluginNameArtifactUrlAndChecksumHavePatterns() {
        assertAll(
            () -> assertEquals(Plugin.NAME_PATTERN, plugin().getProperties().get("name").getPattern()),
            () -> assertEquals(Plugin.NAME_PATTERN, spec("v1beta2").getProperties().get("plugins").getItems().getSchema().getProperties().get("name").getPattern()),
            () -> assertEquals(DownloadableArtifact.URL_PATTERN, artifact().getProperties().get("url").getPattern()),
            () -> assertEquals(DownloadableArtifact.SHA512_PATTERN, artifact().getProperties().get("sha512sum").getPattern()),
            () -> assertEquals(1L, plugin().getProperties().get("artifacts").getMinItems(), "at least one artifact"));
    }

    /** Strimzi's one-of rules, which the generator has no keyword for, are CEL rules. */
    @Test
    void oneOfRulesAreCelRules() {
        JSONSchemaProps template = spec("v1beta2").getProperties().get("template");
        JSONSchemaProps pod = template.getProperties().get("pod");
        JSONSchemaProps env = template.getProperties().get("connectContainer").getProperties().get("env").getItems().getSchema();
        JSONSchemaProps external = spec("v1beta2").getProperties().get("externalConfiguration");
        assertAll(
            () -> assertTrue(rules(pod.getProperties().get("volumes").getItems().getSchema()).contains("at most one volume source"
                    + " (secret, configMap, emptyDir, persistentVolumeClaim, csi or image)")),
            () -> assertTrue(rules(env).contains("value and valueFrom cannot both be set")),
            () -> assertTrue(rules(env.getProperties().get("valueFrom")).contains("exactly one of secretKeyRef and configMapKeyRef")),
            () -> assertTrue(rules(external.getProperties().get("volumes").getItems().getSchema()).contains("exactly one of secret and configMap")),
            () -> assertTrue(rules(spec("v1beta2").getProperties().get("tls").getProperties().get("trustedCertificates").getItems().getSchema())
                    .contains("exactly one of certificate and pattern")),
            () -> assertTrue(rules(artifact()).contains("includeScope and mirrors apply to maven artifacts only")));
    }

    @Test
    void describesKanikoOptionsAsDeprecatedAndGoneInV1() {
        Map<String, JSONSchemaProps> fields = output().getProperties();
        String kaniko = fields.get("additionalKanikoOptions").getDescription();
        String build = fields.get("additionalBuildOptions").getDescription();
        String push = fields.get("additionalPushOptions").getDescription();
        assertAll(
            () -> assertTrue(kaniko.startsWith("DEPRECATED, and not part of v1: use `additionalBuildOptions` instead"), kaniko),
            // the two new fields say what their phase is and which options are allowed
            () -> assertTrue(build.contains("The build phase") && build.contains("--tls-verify"), build),
            () -> assertTrue(push.contains("The push phase") && push.contains("--quiet"), push),
            () -> assertEquals("array", fields.get("additionalBuildOptions").getType()),
            () -> assertEquals("string", fields.get("additionalPushOptions").getItems().getSchema().getType()));
    }

    /** `kubectl apply` (client-side) stores the whole object in an annotation, which Kubernetes limits to 256 KiB. */
    @Test
    void fitsKubectlApplysLastAppliedAnnotation() throws Exception {
        String json = SERIALIZATION.asJson(SERIALIZATION.unmarshal(Files.readString(ApiTestFiles.generatedCrd()), CustomResourceDefinition.class));
        assertTrue(json.length() < 256 * 1024, json.length() + " bytes");
    }

    private static JSONSchemaProps status(String version) {
        return versions.get(version).getSchema().getOpenAPIV3Schema().getProperties().get("status");
    }

    private static Set<String> fields(String version) {
        Set<String> fields = new TreeSet<>();
        SchemaFields.documented(ApiTestFiles.readYamlTree(ApiTestFiles.generatedCrd()).at("/spec/versions")
                .valueStream().filter(v -> v.get("name").asString().equals(version)).findFirst().orElseThrow()
                .at("/schema/openAPIV3Schema"), "", fields);
        return fields;
    }

    private static List<String> rules(JSONSchemaProps props) {
        return props.getXKubernetesValidations() == null ? List.of()
                : props.getXKubernetesValidations().stream().map(r -> r.getMessage()).toList();
    }

    private static JSONSchemaProps output() {
        return spec("v1beta2").getProperties().get("build").getProperties().get("output");
    }

    private static JSONSchemaProps plugin() {
        return spec("v1beta2").getProperties().get("build").getProperties().get("plugins").getItems().getSchema();
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
