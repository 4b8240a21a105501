package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.BUILT;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.CONFIG;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.VERSION;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.cluster;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.connect;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.container;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.invalid;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.mounts;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The Connect Deployment, Service and ConfigMap, field by field, and what the model refuses (the worker configuration
 * itself: {@link WorkerPropertiesFileTest}).
 */
class KafkaConnectClusterTest {
    // ---- image and replicas ----

    @Test
    void builtImageWinsOverImageAndVersion() {
        KafkaConnectCluster cluster = KafkaConnectCluster.fromCrd(connect("image: my/own:1\nversion: 4.0.0\n"), CONFIG, BUILT, Map.of());
        assertEquals(BUILT, cluster.image());
        assertEquals(BUILT, container(cluster.deployment()).getImage());
    }

    @Test
    void specImageWinsOverVersion() {
        assertEquals("my/own:1", cluster("image: my/own:1\nversion: 4.0.0\n").image());
    }

    @Test
    void specImageIsCheckedStrictly() {
        // The one image grammar, as for a build's base image: no white space around it, no upper-case repository.
        for (String image : List.of("' my/own:1 '", "''", "quay.io/Strimzi/kafka:x", "'kafka:1\\nRUN id'")) {
            assertTrue(invalid("image: " + image + "\n").getMessage().startsWith(".spec.image: "), image);
        }
        assertEquals(".spec.image: 'quay.io/Strimzi/kafka:x' is not a valid image reference: 'Strimzi/kafka' is not a valid "
                + "repository name (lower-case letters, digits and separators, components separated by /)",
                invalid("image: quay.io/Strimzi/kafka:x\n").getMessage());
        assertTrue(invalid("image: bad image\n").getMessage().startsWith(".spec.image: "),
                "also when a build's image replaces it");
    }

    @Test
    void versionSelectsTheConfiguredImage() {
        assertEquals("quay.io/strimzi/kafka:0.49.0-kafka-4.0.0", cluster("version: 4.0.0\n").image());
    }

    @Test
    void withoutVersionTheNewestConfiguredVersionIsUsedWhateverTheOrder() {
        LinkedHashMap<String, String> images = new LinkedHashMap<>();
        images.put("4.10.0", "kafka:4.10.0");
        images.put("4.9.0", "kafka:4.9.0");
        ClusterOperatorConfig config = ClusterOperatorConfig.builder(VERSION).kafkaConnectImages(images).build();
        assertEquals("kafka:4.10.0", KafkaConnectCluster.fromCrd(connect(""), config, null, Map.of()).image());
        assertEquals("quay.io/strimzi/kafka:0.49.0-kafka-4.3.0", cluster("").image());
    }

    @Test
    void unknownVersionNamesTheFieldAndTheSupportedOnes() {
        assertEquals(".spec.version: unknown Kafka Connect version '3.0.0'; known versions: 4.0.0, 4.0.1, 4.1.0, 4.1.1, 4.1.2, "
                + "4.2.0, 4.3.0", invalid("version: 3.0.0\n").getMessage());
    }

    @Test
    void replicasDefaultToThreeAndNegativeIsRefused() {
        assertEquals(3, cluster("").replicas());
        assertEquals(3, cluster("").deployment().getSpec().getReplicas());
        assertEquals(0, cluster("replicas: 0\n").deployment().getSpec().getReplicas());
        assertEquals(".spec.replicas must not be negative, but is -1", invalid("replicas: -1\n").getMessage());
    }

    @Test
    void bootstrapServersAreRequired() {
        KafkaConnect connect = connect("");
        connect.getSpec().setBootstrapServers(" ");
        InvalidResourceException e = assertThrows(InvalidResourceException.class,
                () -> KafkaConnectCluster.fromCrd(connect, CONFIG, null, Map.of()));
        assertEquals(".spec.bootstrapServers is required", e.getMessage());
    }

    // ---- Deployment ----

