package io.strimzi.localkafka;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real Kafka Connect distributed worker ({@code ConnectDistributed} from {@code connect-runtime}) run as a child JVM
 * with a given worker configuration, kept exactly as given except for what must change to run here, as a kubelet
 * and a Pod network would change it: {@code bootstrap.servers} (the broker's address), the REST listener
 * ({@code 127.0.0.1} and a free port instead of the container's port) and mounted paths
 * ({@link Builder#mount}). {@link #configChanges()} lists every change. Ended by PID on {@link #close()}.
 */
public final class ConnectWorker implements AutoCloseable {
    public static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectDistributed";
    /** Console output at INFO, in the layout of Strimzi's Connect logging. */
    public static final String DEFAULT_LOG4J2 = String.join("\n",
            "appender.stdout.type=Console",
            "appender.stdout.name=STDOUT",
            "appender.stdout.layout.type=PatternLayout",
            "appender.stdout.layout.pattern=%d{ISO8601} %p %m (%c) [%t]%n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.stdout.ref=STDOUT", "");

    private final ChildJvm process;
    private final ConnectRest rest;
    private final Path configFile;
    private final Map<String, String> configChanges;

    private ConnectWorker(ChildJvm process, ConnectRest rest, Path configFile, Map<String, String> configChanges) {
        this.process = process;
        this.rest = rest;
        this.configFile = configFile;
        this.configChanges = configChanges;
    }

    /** A worker whose rewritten configuration, logging configuration and log live under {@code workDir}. */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /**
     * Waits until the worker reports itself ready ({@code GET /health} answers 200: it joined its group and read its
     * configuration topic). Fails at once, quoting the log, if the worker ends first.
     */
    public ConnectWorker awaitReady(Duration timeout) {
        Waits.until("Connect worker " + rest.base() + " to be healthy", timeout, () -> process.log().tail(40), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Connect worker ended (exit " + process.exitCode().orElse(-1)
                        + ") before it was ready; end of " + process.log().path() + ":\n" + process.log().tail(60));
            }
            try {
                return rest.get("/health").status() == 200;
            } catch (UncheckedIOException e) {
                return false; // not listening yet
            }
        });
        return this;
    }

    /** Waits for the worker to end by itself (a fatal start-up error) and returns its exit code. */
    public int awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    /** Waits until the connector and exactly {@code tasks} tasks are RUNNING; fails at once when one has FAILED. */
    public JsonNode awaitConnectorRunning(String name, int tasks, Duration timeout) {
        JsonNode[] status = new JsonNode[1];
        Waits.until("connector " + name + " and " + tasks + " task(s) RUNNING", timeout,
                () -> "last status: " + status[0] + "\n" + process.log().tail(40), () -> {
                    ConnectRest.Response response = rest.connectorStatus(name);
                    if (response.status() == 404) {
                        return false;
                    }
                    status[0] = response.json();
                    List<String> states = new ArrayList<>();
                    states.add(status[0].path("connector").path("state").asText());
                    status[0].path("tasks").forEach(t -> states.add(t.path("state").asText()));
                    if (states.contains("FAILED")) {
                        throw new IllegalStateException("Connector " + name + " failed: " + status[0]);
                    }
                    return states.size() == tasks + 1 && states.stream().allMatch("RUNNING"::equals);
                });
        return status[0];
    }

    public ConnectRest rest() {
        return rest;
    }

    public LogFile log() {
        return process.log();
    }

    public ChildJvm process() {
        return process;
    }

    /** The worker configuration file the worker runs with. */
    public Path configFile() {
        return configFile;
    }

    /** For each key whose value differs from the given configuration (or was added), the value it runs with. */
    public Map<String, String> configChanges() {
        return configChanges;
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "ConnectWorker " + rest.base() + " " + process;
    }

    /** What to run; {@link #start()} writes the files and starts the JVM without waiting for it. */
    public static final class Builder {
        private final Path workDir;
        private final Map<String, Path> mounts = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String workerProperties;
        private String bootstrapServers;
        private List<String> jvmOptions = List.of();
        private String logConfig = DEFAULT_LOG4J2;
        private String restHost = Ports.LOOPBACK;
        private Integer restPort;

        private Builder(Path workDir) {
            this.workDir = workDir.toAbsolutePath();
        }

        /** The worker configuration, as the operator wrote it (the {@code kafka-connect.properties} of its ConfigMap). */
        public Builder workerProperties(String text) {
            this.workerProperties = Objects.requireNonNull(text);
            return this;
        }

        /** The address that replaces {@code bootstrap.servers}, such as {@code broker.bootstrap(Listener.TLS)}. */
        public Builder bootstrapServers(String address) {
            this.bootstrapServers = Objects.requireNonNull(address);
            return this;
        }

        /** Maps a container path (a volume's mount path) to a host path, wherever it appears in a value. */
        public Builder mount(String containerPath, Path hostPath) {
            mounts.put(containerPath, hostPath);
            return this;
        }

        /** Options of the worker's JVM, such as {@code -Xmx...} and {@code -D...}, on its command line as given. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** The Log4j 2 configuration (properties format) the worker reads, as Strimzi's {@code log4j2.properties}. */
        public Builder logConfig(String log4j2Properties) {
            this.logConfig = Objects.requireNonNull(log4j2Properties);
            return this;
        }

        /**
         * Where the REST API listens instead of 127.0.0.1 and a free port: another loopback address (127.x.y.z) and,
         * say, the container's port 8083, so that a client that knows only the Service's port reaches it.
         */
        public Builder restAddress(String loopbackAddress, int port) {
            if (!loopbackAddress.startsWith("127.")) {
                throw new IllegalArgumentException("Only loopback addresses (127.x.y.z), not " + loopbackAddress);
            }
            this.restHost = loopbackAddress;
            this.restPort = port;
            return this;
        }

        /** An environment variable of the worker's process (for {@code EnvVarConfigProvider}, say). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public ConnectWorker start() {
            if (workerProperties == null || bootstrapServers == null) {
                throw new IllegalStateException("workerProperties and bootstrapServers are required");
            }
            Map<String, String> given = WorkerProperties.parse(workerProperties);
            if (!given.containsKey("bootstrap.servers")) {
                throw new IllegalArgumentException("The worker configuration has no bootstrap.servers to rewrite");
            }
            List<Integer> ports = new java.util.ArrayList<>(Ports.free(2));
            if (restPort != null) {
                ports.set(0, restPort);
            }
            Map<String, String> addresses = new LinkedHashMap<>();
            addresses.put("bootstrap.servers", bootstrapServers);
            addresses.put("listeners", localListener(given.getOrDefault("listeners", "http://:8083"), restHost, ports.get(0)));
            if (given.containsKey("rest.advertised.host.name")) {
                addresses.put("rest.advertised.host.name", restHost);
            }
            if (given.containsKey("rest.advertised.port")) {
                addresses.put("rest.advertised.port", String.valueOf(ports.get(0)));
            }
            if (!given.getOrDefault("admin.listeners", "").isBlank()) {
                addresses.put("admin.listeners", localListener(given.get("admin.listeners"), Ports.LOOPBACK, ports.get(1)));
            }
            WorkerProperties.Rewritten rewritten = WorkerProperties.rewrite(workerProperties, addresses,
                    new PathMapping(mounts));
            Path configFile = TextFiles.write(workDir.resolve("kafka-connect.properties"), rewritten.text());
            Path log4j = TextFiles.write(workDir.resolve("log4j2.properties"), logConfig);

            List<String> jvm = new ArrayList<>();
            jvm.add("-Dlog4j2.configurationFile=" + log4j);
            jvm.addAll(jvmOptions);
            ChildJvm process = ChildJvm.start("connect", workDir, jvm, MAIN_CLASS, List.of(configFile.toString()), env);
            URI base = URI.create("http://" + restHost + ":" + ports.get(0) + "/");
            return new ConnectWorker(process, new ConnectRest(base), configFile, rewritten.changes());
        }

        /** The single HTTP listener of the given configuration, moved to a loopback address and a free port. */
        private static String localListener(String listeners, String host, int port) {
            String[] entries = listeners.split(",");
            if (entries.length != 1 || !entries[0].strip().startsWith("http://")) {
                throw new IllegalArgumentException("Only one http:// REST listener is supported, not: " + listeners);
            }
            return "http://" + host + ":" + port;
        }

    }
}
