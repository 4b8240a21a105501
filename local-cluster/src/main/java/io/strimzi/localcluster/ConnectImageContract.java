package io.strimzi.localcluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What Strimzi's Kafka image makes of the Connect container's variables before it starts the worker: the JVM options
 * its `kafka_connect_run.sh` and Kafka's `connect-distributed.sh` / `kafka-run-class.sh` put on the command line,
 * written here from their documented contract (not their code), so that a worker run outside the image gets the
 * options the Pod would give it:
 * <ul>
 *   <li>`KAFKA_HEAP_OPTS`, else `STRIMZI_DYNAMIC_HEAP_PERCENTAGE` of the container's memory (here as
 *   `-XX:MaxRAMPercentage`, there being no cgroup limit), else Kafka's default for Connect `-Xms256M -Xmx2G`;</li>
 *   <li>`KAFKA_JVM_PERFORMANCE_OPTS`, else Kafka's default G1 options;</li>
 *   <li>`STRIMZI_KAFKA_GC_LOG_ENABLED=true`: GC logging to stdout;</li>
 *   <li>`KAFKA_OPTS` with `STRIMZI_JAVA_SYSTEM_PROPERTIES`.</li>
 * </ul>
 * The Log4j 2 configuration is the mounted `custom-config/log4j2.properties` ({@code -Dlog4j2.configurationFile}).
 * The JMX Prometheus Exporter and the tracing agent are Java agents of Strimzi's image that this machine does not have:
 * a container that asks for them is refused here rather than run without them.
 */
public final class ConnectImageContract {
    static final List<String> KAFKA_CONNECT_HEAP = List.of("-Xms256M", "-Xmx2G");
    static final List<String> KAFKA_PERFORMANCE = List.of("-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15",
            "-Djava.awt.headless=true");

    private ConnectImageContract() {
    }

    /** The JVM options of the worker, from the container's variables (their values as resolved). */
    public static List<String> jvmOptions(Map<String, String> env) {
        for (String agent : List.of("KAFKA_CONNECT_JMX_EXPORTER_ENABLED", "STRIMZI_TRACING")) {
            String value = env.get(agent);
            if (value != null && !value.isBlank() && !value.equals("false")) {
                throw new IllegalStateException(agent + "=" + value + " needs a Java agent of Strimzi's image, which this "
                        + "machine does not have");
            }
        }
        List<String> options = new ArrayList<>();
        if (present(env, "KAFKA_HEAP_OPTS")) {
            options.addAll(words(env.get("KAFKA_HEAP_OPTS")));
        } else if (present(env, "STRIMZI_DYNAMIC_HEAP_PERCENTAGE")) {
            options.add("-XX:MaxRAMPercentage=" + env.get("STRIMZI_DYNAMIC_HEAP_PERCENTAGE").strip());
        } else {
            options.addAll(KAFKA_CONNECT_HEAP);
        }
        options.addAll(present(env, "KAFKA_JVM_PERFORMANCE_OPTS") ? words(env.get("KAFKA_JVM_PERFORMANCE_OPTS")) : KAFKA_PERFORMANCE);
        if ("true".equals(env.get("STRIMZI_KAFKA_GC_LOG_ENABLED"))) {
            options.add("-Xlog:gc*:stdout:time");
        }
        if (present(env, "STRIMZI_JAVA_SYSTEM_PROPERTIES")) {
            options.addAll(words(env.get("STRIMZI_JAVA_SYSTEM_PROPERTIES")));
        }
        return options;
    }

    private static boolean present(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isBlank();
    }

    /** Split at white space, as the image's unquoted expansion splits them. */
    private static List<String> words(String value) {
        return Arrays.stream(value.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
