package io.strimzi.localkafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * Worker configurations in the form the operator writes its {@code kafka-connect.properties} (sorted keys, the
 * container's REST port and plugin path, Strimzi's JSON converters), plus what each scenario's {@code .spec.config}
 * adds. Storage topics with replication factor -1 (the broker's default), as Strimzi's examples for small clusters.
 */
final class WorkerConfigs {
    private WorkerConfigs() {
    }

    static String operatorStyle(String groupId, Map<String, String> extra) {
        Map<String, String> config = new TreeMap<>();
        config.put("bootstrap.servers", "my-cluster-kafka-bootstrap:9092");
        config.put("group.id", groupId);
        config.put("offset.storage.topic", groupId + "-offsets");
        config.put("config.storage.topic", groupId + "-configs");
        config.put("status.storage.topic", groupId + "-status");
        config.put("config.storage.replication.factor", "-1");
        config.put("offset.storage.replication.factor", "-1");
        config.put("status.storage.replication.factor", "-1");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("plugin.path", "/opt/kafka/plugins");
        config.put("listeners", "http://:8083");
        config.put("rest.advertised.port", "8083");
        config.putAll(extra);
        StringBuilder text = new StringBuilder();
        config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }
}
