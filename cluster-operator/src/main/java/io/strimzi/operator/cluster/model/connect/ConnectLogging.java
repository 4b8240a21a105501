package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.strimzi.api.kafka.model.common.logging.ExternalLogging;
import io.strimzi.api.kafka.model.common.logging.InlineLogging;
import io.strimzi.api.kafka.model.common.logging.Logging;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ControlCharacters;
import io.strimzi.operator.cluster.values.KubernetesNames;
import io.strimzi.operator.cluster.values.Sha256;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * `.spec.logging`: the Log4j 2 configuration (`log4j2.properties`) that the Connect image reads from
 * /opt/kafka/custom-config. `inline` loggers are set over the operator's default configuration (a console appender
 * in Strimzi's layout, root INFO); `external` takes the whole configuration from a ConfigMap key, copied into the
 * Connect ConfigMap. Either way `monitorInterval` makes Log4j re-read the file, and the levels are applied through
 * Connect's REST API as well (see {@link #levels}), so a change of levels only does not roll the pods: the pods'
 * annotation is a hash of everything else ({@link #appendersHash}).
 */
public final class ConnectLogging {
    public static final String CONFIG_KEY = "log4j2.properties";
    /** On the pod template: a hash of the logging configuration without its levels. */
    public static final String APPENDERS_HASH_ANNOTATION = "strimzi.io/logging-appenders-hash";
    static final String FIELD = ".spec.logging";
    static final String DEFAULT = String.join("\n",
            "name=KafkaConnectConfig",
            "appender.console.type=Console",
            "appender.console.name=STDOUT",
            "appender.console.layout.type=PatternLayout",
            "appender.console.layout.pattern=%d{ISO8601} %p %X{connector.context}%m (%c) [%t]%n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRefs=console",
            "rootLogger.appenderRef.console.ref=STDOUT",
            "rootLogger.additivity=false",
            "logger.reflections.name=org.reflections",
            "logger.reflections.level=ERROR",
            "logger.reflections.additivity=false",
            "monitorInterval=30", "");
    private static final Set<String> LEVELS = Set.of("ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF");
    /** The lines that only set levels (or name the logger whose level they set). */
    private static final Pattern LEVEL_LINE = Pattern.compile("^\\s*(rootLogger\\.level|logger\\.[^.=:\\s]+\\.(level|name))\\s*[=:].*$");
    private static final Pattern LOGGER_KEY = Pattern.compile("^logger\\.([^.]+)\\.(name|level)$");

    private ConnectLogging() {
    }

    /** The external logging ConfigMap, if any (its content is copied, so it is not hashed). */
    static List<ReferencedResources.Ref> references(KafkaConnectSpec spec) {
        if (spec.getLogging() instanceof ExternalLogging external && external.getValueFrom() != null
                && external.getValueFrom().getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = external.getValueFrom().getConfigMapKeyRef();
            return List.of(new ReferencedResources.Ref(ReferencedResources.Kind.CONFIG_MAP, ref.getName(),
                    FIELD + ".valueFrom.configMapKeyRef", Boolean.TRUE.equals(ref.getOptional()), false));
        }
        return List.of();
    }

    /**
     * The `log4j2.properties` text.
     *
     * @throws InvalidResourceException naming the field: an invalid logger key or level, an external reference
     *                                  without name or key, a ConfigMap (read) without that key
     */
    static String configuration(KafkaConnectSpec spec, ReferencedResources referenced) {
        Logging logging = spec.getLogging();
        if (logging == null) {
            return DEFAULT;
        }
        if (logging instanceof InlineLogging inline) {
            Map<String, String> loggers = inline.getLoggers() == null ? Map.of() : inline.getLoggers();
            StringBuilder text = new StringBuilder();
            Map<String, String> overrides = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : new TreeMap<>(loggers).entrySet()) {
                String key = e.getKey();
                String value = e.getValue() == null ? "" : e.getValue().strip();
                if (key.isBlank() || !key.matches("[A-Za-z0-9_.\\-$]+")) {
                    throw new InvalidResourceException(FIELD + ".loggers: '" + ControlCharacters.describe(key)
                            + "' is not a Log4j 2 property name (for example rootLogger.level or logger.<id>.level)");
                }
                if (key.endsWith(".level") && !LEVELS.contains(value.toUpperCase(java.util.Locale.ROOT))) {
                    throw new InvalidResourceException(FIELD + ".loggers." + key + " must be one of " + new java.util.TreeSet<>(LEVELS)
                            + ", but is '" + ControlCharacters.describe(value) + "'");
                }
                if (ControlCharacters.contains(value)) {
                    throw new InvalidResourceException(FIELD + ".loggers." + key + " must not contain control characters");
                }
                overrides.put(key, value);
            }
            for (String line : DEFAULT.split("\n")) {
                String key = line.substring(0, line.indexOf('='));
                text.append(key).append('=').append(overrides.containsKey(key) ? overrides.remove(key) : line.substring(key.length() + 1))
                        .append('\n');
            }
            overrides.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            return text.toString();
        }
        ExternalLogging external = (ExternalLogging) logging;
        ConfigMapKeySelector ref = external.getValueFrom() == null ? null : external.getValueFrom().getConfigMapKeyRef();
        if (ref == null || !KubernetesNames.isDns1123Subdomain(ref.getName()) || ref.getKey() == null || ref.getKey().isBlank()) {
            throw new InvalidResourceException(FIELD + ".valueFrom.configMapKeyRef needs the name and key of a ConfigMap");
        }
        if (!referenced.isRead()) {
            return "# The Log4j 2 configuration in key " + ref.getKey() + " of ConfigMap " + ref.getName()
                    + ", copied here by the operator (render does not read the cluster)\n";
        }
        String content = referenced.data(ReferencedResources.Kind.CONFIG_MAP, ref.getName())
                .map(data -> data.get(ref.getKey())).orElse(null);
        if (content == null) {
            if (Boolean.TRUE.equals(ref.getOptional())) {
                return DEFAULT;
            }
            throw new InvalidResourceException(FIELD + ".valueFrom.configMapKeyRef: ConfigMap " + ref.getName()
                    + " has no key " + ref.getKey());
        }
        String text = content.endsWith("\n") ? content : content + "\n";
        return properties(text).containsKey("monitorInterval") ? text : text + "monitorInterval=30\n";
    }

    /** A hash of the configuration without the lines that set levels: what needs a restart when it changes. */
    static String appendersHash(String configuration) {
        StringBuilder rest = new StringBuilder();
        for (String line : configuration.split("\n")) {
            if (!LEVEL_LINE.matcher(line).matches() && !line.strip().startsWith("monitorInterval")) {
                rest.append(line).append('\n');
            }
        }
        return Sha256.hex(rest.toString(), 32);
    }

    /**
     * The levels the configuration sets, by logger name as Connect's `/admin/loggers` API names them (`root` for the
     * root logger), for setting them in running workers without a restart.
     */
    public static Map<String, String> levels(String configuration) {
        Properties properties = properties(configuration);
        Map<String, String> names = new TreeMap<>();
        Map<String, String> levels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            var m = LOGGER_KEY.matcher(key);
            if (m.matches()) {
                (m.group(2).equals("name") ? names : levels).put(m.group(1), properties.getProperty(key).strip());
            }
        }
        Map<String, String> result = new TreeMap<>();
        String root = properties.getProperty("rootLogger.level");
        if (root != null) {
            result.put("root", root.strip().toUpperCase(java.util.Locale.ROOT));
        }
        levels.forEach((id, level) -> {
            if (names.containsKey(id) && LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
                result.put(names.get(id), level.toUpperCase(java.util.Locale.ROOT));
            }
        });
        return result;
    }

    private static Properties properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidResourceException(FIELD + ": the Log4j 2 configuration cannot be read as properties: " + e.getMessage());
        }
        return properties;
    }
}
