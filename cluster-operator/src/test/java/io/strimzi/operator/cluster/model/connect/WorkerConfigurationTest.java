package io.strimzi.operator.cluster.model.connect;

import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The group and storage topics: the `.spec` field wins, else `.spec.config`, else Strimzi's default (proposal 115). */
class WorkerConfigurationTest {
    private static final String FIELDS = """
            groupId: field-group
            configStorageTopic: field-configs
            offsetStorageTopic: field-offsets
            statusStorageTopic: field-status
            """;
    private static final String CONFIG = """
            config:
              group.id: config-group
              config.storage.topic: config-configs
              offset.storage.topic: config-offsets
              status.storage.topic: config-status
            """;

    private static KafkaConnectSpec spec(String apiVersion, String yaml) {
        return KafkaConnectReader.read("apiVersion: kafka.strimzi.io/" + apiVersion + "\nkind: KafkaConnect\n"
                + "metadata:\n  name: c\nspec:\n  replicas: 1\n  bootstrapServers: kafka:9092\n" + yaml.indent(2)).getSpec();
    }

    private static Map<String, String> worker(io.strimzi.api.kafka.model.connect.KafkaConnectSpec spec) {
        return WorkerConfiguration.of(spec, ReferencedResources.notRead());
    }

    private static Map<String, String> storage(Map<String, String> worker) {
        return Map.of("group.id", worker.get("group.id"), "config.storage.topic", worker.get("config.storage.topic"),
                "offset.storage.topic", worker.get("offset.storage.topic"), "status.storage.topic", worker.get("status.storage.topic"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v1beta2"})
    void theFieldsWinOverTheConfigKeys(String version) {
        assertEquals(Map.of("group.id", "field-group", "config.storage.topic", "field-configs",
                "offset.storage.topic", "field-offsets", "status.storage.topic", "field-status"),
                storage(worker(spec(version, FIELDS + CONFIG))));
        assertEquals(Map.of("group.id", "field-group", "config.storage.topic", "field-configs",
                "offset.storage.topic", "field-offsets", "status.storage.topic", "field-status"),
                storage(worker(spec(version, FIELDS))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1beta2"})
    void withoutTheFieldsTheConfigKeysThenStrimzisDefaultsApply(String version) {
        assertEquals(Map.of("group.id", "config-group", "config.storage.topic", "config-configs",
                "offset.storage.topic", "config-offsets", "status.storage.topic", "config-status"),
                storage(worker(spec(version, CONFIG))));
        assertEquals(Map.of("group.id", "connect-cluster", "config.storage.topic", "connect-cluster-configs",
                "offset.storage.topic", "connect-cluster-offsets", "status.storage.topic", "connect-cluster-status"),
                storage(worker(spec(version, ""))));
        assertEquals("field-group", worker(spec(version, "groupId: field-group\n" + CONFIG)).get("group.id"));
        assertEquals("config-configs", worker(spec(version, "groupId: field-group\n" + CONFIG)).get("config.storage.topic"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v1beta2"})
    void anEmptyFieldIsRefused(String version) {
        assertEquals(".spec.groupId must not be empty", assertThrows(InvalidResourceException.class,
                () -> worker(spec(version, FIELDS.replace("field-group", "' '")))).getMessage());
    }
}
