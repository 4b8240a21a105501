package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** A KafkaConnect of the model tests (its spec given in YAML), what the model makes of it, and ways to read that. */
final class ConnectModelFixture {
    private ConnectModelFixture() {
    }

    static final String VERSION = "0.49.0";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final ClusterOperatorConfig CONFIG = ClusterOperatorConfig.builder(VERSION).build();
    static final String BUILT = "registry.example.com/team/connect@sha256:" + "ab".repeat(32);

    static KafkaConnect connect(String spec) {
        return SERIALIZATION.unmarshal("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: my-connect
                  namespace: kafka
                  uid: 0c6f8a4e-1111-2222-3333-444455556666
                  labels:
                    team: payments
                    strimzi.io/cluster: spoofed
                    app.kubernetes.io/name: spoofed
                spec:
                  bootstrapServers: my-kafka:9092
                """ + spec.indent(2), KafkaConnect.class);
    }

    static KafkaConnectCluster cluster(String spec) {
        return KafkaConnectCluster.fromCrd(connect(spec), CONFIG, null, Map.of());
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Properties properties(KafkaConnectCluster cluster) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(cluster.configMap().getData().get(KafkaConnectCluster.CONFIG_FILE)));
        return properties;
    }

    static InvalidResourceException invalid(String spec) {
        return assertThrows(InvalidResourceException.class, () -> cluster(spec));
    }

    static List<String> mounts(List<VolumeMount> mounts) {
        return mounts.stream().map(m -> m.getName() + ":" + m.getMountPath() + ":" + m.getReadOnly()).toList();
    }

    static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
