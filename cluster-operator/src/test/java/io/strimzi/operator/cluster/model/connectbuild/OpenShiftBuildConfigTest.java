package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.ProxyConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.BUILDAH;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.DOCKERFILE;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.IMAGE;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.KANIKO;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.LABELS;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.OWNER;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.build;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.config;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.connect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.imageStreamConnect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.invalid;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.openShift;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.output;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.withTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The BuildConfig and BuildRequest of a build on OpenShift. */
class OpenShiftBuildConfigTest {
    @Test
    void openShiftBuildConfigForDockerOutput() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--not-used-on-openshift"));
        OpenShiftBuild build = openShift(connect, BUILDAH);

        assertEquals("openshift", build.builderName());
        assertEquals(List.of(build.buildConfig()), build.objects(), "no Pod, Dockerfile ConfigMap or ServiceAccount on OpenShift");
        assertNull(build.imageStreamName());
        GenericKubernetesResource buildConfig = build.buildConfig();
        assertEquals("build.openshift.io/v1", buildConfig.getApiVersion());
        assertEquals("BuildConfig", buildConfig.getKind());
        assertEquals("my-connect-connect-build", buildConfig.getMetadata().getName());
        assertEquals("kafka", buildConfig.getMetadata().getNamespace());
        assertEquals(LABELS, buildConfig.getMetadata().getLabels());
        assertEquals(Map.of(BuildNames.REVISION_ANNOTATION, build.revision()), buildConfig.getMetadata().getAnnotations());
        assertEquals(List.of(OWNER), buildConfig.getMetadata().getOwnerReferences());
        assertEquals(Map.of(
                "runPolicy", "Serial",
                "source", Map.of("type", "Dockerfile", "dockerfile", DOCKERFILE.content()),
                "strategy", Map.of("type", "Docker", "dockerStrategy", Map.of()),
                "output", Map.of("to", Map.of("kind", "DockerImage", "name", IMAGE), "pushSecret", Map.of("name", "push-creds")),
                "resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi")),
                "successfulBuildsHistoryLimit", 5,
                "failedBuildsHistoryLimit", 5), buildConfig.getAdditionalProperties().get("spec"));
        // Serialised in one order whatever the JVM (Map.of would not be): render output and desired-object hash are stable.
        String json = Serialization.asJson(buildConfig);
        assertTrue(json.contains("\"source\":{\"type\":\"Dockerfile\",\"dockerfile\":")
                && json.contains("\"strategy\":{\"type\":\"Docker\",\"dockerStrategy\":{}}"), json);
        // The same object after a round trip through JSON, as the operator reads it back.
        assertEquals(buildConfig.getAdditionalProperties(),
                Serialization.unmarshal(Serialization.asJson(buildConfig), GenericKubernetesResource.class).getAdditionalProperties());

        GenericKubernetesResource request = build.buildRequest();
        assertEquals("build.openshift.io/v1", request.getApiVersion());
        assertEquals("BuildRequest", request.getKind());
        assertEquals("my-connect-connect-build", request.getMetadata().getName());
        assertEquals("kafka", request.getMetadata().getNamespace());
        assertEquals(Map.of(BuildNames.REVISION_ANNOTATION, build.revision()), request.getMetadata().getAnnotations());
        assertEquals(LABELS, request.getMetadata().getLabels());

        assertEquals(build.revision(), openShift(connect, KANIKO).revision());
        assertEquals(build.buildConfig(), openShift(connect, KANIKO).buildConfig(),
                "the gate does not change the OpenShift build");
    }

    @Test
    void openShiftBuildConfigForImageStreamOutput() {
        OpenShiftBuild build = openShift(imageStreamConnect(), KANIKO);
        assertEquals("my-connect-build", build.imageStreamName());
        assertEquals("my-connect-build:latest", build.outputImage());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) build.buildConfig().getAdditionalProperties().get("spec");
        assertEquals(Map.of("to", Map.of("kind", "ImageStreamTag", "name", "my-connect-build:latest")), spec.get("output"));
        assertNull(spec.get("resources"));

        KafkaConnect invalid = imageStreamConnect();
        invalid.getSpec().getBuild().getOutput().setImage("no-tag");
        String message = assertThrows(InvalidResourceException.class,
                () -> openShift(invalid, KANIKO)).getMessage();
        assertTrue(message.startsWith(".spec.build.output.image: 'no-tag' is not an ImageStream and tag"), message);
    }

    @Test
    void openShiftTemplateProxiesAndPullSecret() {
        KafkaConnect connect = withTemplate("""
                buildConfig:
                  metadata:
                    labels: {team: a, strimzi.io/cluster: not-this}
                    annotations: {note: x}
                  pullSecret: base-pull
                """);
        ClusterOperatorConfig config = config("").proxy(new ProxyConfig("http://p:1", "http://p:2", "svc")).build();
        GenericKubernetesResource buildConfig = openShift(connect, config).buildConfig();
        Map<String, String> labels = new LinkedHashMap<>(LABELS);
        labels.put("team", "a");
        assertEquals(labels, buildConfig.getMetadata().getLabels());
        assertEquals("x", buildConfig.getMetadata().getAnnotations().get("note"));
        List<Map<String, String>> proxies = List.of(Map.of("name", "HTTP_PROXY", "value", "http://p:1"),
                Map.of("name", "HTTPS_PROXY", "value", "http://p:2"), Map.of("name", "NO_PROXY", "value", "svc"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) buildConfig.getAdditionalProperties().get("spec");
        // Build args only: the Docker strategy's env would become an ENV instruction of the image.
        assertEquals(Map.of("type", "Docker", "dockerStrategy", Map.of("buildArgs", proxies,
                "pullSecret", Map.of("name", "base-pull"))), spec.get("strategy"));
    }

    @Test
    void aProxyWithCredentialsIsNotPutInTheBuildConfigAndTheResourceIsWarned() {
        KafkaConnect connect = connect();
        ClusterOperatorConfig config = config("").proxy(new ProxyConfig("http://user:pw@p:1", "http://p:2", null)).build();
        OpenShiftBuild build = openShift(connect, config);
        String yaml = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asYaml(build.buildConfig());
        assertFalse(yaml.contains("user:pw"), yaml);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) build.buildConfig().getAdditionalProperties().get("spec");
        assertEquals(Map.of("type", "Docker", "dockerStrategy", Map.of("buildArgs", List.of(Map.of("name", "HTTPS_PROXY", "value", "http://p:2")))),
                spec.get("strategy"));
        assertEquals(List.of("ProxyCredentialsNotPassed"), build.warnings().stream().map(c -> c.getReason()).toList());
        assertTrue(build.warnings().get(0).getMessage().contains("HTTP_PROXY"), build.warnings().get(0).getMessage());
    }
}
