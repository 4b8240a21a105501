package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.strimzi.api.kafka.model.common.JvmOptions;
import io.strimzi.api.kafka.model.common.SystemProperty;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ControlCharacters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * `.spec.jvmOptions` as the variables Strimzi's Connect image reads: `KAFKA_HEAP_OPTS` (-Xms, -Xmx and the RAM
 * percentages), `KAFKA_JVM_PERFORMANCE_OPTS` (the other -XX options, `true`/`false` as `+`/`-`), 
 * `STRIMZI_JAVA_SYSTEM_PROPERTIES` (-Dname=value) and `STRIMZI_KAFKA_GC_LOG_ENABLED`. Strimzi's defaults: without
 * -Xmx (or MaxRAMPercentage) and with a memory request or limit, the image sizes the heap at 75% of the container's
 * memory (`STRIMZI_DYNAMIC_HEAP_PERCENTAGE`); without either, -Xms128M.
 */
final class ConnectJvm {
    static final String HEAP_OPTS = "KAFKA_HEAP_OPTS";
    static final String PERFORMANCE_OPTS = "KAFKA_JVM_PERFORMANCE_OPTS";
    static final String SYSTEM_PROPERTIES = "STRIMZI_JAVA_SYSTEM_PROPERTIES";
    static final String GC_LOG_ENABLED = "STRIMZI_KAFKA_GC_LOG_ENABLED";
    static final String DYNAMIC_HEAP_PERCENTAGE = "STRIMZI_DYNAMIC_HEAP_PERCENTAGE";
    static final int CONNECT_HEAP_PERCENTAGE = 75;
    static final String DEFAULT_XMS = "128M";
    private static final String FIELD = ".spec.jvmOptions";
    private static final Set<String> HEAP_XX = Set.of("InitialRAMPercentage", "MaxRAMPercentage");
    /** Options that must come before the ones they unlock. */
    private static final List<String> FIRST_XX = List.of("UnlockDiagnosticVMOptions", "UnlockExperimentalVMOptions");

    private ConnectJvm() {
    }

    /** @throws InvalidResourceException naming the option: one that would split into several JVM arguments */
    static List<EnvVar> env(JvmOptions jvm, ResourceRequirements resources) {
        Map<String, String> xx = jvm == null || jvm.getXx() == null ? Map.of() : new TreeMap<>(jvm.getXx());
        xx.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9_]+")) {
                throw new InvalidResourceException(FIELD + ".-XX: '" + ControlCharacters.describe(name) + "' is not a JVM option name");
            }
            singleArgument(FIELD + ".-XX." + name, value);
        });
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar(GC_LOG_ENABLED, String.valueOf(jvm != null && Boolean.TRUE.equals(jvm.getGcLoggingEnabled())), null));

        List<String> heap = new ArrayList<>();
        String xms = jvm == null ? null : jvm.getXms();
        String xmx = jvm == null ? null : jvm.getXmx();
        if (xms != null) {
            heap.add("-Xms" + xms);
        }
        if (xmx != null) {
            heap.add("-Xmx" + xmx);
        }
        HEAP_XX.stream().sorted().filter(xx::containsKey).forEach(name -> heap.add("-XX:" + name + "=" + xx.get(name)));
        if (xmx == null && !xx.containsKey("MaxRAMPercentage")) {
            if (hasMemory(resources)) {
                env.add(new EnvVar(DYNAMIC_HEAP_PERCENTAGE, String.valueOf(CONNECT_HEAP_PERCENTAGE), null));
            } else if (xms == null && !xx.containsKey("InitialRAMPercentage")) {
                heap.add("-Xms" + DEFAULT_XMS);
            }
        }
        if (!heap.isEmpty()) {
            env.add(new EnvVar(HEAP_OPTS, String.join(" ", heap), null));
        }

        List<String> performance = new ArrayList<>();
        FIRST_XX.stream().filter(xx::containsKey).forEach(name -> performance.add(flag(name, xx.get(name))));
        xx.forEach((name, value) -> {
            if (!HEAP_XX.contains(name) && !FIRST_XX.contains(name)) {
                performance.add(flag(name, value));
            }
        });
        if (!performance.isEmpty()) {
            env.add(new EnvVar(PERFORMANCE_OPTS, String.join(" ", performance), null));
        }

        List<SystemProperty> properties = jvm == null || jvm.getJavaSystemProperties() == null ? List.of() : jvm.getJavaSystemProperties();
        List<String> definitions = new ArrayList<>();
        for (int i = 0; i < properties.size(); i++) {
            String field = FIELD + ".javaSystemProperties[" + i + "]";
            SystemProperty property = properties.get(i);
            if (property == null || property.getName() == null || property.getName().isBlank()) {
                throw new InvalidResourceException(field + ".name is required");
            }
            singleArgument(field + ".name", property.getName());
            singleArgument(field + ".value", property.getValue() == null ? "" : property.getValue());
            definitions.add("-D" + property.getName() + "=" + (property.getValue() == null ? "" : property.getValue()));
        }
        if (!definitions.isEmpty()) {
            env.add(new EnvVar(SYSTEM_PROPERTIES, String.join(" ", definitions), null));
        }
        return env;
    }

    private static String flag(String name, String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "true" -> "-XX:+" + name;
            case "false" -> "-XX:-" + name;
            default -> "-XX:" + name + "=" + value;
        };
    }

    /** The image joins the options with spaces and the shell splits them there: a value may not hold white space. */
    private static void singleArgument(String field, String value) {
        if (value != null && (value.chars().anyMatch(Character::isWhitespace) || ControlCharacters.contains(value))) {
            throw new InvalidResourceException(field + " must not contain white space or control characters (the "
                    + "image passes the options to the JVM split at white space)");
        }
    }

    private static boolean hasMemory(ResourceRequirements resources) {
        return resources != null && ((resources.getRequests() != null && resources.getRequests().containsKey("memory"))
                || (resources.getLimits() != null && resources.getLimits().containsKey("memory")));
    }
}
