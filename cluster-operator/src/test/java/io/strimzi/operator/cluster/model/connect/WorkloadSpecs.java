package io.strimzi.operator.cluster.model.connect;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.KafkaConnectReader;

import java.util.Map;

/** A KafkaConnect `my-connect` in namespace `kafka` with the given `.spec` lines, and its workload model. */
final class WorkloadSpecs {
    static final ClusterOperatorConfig CONFIG = ClusterOperatorConfig.builder("0.49.0").build();

    private WorkloadSpecs() {
    }

    /** @param spec lines of `.spec` besides `bootstrapServers: my-kafka:9093` */
    static KafkaConnect connect(String spec) {
        return KafkaConnectReader.read("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: my-connect
                  namespace: kafka
                spec:
                  bootstrapServers: my-kafka:9093
                """ + spec.indent(2));
    }

    static KafkaConnectCluster cluster(String spec, ReferencedResources referenced) {
        return KafkaConnectCluster.fromCrd(connect(spec), CONFIG, null, Map.of(), referenced);
    }
}
