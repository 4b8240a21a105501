package io.strimzi.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * With `STRIMZI_JMX_ENABLED=true` the image opens JMX on port 9999 ({@link #jmxOptions}): without authentication, or
 * with `STRIMZI_JMX_USERNAME` and `STRIMZI_JMX_PASSWORD` in a password file and a read-only access file.
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

    /**
     * The JMX options the image adds when the container enables JMX (none otherwise), on {@code port} of
     * {@code host} instead of the container's 9999 (a free port of this machine, as the REST listener is rewritten),
     * bound there only.
     *
     * @param dir where the password and access files are written (the image writes them under /tmp)
     * @throws IllegalStateException when the container enables JMX and no port is given
     */
    public static List<String> jmxOptions(Map<String, String> env, Integer port, String host, Path dir) {
        if (!"true".equals(env.get("STRIMZI_JMX_ENABLED"))) {
            return List.of();
        }
        if (port == null) {
            throw new IllegalStateException("the container enables JMX (STRIMZI_JMX_ENABLED): give the worker a JMX port");
        }
        List<String> options = new ArrayList<>(List.of("-Dcom.sun.management.jmxremote=true",
                "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=" + host, "-Djava.rmi.server.hostname=" + host,
                "-Dcom.sun.management.jmxremote.ssl=false"));
        if (!present(env, "STRIMZI_JMX_USERNAME")) {
            options.add("-Dcom.sun.management.jmxremote.authenticate=false");
            return options;
        }
        try {
            Files.createDirectories(dir);
            Path access = Files.writeString(dir.resolve("access.file"), env.get("STRIMZI_JMX_USERNAME") + " readonly\n");
            Path password = dir.resolve("password.file");
            Files.deleteIfExists(password);
            Files.writeString(password, env.get("STRIMZI_JMX_USERNAME") + " " + env.get("STRIMZI_JMX_PASSWORD") + "\n");
            // The JVM refuses a password file others may read.
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("r--------"));
            options.addAll(List.of("-Dcom.sun.management.jmxremote.authenticate=true",
                    "-Dcom.sun.management.jmxremote.password.file=" + password, "-Dcom.sun.management.jmxremote.access.file=" + access));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