    @Test
    void deploymentFieldByField() {
        KafkaConnectCluster cluster = KafkaConnectCluster.fromCrd(connect("replicas: 2\n"), CONFIG, BUILT,
                Map.of("strimzi.io/connect-build-revision", "0123456789abcdef"));
        Deployment deployment = cluster.deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = container(deployment);
        Map<String, String> selector = Map.of("strimzi.io/cluster", "my-connect", "strimzi.io/kind", "KafkaConnect",
                "strimzi.io/name", "my-connect-connect");
        assertAll(
            () -> assertEquals("my-connect-connect", deployment.getMetadata().getName()),
            () -> assertEquals("kafka", deployment.getMetadata().getNamespace()),
            () -> assertEquals(Map.of("strimzi.io/connect-build-revision", "0123456789abcdef"), deployment.getMetadata().getAnnotations()),
            () -> assertEquals(2, deployment.getSpec().getReplicas()),
            () -> assertEquals(selector, deployment.getSpec().getSelector().getMatchLabels()),
            () -> assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType()),
            () -> assertTrue(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet())),
            () -> assertEquals(1, pod.getContainers().size()),
            () -> assertEquals("kafka-connect", container.getName()),
            () -> assertEquals(BUILT, container.getImage()),
            () -> assertNull(container.getImagePullPolicy(), "left to Kubernetes unless configured"),
            () -> assertEquals(1, container.getPorts().size()),
            () -> assertEquals(8083, container.getPorts().get(0).getContainerPort()),
            () -> assertEquals("rest-api", container.getPorts().get(0).getName()),
            () -> assertEquals(List.of("/opt/kafka/kafka_connect_run.sh"), container.getCommand()),
            () -> assertTrue(container.getArgs() == null || container.getArgs().isEmpty()),
            () -> assertEquals(List.of(new EnvVar("KAFKA_CONNECT_CONFIGURATION_FILE",
                    "/opt/kafka/custom-config/kafka-connect.properties", null),
                    new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("KAFKA_CONNECT_POD_IP").withNewValueFrom()
                            .withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().build(),
                    new EnvVar("STRIMZI_KAFKA_GC_LOG_ENABLED", "false", null),
                    new EnvVar("KAFKA_HEAP_OPTS", "-Xms128M", null)), container.getEnv()),
            () -> assertEquals(List.of("kafka-connect-config:/opt/kafka/custom-config:true", "strimzi-tmp:/tmp:null"),
                    mounts(container.getVolumeMounts())),
            () -> assertEquals("my-connect-connect-config", pod.getVolumes().get(0).getConfigMap().getName()),
            () -> assertEquals("Memory", pod.getVolumes().get(1).getEmptyDir().getMedium()),
            () -> assertEquals("5Mi", pod.getVolumes().get(1).getEmptyDir().getSizeLimit().toString()),
            () -> assertNull(pod.getImagePullSecrets()));
    }

    @Test
    void probesAskTheRestApi() {
        Container container = container(cluster("").deployment());
        for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
            assertEquals("/", probe.getHttpGet().getPath());
            assertEquals(new IntOrString("rest-api"), probe.getHttpGet().getPort());
            assertEquals(5, probe.getTimeoutSeconds());
        }
        assertTrue(container.getLivenessProbe().getInitialDelaySeconds() > container.getReadinessProbe().getInitialDelaySeconds(),
                "liveness waits longer than readiness, so a slow start is not killed");
    }

    @Test
    void trustedCertificatesAreMountedOncePerSecret() {
        Deployment deployment = cluster("""
                tls:
                  trustedCertificates:
                    - secretName: cluster-ca
                      certificate: ca.crt
                    - secretName: other-ca
                      pattern: "*.pem"
                    - secretName: cluster-ca
                      certificate: second.crt
                """).deployment();
        Container container = container(deployment);
        List<Volume> volumes = deployment.getSpec().getTemplate().getSpec().getVolumes();
        assertAll(
            () -> assertEquals(List.of("kafka-connect-config:/opt/kafka/custom-config:true", "strimzi-tmp:/tmp:null",
                    "trusted-certs-0:/opt/kafka/connect-certs/cluster-ca:true", "trusted-certs-1:/opt/kafka/connect-certs/other-ca:true"),
                    mounts(container.getVolumeMounts())),
            () -> assertEquals(4, volumes.size()),
            () -> assertEquals("cluster-ca", volumes.get(2).getSecret().getSecretName()),
            () -> assertEquals("other-ca", volumes.get(3).getSecret().getSecretName()));
    }

    static Stream<Arguments> invalidCertificates() {
        return Stream.of(
            arguments("- secretName: Bad_Name\n  certificate: ca.crt", ".spec.tls.trustedCertificates[0].secretName must be a valid Secret name"),
            arguments("- secretName: ca\n", ".spec.tls.trustedCertificates[0] must set exactly one of certificate and pattern"),
            arguments("- secretName: ca\n  certificate: a.crt\n  pattern: '*.crt'", ".spec.tls.trustedCertificates[0] must set exactly one"),
            arguments("- secretName: ca\n  certificate: a.crt;b/c.crt", ".spec.tls.trustedCertificates[0].certificate must be a file name"),
            arguments("- secretName: ca\n  certificate: a.crt\n- secretName: ca\n  pattern: \"../*\"",
                    ".spec.tls.trustedCertificates[1].pattern must be a file name"));
    }

    @ParameterizedTest
    @MethodSource("invalidCertificates")
    void invalidTrustedCertificateNamesTheEntry(String entries, String expected) {
        String message = invalid("tls:\n  trustedCertificates:\n" + entries.indent(4)).getMessage();
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void templatesAreApplied() {
        Deployment deployment = cluster("""
                template:
                  deployment:
                    metadata:
                      labels: {tier: connect}
                      annotations: {owner: payments}
                  pod:
                    metadata:
                      labels: {pod-label: x, strimzi.io/name: spoofed}
                      annotations: {pod-annotation: y}
                    imagePullSecrets: [{name: template-pull}]
                    tolerations: [{key: dedicated, operator: Equal, value: connect, effect: NoSchedule}]
                    nodeSelector: {disk: ssd}
                    priorityClassName: high
                    tmpDirSizeLimit: 20Mi
                  connectContainer:
                    env: [{name: EXTRA, value: "1"}]
                    securityContext: {readOnlyRootFilesystem: true}
                """).deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Container container = container(deployment);
        assertAll(
            () -> assertEquals("connect", deployment.getMetadata().getLabels().get("tier")),
            () -> assertEquals("payments", deployment.getMetadata().getAnnotations().get("owner")),
            () -> assertEquals("x", podLabels.get("pod-label")),
            () -> assertEquals("my-connect-connect", podLabels.get("strimzi.io/name"), "selector labels cannot be overridden"),
            () -> assertEquals("y", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("pod-annotation")),
            () -> assertEquals(List.of(new LocalObjectReference("template-pull")), pod.getImagePullSecrets()),
            () -> assertEquals("dedicated", pod.getTolerations().get(0).getKey()),
            () -> assertEquals(Map.of("disk", "ssd"), pod.getNodeSelector()),
            () -> assertEquals("high", pod.getPriorityClassName()),
            () -> assertEquals("20Mi", pod.getVolumes().get(1).getEmptyDir().getSizeLimit().toString()),
            () -> assertEquals(new EnvVar("EXTRA", "1", null), container.getEnv().get(container.getEnv().size() - 1)),
            () -> assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem()));
    }

    @Test
    void pullSecretsAndPolicyComeFromTheConfigurationWithoutTemplate() {
        ClusterOperatorConfig config = ClusterOperatorConfig.builder(VERSION).imagePullSecrets(List.of("operator-pull"))
                .imagePullPolicy(ClusterOperatorConfig.ImagePullPolicy.Always).build();
        Deployment deployment = KafkaConnectCluster.fromCrd(connect(""), config, null, Map.of()).deployment();
        assertEquals(List.of(new LocalObjectReference("operator-pull")), deployment.getSpec().getTemplate().getSpec().getImagePullSecrets());
        assertEquals("Always", container(deployment).getImagePullPolicy());
    }

    @Test
    void reservedOrInvalidTemplateVariablesAreRefused() {
        assertEquals(".spec.template.connectContainer.env[1].name KAFKA_CONNECT_TRUSTED_CERTIFICATES is reserved for the operator (KAFKA_CONNECT_*)",
                invalid("template:\n  connectContainer:\n    env: [{name: OK, value: a}, {name: KAFKA_CONNECT_TRUSTED_CERTIFICATES, value: b}]\n")
                        .getMessage());
        assertEquals(".spec.template.connectContainer.env[0].name must be a valid environment variable name",
                invalid("template:\n  connectContainer:\n    env: [{name: \"A=B\", value: a}]\n").getMessage());
    }

    // ---- labels, Service, ConfigMap ----

    @Test
    void labelsCopyTheResourcesOwnButNotOperatorLabels() {
        for (Map<String, String> labels : List.of(cluster("").deployment().getMetadata().getLabels(),
                cluster("").service().getMetadata().getLabels(), cluster("").configMap().getMetadata().getLabels())) {
            assertEquals(Map.of("team", "payments",
                    "app.kubernetes.io/name", "kafka-connect",
                    "app.kubernetes.io/instance", "my-connect",
                    "app.kubernetes.io/part-of", "strimzi-my-connect",
                    "app.kubernetes.io/managed-by", "strimzi-cluster-operator",
                    "strimzi.io/cluster", "my-connect",
                    "strimzi.io/kind", "KafkaConnect",
                    "strimzi.io/name", "my-connect-connect"), labels);
        }
    }

    @Test
    void everyObjectIsOwnedByTheKafkaConnect() {
        KafkaConnectCluster cluster = cluster("");
        for (OwnerReference owner : List.of(cluster.deployment().getMetadata().getOwnerReferences().get(0),
                cluster.service().getMetadata().getOwnerReferences().get(0), cluster.configMap().getMetadata().getOwnerReferences().get(0))) {
            assertEquals("kafka.strimzi.io/v1beta2", owner.getApiVersion());
            assertEquals("KafkaConnect", owner.getKind());
            assertEquals("my-connect", owner.getName());
            assertEquals("0c6f8a4e-1111-2222-3333-444455556666", owner.getUid());
        }
    }

    @Test
    void serviceExposesTheRestApi() {
        Service service = cluster("template:\n  apiService:\n    metadata:\n      annotations: {lb: internal}\n").service();
        ServicePort port = service.getSpec().getPorts().get(0);
        assertAll(
            () -> assertEquals("my-connect-connect-api", service.getMetadata().getName()),
            () -> assertEquals("kafka", service.getMetadata().getNamespace()),
            () -> assertEquals(Map.of("lb", "internal"), service.getMetadata().getAnnotations()),
            () -> assertEquals("ClusterIP", service.getSpec().getType()),
            () -> assertEquals(1, service.getSpec().getPorts().size()),
            () -> assertEquals(8083, port.getPort()),
            () -> assertEquals(new IntOrString(8083), port.getTargetPort()),
            () -> assertEquals("TCP", port.getProtocol()),
            () -> assertEquals(KafkaConnectCluster.selectorLabels("my-connect"), service.getSpec().getSelector()),
            () -> assertEquals("http://my-connect-connect-api.kafka.svc:8083", KafkaConnectCluster.restApiUrl("kafka", "my-connect")),
            () -> assertEquals("strimzi.io/cluster=my-connect,strimzi.io/kind=KafkaConnect,strimzi.io/name=my-connect-connect",
                    KafkaConnectCluster.labelSelector("my-connect")));
    }

    @Test
    void configMapHoldsTheWorkerAndLoggingConfigurations() {
        ConfigMap configMap = cluster("").configMap();
        assertEquals("my-connect-connect-config", configMap.getMetadata().getName());
        assertEquals(java.util.Set.of(KafkaConnectCluster.CONFIG_FILE, "log4j2.properties"), configMap.getData().keySet());
        assertNull(configMap.getMetadata().getAnnotations());
    }
}
