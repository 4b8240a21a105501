package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rack` with `clientRackInitImage` and `template.initContainer`/`clusterRoleBinding`; `jmxOptions` with `template.jmxSecret`. */
class ConnectRackAndJmxTest {
    private static final ClusterOperatorConfig CONFIG = WorkloadSpecs.CONFIG;
    private static final String RACK = "rack:\n  topologyKey: topology.kubernetes.io/zone\n";
    private static final String JMX = "jmxOptions:\n  authentication:\n    type: password\n";

    private static KafkaConnect connect(String spec) {
        return WorkloadSpecs.connect(spec);
    }

    private static KafkaConnectCluster cluster(String spec, ReferencedResources referenced) {
        return WorkloadSpecs.cluster(spec, referenced);
    }

    private static KafkaConnectCluster cluster(String spec) {
        return cluster(spec, ReferencedResources.builder().build());
    }

    private static String message(String spec) {
        return assertThrows(InvalidResourceException.class, () -> cluster(spec)).getMessage();
    }

    private static PodSpec pod(KafkaConnectCluster cluster) {
        return cluster.deployment().getSpec().getTemplate().getSpec();
    }

    private static <T extends HasMetadata> List<T> objectsOf(KafkaConnectCluster cluster, Class<T> type) {
        return cluster.objects().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Properties worker(KafkaConnectCluster cluster) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(cluster.configMap().getData().get(KafkaConnectCluster.CONFIG_FILE)));
        return properties;
    }

    @Test
    void rackAddsTheInitContainerItsVolumeAndClientRack() throws IOException {
        KafkaConnectCluster cluster = cluster(RACK);
        PodSpec pod = pod(cluster);
        assertEquals(1, pod.getInitContainers().size());
        Container init = pod.getInitContainers().get(0);
        assertEquals("kafka-init", init.getName());
        assertEquals(CONFIG.kafkaInitImage(), init.getImage());
        assertEquals("quay.io/strimzi/operator:0.49.0", init.getImage(), "the operator's own image, as Strimzi's default");
        assertEquals(List.of("/opt/strimzi/bin/kafka_init_run.sh"), init.getCommand());
        EnvVar node = init.getEnv().get(0);
        assertEquals("NODE_NAME", node.getName());
        assertEquals("spec.nodeName", node.getValueFrom().getFieldRef().getFieldPath());
        assertEquals(new EnvVar("RACK_TOPOLOGY_KEY", "topology.kubernetes.io/zone", null), init.getEnv().get(1));
        assertEquals("/opt/kafka/init", init.getVolumeMounts().get(0).getMountPath());
        assertNull(init.getVolumeMounts().get(0).getReadOnly(), "the init container writes the file");

        assertTrue(pod.getVolumes().stream().anyMatch(v -> "rack-volume".equals(v.getName()) && v.getEmptyDir() != null));
        Container connect = pod.getContainers().get(0);
        assertTrue(connect.getVolumeMounts().stream().anyMatch(m -> "rack-volume".equals(m.getName())
                && "/opt/kafka/init".equals(m.getMountPath()) && Boolean.TRUE.equals(m.getReadOnly())));
        assertEquals("${strimzidir:/opt/kafka/init:rack.id}", worker(cluster).getProperty("consumer.client.rack"));
    }

    @Test
    void withoutRackThereIsNoInitContainerNorBinding() throws IOException {
        KafkaConnectCluster cluster = cluster("");
        assertNull(pod(cluster).getInitContainers());
        assertEquals(List.of(), objectsOf(cluster, ClusterRoleBinding.class));
        assertNull(worker(cluster).getProperty("consumer.client.rack"));
    }

    @Test
    void theClusterRoleBindingBindsThePodsServiceAccountToStrimziKafkaClient() {
        KafkaConnectCluster cluster = cluster(RACK + """
                template:
                  clusterRoleBinding:
                    metadata:
                      labels: {team: payments}
                      annotations: {note: rack}
                """);
        List<ClusterRoleBinding> bindings = objectsOf(cluster, ClusterRoleBinding.class);
        assertEquals(1, bindings.size());
        ClusterRoleBinding binding = bindings.get(0);
        assertEquals("strimzi-kafka-my-connect-connect-init", binding.getMetadata().getName());
        assertNull(binding.getMetadata().getNamespace(), "cluster-scoped");
        assertNull(binding.getMetadata().getOwnerReferences(), "no owner reference from a cluster-scoped object to a namespaced one");
        assertEquals("payments", binding.getMetadata().getLabels().get("team"));
        assertEquals("my-connect", binding.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals("KafkaConnect", binding.getMetadata().getLabels().get("strimzi.io/kind"));
        assertEquals(Map.of("note", "rack"), binding.getMetadata().getAnnotations());
        assertEquals("ClusterRole", binding.getRoleRef().getKind());
        assertEquals("strimzi-kafka-client", binding.getRoleRef().getName());
        assertEquals(1, binding.getSubjects().size());
        assertEquals("ServiceAccount", binding.getSubjects().get(0).getKind());
        assertEquals(cluster.serviceAccount().getMetadata().getName(), binding.getSubjects().get(0).getName());
        assertEquals("kafka", binding.getSubjects().get(0).getNamespace());
    }

    @Test
    void clientRackInitImageAndTheInitContainerTemplateApply() {
        KafkaConnectCluster cluster = cluster(RACK + """
                clientRackInitImage: registry.example.com/strimzi/operator:0.49.0
                template:
                  pod:
                    volumes:
                      - name: extra
                        emptyDir: {}
                  initContainer:
                    env:
                      - name: HTTPS_PROXY
                        value: http://proxy:3128
                    volumeMounts:
                      - name: extra
                        mountPath: /extra
                    securityContext:
                      runAsUser: 1001
                """);
        Container init = pod(cluster).getInitContainers().get(0);
        assertEquals("registry.example.com/strimzi/operator:0.49.0", init.getImage());
        assertEquals(new EnvVar("HTTPS_PROXY", "http://proxy:3128", null), init.getEnv().get(2));
        assertEquals("/extra", init.getVolumeMounts().get(1).getMountPath());
        assertEquals(1001L, init.getSecurityContext().getRunAsUser());
    }

    @Test
    void theOperatorConfigurationSetsTheDefaultInitImage() {
        ClusterOperatorConfig config = ClusterOperatorConfig.fromMap(Map.of(ClusterOperatorConfig.STRIMZI_DEFAULT_KAFKA_INIT_IMAGE,
                "mirror.example.com/operator:1"), "0.49.0");
        assertEquals("mirror.example.com/operator:1", KafkaConnectCluster.fromCrd(connect(RACK), config, null, Map.of())
                .deployment().getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage());
    }

    @Test
    void invalidRackFieldsAreRefusedNamingThem() {
        assertTrue(message("rack:\n  topologyKey: \"bad key\"\n").startsWith(".spec.rack.topologyKey must be a node label key"));
        assertTrue(message(RACK + "clientRackInitImage: \"Not An Image\"\n").startsWith(".spec.clientRackInitImage"));
        assertEquals(".spec.config.consumer.client.rack is set by the operator for .spec.rack and cannot be configured with it",
                message(RACK + "config:\n  consumer.client.rack: a\n"));
        assertEquals(".spec.template.initContainer.env[0].name NODE_NAME is set by the operator (from .spec.rack)",
                message(RACK + "template:\n  initContainer:\n    env: [{name: NODE_NAME, value: x}]\n"));
        assertTrue(message(RACK + "template:\n  initContainer:\n    volumeMounts: [{name: nope, mountPath: /x}]\n")
                .startsWith(".spec.template.initContainer.volumeMounts[0].name 'nope' is not a volume of .spec.template.pod.volumes"));
        assertEquals(".spec.clientRackInitImage, .spec.template.initContainer, .spec.template.clusterRoleBinding apply with .spec.rack "
                + "(the rack init container and its ClusterRoleBinding); set .spec.rack or remove them",
                message("clientRackInitImage: quay.io/strimzi/operator:1\ntemplate:\n  initContainer: {}\n  clusterRoleBinding: {}\n"));
    }

    @Test
    void jmxWithoutAuthenticationOpensThePortOnly() {
        KafkaConnectCluster cluster = cluster("jmxOptions: {}\n");
        Container connect = pod(cluster).getContainers().get(0);
        assertTrue(connect.getPorts().stream().anyMatch(p -> "jmx".equals(p.getName()) && p.getContainerPort() == 9999));
        assertTrue(cluster.service().getSpec().getPorts().stream().anyMatch(p -> "jmx".equals(p.getName()) && p.getPort() == 9999
                && p.getTargetPort().getIntVal() == 9999));
        assertTrue(connect.getEnv().contains(new EnvVar("STRIMZI_JMX_ENABLED", "true", null)));
        assertFalse(connect.getEnv().stream().anyMatch(v -> v.getName().startsWith("STRIMZI_JMX_USERNAME")));
        assertEquals(List.of(), objectsOf(cluster, Secret.class));
    }

    @Test
    void jmxPasswordAuthenticationKeepsAGeneratedSecretReferencedByTheContainer() {
        KafkaConnectCluster cluster = cluster(JMX + "template:\n  jmxSecret:\n    metadata:\n      labels: {team: ops}\n");
        List<Secret> secrets = objectsOf(cluster, Secret.class);
        assertEquals(1, secrets.size());
        Secret secret = secrets.get(0);
        assertEquals("my-connect-connect-jmx", secret.getMetadata().getName());
        assertEquals("kafka", secret.getMetadata().getNamespace());
        assertEquals("ops", secret.getMetadata().getLabels().get("team"));
        assertEquals("KafkaConnect", secret.getMetadata().getOwnerReferences().get(0).getKind());
        String username = decode(secret, "jmx-username");
        String password = decode(secret, "jmx-password");
        assertTrue(username.matches("[A-Za-z0-9]{16}"), username);
        assertTrue(password.matches("[A-Za-z0-9]{32}"), "a generated password of 32 letters and digits");

        Container connect = pod(cluster).getContainers().get(0);
        EnvVar user = connect.getEnv().stream().filter(v -> "STRIMZI_JMX_USERNAME".equals(v.getName())).findFirst().orElseThrow();
        EnvVar pass = connect.getEnv().stream().filter(v -> "STRIMZI_JMX_PASSWORD".equals(v.getName())).findFirst().orElseThrow();
        assertNull(pass.getValue(), "never a value");
        assertEquals("my-connect-connect-jmx", pass.getValueFrom().getSecretKeyRef().getName());
        assertEquals("jmx-password", pass.getValueFrom().getSecretKeyRef().getKey());
        assertEquals("jmx-username", user.getValueFrom().getSecretKeyRef().getKey());
        String podSpec = cluster.deployment().toString() + cluster.configMap().toString();
        assertFalse(podSpec.contains(password), "the password is only in the Secret");
    }

    @Test
    void existingCredentialsAreKeptAndTheirHashRollsNothing() {
        KafkaConnectCluster first = cluster(JMX);
        Secret generated = objectsOf(first, Secret.class).get(0);
        Map<String, String> data = Map.of("jmx-username", decode(generated, "jmx-username"), "jmx-password", decode(generated, "jmx-password"));
        ReferencedResources found = ReferencedResources.builder().secret("my-connect-connect-jmx", generated.getData(), null).build();
        KafkaConnectCluster second = cluster(JMX, found);
        assertEquals(generated.getData(), objectsOf(second, Secret.class).get(0).getData(), "kept, not generated again");
        assertEquals(first.deployment().getSpec().getTemplate().getMetadata().getAnnotations(),
                second.deployment().getSpec().getTemplate().getMetadata().getAnnotations(),
                "the pods are not rolled once the Secret exists: the hash was of the credentials written");

        ReferencedResources changed = ReferencedResources.builder().secret("my-connect-connect-jmx", Map.of(
                "jmx-username", encode(data.get("jmx-username")), "jmx-password", encode("rotated-by-the-user")), null).build();
        assertNotEquals(first.deployment().getSpec().getTemplate().getMetadata().getAnnotations(),
                cluster(JMX, changed).deployment().getSpec().getTemplate().getMetadata().getAnnotations(),
                "a changed password rolls the pods, which read it at start");
        ReferencedResources emptied = ReferencedResources.builder().secret("my-connect-connect-jmx", Map.of("jmx-username", encode("u")), null).build();
        assertEquals(32, decode(objectsOf(cluster(JMX, emptied), Secret.class).get(0), "jmx-password").length(),
                "a Secret without a password gets new credentials");
    }

    @Test
    void renderShowsTheSecretWithoutCredentials() {
        Secret secret = objectsOf(cluster(JMX, ReferencedResources.notRead()), Secret.class).get(0);
        assertNull(secret.getData(), "render has no cluster: the operator generates the credentials there");
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
