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
    /**
     * Prefixes of the keys the operator writes from `.spec.tls` and `.spec.authentication` (Strimzi's forbidden
     * prefixes), for the worker and its clients; Strimzi's exceptions stay the user's.
     */
    static final List<String> SECURITY_PREFIXES = List.of("ssl.", "sasl.", "security.");
    static final Set<String> SECURITY_EXCEPTIONS = Set.of("ssl.endpoint.identification.algorithm", "ssl.cipher.suites",
            "ssl.protocol", "ssl.enabled.protocols");
    /** The variable with the pod's IP, which the workers advertise to each other (a Deployment's pods have no DNS names). */
    static final String POD_IP_ENV = "KAFKA_CONNECT_POD_IP";
    /** Strimzi's defaults: workers accept no configuration without converters. */
    static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    static final String TRACING_CONSUMER_INTERCEPTOR = "io.opentelemetry.instrumentation.kafkaclients.v2_6.TracingConsumerInterceptor";
    static final String TRACING_PRODUCER_INTERCEPTOR = "io.opentelemetry.instrumentation.kafkaclients.v2_6.TracingProducerInterceptor";

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
    static Map<String, String> of(KafkaConnectSpec spec, ReferencedResources referenced) {
        Map<String, String> props = new TreeMap<>();
        SPEC_KEYS.forEach(k -> props.put(k.key(), k.defaultValue()));
        props.put("key.converter", JSON_CONVERTER);
        props.put("value.converter", JSON_CONVERTER);
        Map<String, String> user = new TreeMap<>();
        if (spec.getConfig() != null) {
            for (Map.Entry<String, Object> e : spec.getConfig().entrySet()) {
                if (e.getKey() == null || e.getKey().isEmpty()) {
                    throw new InvalidResourceException(".spec.config: a key must not be empty");
                }
                if (OPERATOR_OWNED.contains(e.getKey())) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " is set by the operator and cannot be configured");
                }
                if (isSecurityKey(e.getKey())) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " is set by the operator from .spec.tls and "
                            + ".spec.authentication and cannot be configured (Strimzi ignores it)");
                }
                if (spec.getTracing() != null && e.getKey().matches("(consumer|producer)\\.interceptor\\.classes")) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " is set by the operator for .spec.tracing "
                            + "and cannot be configured with it");
                }
                if (ConnectRack.enabled(spec) && ConnectRack.CLIENT_RACK_KEY.equals(e.getKey())) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " is set by the operator for .spec.rack "
                            + "and cannot be configured with it");
                }
                Object value = e.getValue();
                if (value instanceof Map || value instanceof List) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " must be a string, number or boolean");
                }
                user.put(e.getKey(), value == null ? "" : String.valueOf(value));
            }
        }
        String userProviders = user.remove(ConfigProviders.KEY);
        props.putAll(user);
        props.putAll(ConfigProviders.entries(userProviders, user));
        props.putAll(ConnectSecurity.config(spec, referenced));
        props.putAll(ConnectRack.config(spec));
        if (spec.getTracing() != null) {
            props.put("consumer.interceptor.classes", TRACING_CONSUMER_INTERCEPTOR);
            props.put("producer.interceptor.classes", TRACING_PRODUCER_INTERCEPTOR);
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
        props.put("rest.advertised.host.name", ConfigProviders.env(POD_IP_ENV));
        return props;
    }

    static boolean isSecurityKey(String key) {
        String unprefixed = key.replaceFirst("^(producer|consumer|admin)\\.", "");
        return !SECURITY_EXCEPTIONS.contains(unprefixed) && SECURITY_PREFIXES.stream().anyMatch(unprefixed::startsWith);
    }

    /** The configuration in Java properties format, with stable ordering. */
    static String text(KafkaConnectSpec spec, ReferencedResources referenced) {
        StringBuilder sb = new StringBuilder();
        of(spec, referenced).forEach((k, v) -> sb.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
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
