package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.CONFIG;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.cluster;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.connect;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.invalid;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.properties;
import static io.strimzi.operator.cluster.model.connect.ConnectModelFixture.toMap;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The worker configuration file in the Connect ConfigMap: Strimzi's defaults, the user's entries, what is refused, and
 * that nothing a user writes adds or changes a property (the group and topics: {@link WorkerConfigurationTest}).
 */
class WorkerPropertiesFileTest {
    @Test
    void configurationHoldsTheDefaultsTheUsersValuesAndTheOperatorsOwn() throws IOException {
        Properties properties = properties(cluster("""
                config:
                  group.id: my-group
                  key.converter.schemas.enable: false
                  offset.flush.interval.ms: 10000
                """));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("bootstrap.servers", "my-kafka:9092");
        expected.put("config.storage.topic", "connect-cluster-configs");
        expected.put("group.id", "my-group");
        expected.put("key.converter.schemas.enable", "false");
        expected.put("listeners", "http://:8083");
        expected.put("offset.flush.interval.ms", "10000");
        expected.put("offset.storage.topic", "connect-cluster-offsets");
        expected.put("plugin.path", "/opt/kafka/plugins");
        expected.put("rest.advertised.port", "8083");
        expected.put("status.storage.topic", "connect-cluster-status");
        expected.putAll(STRIMZI_DEFAULTS);
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(toMap(properties)));
    }

    /** What every worker configuration holds besides the group, topics and the operator's wiring: Strimzi's defaults. */
    static final Map<String, String> STRIMZI_DEFAULTS = Map.ofEntries(
            Map.entry("key.converter", "org.apache.kafka.connect.json.JsonConverter"),
            Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
            Map.entry("config.providers", "strimzienv,strimzifile,strimzidir"),
            Map.entry("config.providers.strimzienv.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider"),
            Map.entry("config.providers.strimzienv.param.allowlist.pattern", ".*"),
            Map.entry("config.providers.strimzifile.class", "org.apache.kafka.common.config.provider.FileConfigProvider"),
            Map.entry("config.providers.strimzidir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider"),
            Map.entry("config.providers.strimzidir.param.allowed.paths", "/opt/kafka"),
            Map.entry("rest.advertised.host.name", "${strimzienv:KAFKA_CONNECT_POD_IP}"),
            Map.entry("security.protocol", "PLAINTEXT"),
            Map.entry("producer.security.protocol", "PLAINTEXT"),
            Map.entry("consumer.security.protocol", "PLAINTEXT"),
            Map.entry("admin.security.protocol", "PLAINTEXT"));

    @Test
    void configurationTextIsStableAndReadable() {
        String text = cluster("config:\n  b: 2\n  a: 1\n").configMap().getData().get(KafkaConnectCluster.CONFIG_FILE);
        assertEquals("""
                a=1
                admin.security.protocol=PLAINTEXT
                b=2
                bootstrap.servers=my-kafka:9092
                config.providers=strimzienv,strimzifile,strimzidir
                config.providers.strimzidir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider
                config.providers.strimzidir.param.allowed.paths=/opt/kafka
                config.providers.strimzienv.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
                config.providers.strimzienv.param.allowlist.pattern=.*
                config.providers.strimzifile.class=org.apache.kafka.common.config.provider.FileConfigProvider
                config.storage.topic=connect-cluster-configs
                consumer.security.protocol=PLAINTEXT
                group.id=connect-cluster
                key.converter=org.apache.kafka.connect.json.JsonConverter
                listeners=http://:8083
                offset.storage.topic=connect-cluster-offsets
                plugin.path=/opt/kafka/plugins
                producer.security.protocol=PLAINTEXT
                rest.advertised.host.name=${strimzienv:KAFKA_CONNECT_POD_IP}
                rest.advertised.port=8083
                security.protocol=PLAINTEXT
                status.storage.topic=connect-cluster-status
                value.converter=org.apache.kafka.connect.json.JsonConverter
                """, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap.servers", "plugin.path", "rest.port", "listeners", "rest.advertised.port",
        "rest.advertised.host.name"})
    void operatorOwnedKeysAreRefusedWithTheFieldPath(String key) {
        assertEquals(".spec.config." + key + " is set by the operator and cannot be configured",
                invalid("config:\n  " + key + ": x\n").getMessage());
    }

    @Test
    void structuredAndEmptyKeysAreRefused() {
        assertEquals(".spec.config.my.keystore must be a string, number or boolean",
                invalid("config:\n  my.keystore:\n    a: b\n").getMessage());
        assertEquals(".spec.config.x must be a string, number or boolean", invalid("config:\n  x: [1, 2]\n").getMessage());
        assertEquals(".spec.config: a key must not be empty", invalid("config:\n  \"\": x\n").getMessage());
    }

    static Stream<Arguments> hostileEntries() {
        return Stream.of(
            arguments("group.id", "g\nplugin.path=/tmp/evil"),
            arguments("group.id", "g\rplugin.path=/tmp/evil"),
            arguments("group.id", "g\\\nplugin.path=/tmp/evil"),
            arguments("group.id", "g\u2028plugin.path=/tmp/evil"),
            arguments("group.id", " \t leading blanks and a trailing backslash\\"),
            arguments("group.id", "#not a comment"),
            arguments("group.id", "!not a comment"),
            arguments("group.id", "=:=:"),
            arguments("a\nplugin.path", "/tmp/evil"),
            arguments("a=plugin.path", "/tmp/evil"),
            arguments("a:b c", "x"),
            arguments("#comment", "x"),
            arguments("é ü", "ünïcödé 𝄞"));
    }

    /** Whatever a key or value holds, the file reads back as exactly the user's entry plus the operator's. */
    @ParameterizedTest
    @MethodSource("hostileEntries")
    void hostileKeysAndValuesCannotAddOrChangeProperties(String key, String value) throws IOException {
        KafkaConnect connect = connect("");
        connect.getSpec().setConfig(Map.of(key, value));
        Properties properties = properties(KafkaConnectCluster.fromCrd(connect, CONFIG, null, Map.of()));
        Map<String, String> read = toMap(properties);
        assertAll(
            () -> assertEquals(value, read.get(key)),
            () -> assertEquals("/opt/kafka/plugins", read.get("plugin.path")),
            () -> assertEquals("my-kafka:9092", read.get("bootstrap.servers")),
            () -> assertEquals((key.equals("group.id") ? 8 : 9) + STRIMZI_DEFAULTS.size(), read.size(), read.toString()));
    }

    @Test
    void aConfigurationChangeChangesThePodTemplate() {
        Deployment before = cluster("config:\n  offset.flush.interval.ms: 10000\n").deployment();
        Deployment same = cluster("config:\n  offset.flush.interval.ms: 10000\n").deployment();
        Deployment after = cluster("config:\n  offset.flush.interval.ms: 20000\n").deployment();
        String hash = KafkaConnectCluster.CONFIG_HASH_ANNOTATION;
        assertEquals(before.getSpec().getTemplate(), same.getSpec().getTemplate());
        assertEquals(64, before.getSpec().getTemplate().getMetadata().getAnnotations().get(hash).length());
        assertNotEquals(before.getSpec().getTemplate().getMetadata().getAnnotations().get(hash),
                after.getSpec().getTemplate().getMetadata().getAnnotations().get(hash));
    }
}
