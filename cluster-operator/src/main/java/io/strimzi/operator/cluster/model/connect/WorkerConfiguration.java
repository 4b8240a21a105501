package io.strimzi.operator.cluster.model.connect;

import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Connect worker configuration (`kafka-connect.properties`) of a KafkaConnect: `.spec.config`, the group and the
 * storage topics, and the keys the operator owns. Pure.
 *
 * <p>The group and the topics follow Strimzi (proposal 115): the `.spec` field wins, else the key of `.spec.config`,
 * else Strimzi's default. v1 requires the fields, so there the defaults never apply.
 */
final class WorkerConfiguration {
    /** Keys the operator owns; a user value would break the pods' wiring. */
    static final Set<String> OPERATOR_OWNED = Set.of("bootstrap.servers", "plugin.path", "rest.port",
            "listeners", "rest.advertised.port", "rest.advertised.host.name");

    /** A worker key that a `.spec` field sets, with Strimzi's default for when neither is set. */
    private record SpecKey(String key, String field, Function<KafkaConnectSpec, String> value, String defaultValue) {
    }

    private static final List<SpecKey> SPEC_KEYS = List.of(
            new SpecKey("group.id", ".spec.groupId", KafkaConnectSpec::getGroupId, "connect-cluster"),
            new SpecKey("config.storage.topic", ".spec.configStorageTopic", KafkaConnectSpec::getConfigStorageTopic,
                    "connect-cluster-configs"),
            new SpecKey("offset.storage.topic", ".spec.offsetStorageTopic", KafkaConnectSpec::getOffsetStorageTopic,
                    "connect-cluster-offsets"),
            new SpecKey("status.storage.topic", ".spec.statusStorageTopic", KafkaConnectSpec::getStatusStorageTopic,
                    "connect-cluster-status"));

    private WorkerConfiguration() {
    }

    /** The worker configuration as keys and values, sorted by key. */
    static Map<String, String> of(KafkaConnectSpec spec) {
        Map<String, String> props = new TreeMap<>();
        SPEC_KEYS.forEach(k -> props.put(k.key(), k.defaultValue()));
        if (spec.getConfig() != null) {
            for (Map.Entry<String, Object> e : spec.getConfig().entrySet()) {
                if (e.getKey() == null || e.getKey().isEmpty()) {
                    throw new InvalidResourceException(".spec.config: a key must not be empty");
                }
                if (OPERATOR_OWNED.contains(e.getKey())) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " is set by the operator and cannot be configured");
                }
                Object value = e.getValue();
                if (value instanceof Map || value instanceof List) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " must be a string, number or boolean");
                }
                props.put(e.getKey(), value == null ? "" : String.valueOf(value));
            }
        }
        for (SpecKey k : SPEC_KEYS) {
            String value = k.value().apply(spec);
            if (value != null) {
                if (value.isBlank()) {
                    throw new InvalidResourceException(k.field() + " must not be empty");
                }
                props.put(k.key(), value);
            }
        }
        props.put("bootstrap.servers", spec.getBootstrapServers().strip());
        props.put("plugin.path", KafkaConnectCluster.PLUGIN_PATH);
        props.put("listeners", "http://:" + KafkaConnectCluster.REST_API_PORT);
        props.put("rest.advertised.port", String.valueOf(KafkaConnectCluster.REST_API_PORT));
        return props;
    }

    /** The configuration in Java properties format, with stable ordering. */
    static String text(KafkaConnectSpec spec) {
        StringBuilder sb = new StringBuilder();
        of(spec).forEach((k, v) -> sb.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return sb.toString();
    }

    /**
     * Escapes for the properties format, so that no key or value can end its line or start another entry. In a value
     * `=`, `:`, `#` and `!` need no escape (only the first separator of a line counts), which keeps `host:port` readable.
     */
    static String escape(String s, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case '=', ':', '#', '!' -> {
                    if (key) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
