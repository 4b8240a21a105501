package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.PodSecurityProfile;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Connect Pod refuses, as the API server would, and the security profile's defaults. */
class ConnectPodRulesTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ClusterOperatorConfig CONFIG = ClusterOperatorConfig.builder("0.49.0").build();

    private static KafkaConnect connect(String spec) {
        return SERIALIZATION.unmarshal("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: c
                  namespace: kafka
                spec:
                  bootstrapServers: my-kafka:9092
                """ + spec.indent(2), KafkaConnect.class);
    }

    private static String refusal(String spec) {
        return assertThrows(InvalidResourceException.class,
                () -> KafkaConnectCluster.fromCrd(connect(spec), CONFIG, null, Map.of())).getMessage();
    }

    private static Container container(String spec, ClusterOperatorConfig config) {
        return KafkaConnectCluster.fromCrd(connect(spec), config, null, Map.of()).deployment().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
    }

    @Test
    void restrictedProfileGivesTheContainerTheRestrictedSecurityContextUnlessTheTemplateSetsOne() {
        ClusterOperatorConfig restricted = ClusterOperatorConfig.builder("0.49.0").podSecurityProfile(PodSecurityProfile.RESTRICTED).build();
        Container container = container("", restricted);
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, container.getSecurityContext().getRunAsNonRoot());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        assertEquals("RuntimeDefault", container.getSecurityContext().getSeccompProfile().getType());
        assertNull(container("", CONFIG).getSecurityContext(), "baseline: Kubernetes' defaults");
        assertEquals(1000L, container("template:\n  connectContainer:\n    securityContext: {runAsUser: 1000}\n", restricted)
                .getSecurityContext().getRunAsUser());
        assertNull(container("template:\n  connectContainer:\n    securityContext: {runAsUser: 1000}\n", restricted)
                .getSecurityContext().getCapabilities(), "the template's replaces the profile's");
    }

    @Test
    void requestsAboveLimitsAreRefusedNamingBoth() {
        assertEquals(".spec.resources.requests.cpu (2) is above .spec.resources.limits.cpu (1500m); a request must not exceed "
                + "its limit", refusal("resources:\n  requests: {cpu: '2'}\n  limits: {cpu: 1500m}\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plugins: [{name: pl, artifacts: [{type: image, reference: 'quay.io/Example/x:1'}]}]|.spec.plugins[0].artifacts[0].reference: 'quay.io/Example/x:1' is not a valid image reference",
        "plugins: [{name: P, artifacts: [{type: image, reference: 'quay.io/x:1'}]}]|.spec.plugins[0].name: 'P' is not a valid plugin name",
        "plugins: [{name: pl, artifacts: [{type: image, reference: 'quay.io/x:1'}]}, {name: pl, artifacts: [{type: image, reference: 'quay.io/y:1'}]}]|.spec.plugins[1].name: the name 'pl' is already used by .spec.plugins[0].name",
        "plugins: [{name: pl, artifacts: [{type: image, reference: 'quay.io/x:1'}, {type: image, reference: 'quay.io/x:1'}]}]|.spec.plugins[0].artifacts[1] is the same image as .spec.plugins[0].artifacts[0]",
        "plugins: [{name: pl, artifacts: [{type: image, reference: 'quay.io/x:1', pullPolicy: Sometimes}]}]|.spec.plugins[0].artifacts[0].pullPolicy must be Always, Never or IfNotPresent",
        "plugins: [{name: pl, artifacts: []}]|.spec.plugins[0].artifacts: each plugin needs at least one artifact",
        "template: {pod: {volumes: [{name: strimzi-tmp, emptyDir: {}}]}}|.spec.template.pod.volumes[0].name 'strimzi-tmp' is the name of a volume the operator adds",
        "template: {connectContainer: {volumeMounts: [{name: nope, mountPath: /x}]}}|.spec.template.connectContainer.volumeMounts[0].name 'nope' is not a volume of .spec.template.pod.volumes (it has none)",
        "template: {pod: {volumes: [{name: v, emptyDir: {}}]}, connectContainer: {volumeMounts: [{name: v, mountPath: /opt/kafka/custom-config}]}}|.spec.template.connectContainer.volumeMounts[0].mountPath '/opt/kafka/custom-config' is where the operator mounts",
        "template: {connectContainer: {env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}, configMapKeyRef: {name: c, key: k}}}]}}|.spec.template.connectContainer.env[0].valueFrom must set exactly one of secretKeyRef and configMapKeyRef",
        "template: {connectContainer: {env: [{name: A, value: x, valueFrom: {secretKeyRef: {name: s, key: k}}}]}}|.spec.template.connectContainer.env[0] must set value or valueFrom, not both",
        "template: {connectContainer: {env: [{name: KAFKA_CONNECT_X, valueFrom: {secretKeyRef: {name: s, key: k}}}]}}|.spec.template.connectContainer.env[0].name KAFKA_CONNECT_X is reserved for the operator"})
    void invalidPluginsVolumesMountsAndVariablesAreRefusedNamingTheField(String spec, String expected) {
        String message = refusal(spec + "\n");
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void aMountedPluginDirectoryIsNamedLikeABuildsWhichMayShareThePlugin() {
        Container container = container("plugins: [{name: shared, artifacts: [{type: image, reference: 'quay.io/x:1'}]}]\n", CONFIG);
        String path = container.getVolumeMounts().get(container.getVolumeMounts().size() - 1).getMountPath();
        assertEquals("/opt/kafka/plugins/shared/" + io.strimzi.operator.cluster.model.connectbuild.PluginDirectory.hash("image", "quay.io/x:1"),
                path);
    }
}
