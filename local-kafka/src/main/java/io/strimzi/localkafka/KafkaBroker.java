package io.strimzi.localkafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A real Kafka broker in KRaft mode (one node, broker and controller combined), run as a child JVM ({@code kafka.Kafka})
 * from Maven's artifacts, on 127.0.0.1 only, with one listener per {@link Listener} on free ports. Its certificates
 * are made at start from a cluster CA (the broker's certificate) and a clients CA (trusted for client authentication);
 * its SCRAM-SHA-512 users are created when its storage is formatted. Ended by PID on {@link #close()}.
 */
public final class KafkaBroker implements AutoCloseable {
    /** The listeners, named as Strimzi names them; each is {@code 127.0.0.1:<free port>}. */
    public enum Listener {
        /** No encryption, no authentication. */
        PLAIN("PLAINTEXT"),
        /** TLS with the broker's certificate (cluster CA); no client authentication. */
        TLS("SSL"),
        /** TLS with client authentication required: a client certificate signed by the clients CA. */
        MTLS("SSL"),
        /** SCRAM-SHA-512 over TLS (the broker's certificate, as {@link #TLS}). */
        SCRAM("SASL_SSL");

        private final String securityProtocol;

        Listener(String securityProtocol) {
            this.securityProtocol = securityProtocol;
        }

        public String securityProtocol() {
            return securityProtocol;
        }
    }

    private static final Pattern STARTED = Pattern.compile("Kafka Server started");
    private static final String LOG4J2 = String.join("\n",
            "appender.stdout.type=Console",
            "appender.stdout.name=STDOUT",
            "appender.stdout.layout.type=PatternLayout",
            "appender.stdout.layout.pattern=[%d] %p %m (%c)%n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.stdout.ref=STDOUT", "");

    private final ChildJvm process;
    private final String clusterId;
    private final Map<Listener, Integer> ports;
    private final CertificateAuthority clusterCa;
    private final CertificateAuthority clientsCa;

    private KafkaBroker(ChildJvm process, String clusterId, Map<Listener, Integer> ports,
                        CertificateAuthority clusterCa, CertificateAuthority clientsCa) {
        this.process = process;
        this.clusterId = clusterId;
        this.ports = ports;
        this.clusterCa = clusterCa;
        this.clientsCa = clientsCa;
    }

    /** A broker whose configuration, data, certificates and log live under {@code workDir}. */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** {@code 127.0.0.1:<port>} of a listener. */
    public String bootstrap(Listener listener) {
        return Ports.LOOPBACK + ":" + port(listener);
    }

    public int port(Listener listener) {
        return ports.get(listener);
    }

    /** The CA that signed the broker's certificate: what a client's trust store must hold. */
    public CertificateAuthority clusterCa() {
        return clusterCa;
    }

    /** The CA the {@link Listener#MTLS} listener trusts for client certificates. */
    public CertificateAuthority clientsCa() {
        return clientsCa;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Client configuration for the {@link Listener#PLAIN} listener (Admin, consumer, producer). */
    public Map<String, Object> plainClientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap(Listener.PLAIN));
    }

    public ChildJvm process() {
        return process;
    }

    public LogFile log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "KafkaBroker " + ports + " " + process;
    }

    /** Options of a broker; {@link #start()} formats its storage and starts it. */
    public static final class Builder {
        private final Path workDir;
        private final Map<String, String> scramUsers = new LinkedHashMap<>();
        private final Map<String, String> extraConfig = new LinkedHashMap<>();
        private List<String> jvmOptions = List.of("-Xms64m", "-Xmx512m");
        private Duration startTimeout = Duration.ofSeconds(90);

        private Builder(Path workDir) {
            this.workDir = workDir.toAbsolutePath();
        }

        /** A SCRAM-SHA-512 user, created when the storage is formatted ({@code kafka-storage format --add-scram}). */
        public Builder scramUser(String name, String password) {
            if (!name.matches("[A-Za-z0-9._-]+") || password.contains("]") || password.contains(",")) {
                throw new IllegalArgumentException("SCRAM user names are [A-Za-z0-9._-]+, passwords without ']' or ','");
            }
            scramUsers.put(name, password);
            return this;
        }

        /** A broker configuration entry added to (or overriding) the generated ones. */
        public Builder config(String key, String value) {
            extraConfig.put(key, value);
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Makes the certificates, writes the configuration, formats the storage, starts the broker and waits for it. */
        public KafkaBroker start() {
            CertificateAuthority clusterCa = CertificateAuthority.create("cluster-ca");
            CertificateAuthority clientsCa = CertificateAuthority.create("clients-ca");
            List<Integer> free = Ports.free(Listener.values().length + 1);
            Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
            for (Listener l : Listener.values()) {
                ports.put(l, free.get(l.ordinal()));
            }
            int controllerPort = free.get(free.size() - 1);
            String clusterId = Uuid.randomUuid().toString();
            Path config = writeConfig(clusterCa, clientsCa, ports, controllerPort);
            Path log4j = TextFiles.write(workDir.resolve("log4j2.properties"), LOG4J2);
            List<String> jvm = new ArrayList<>(jvmOptions);
            jvm.add("-Dlog4j2.configurationFile=" + log4j);

            List<String> format = new ArrayList<>(List.of("format", "--cluster-id", clusterId, "--config", config.toString()));
            scramUsers.forEach((name, password) -> {
                format.add("--add-scram");
                format.add("SCRAM-SHA-512=[name=" + name + ",password=" + password + "]");
            });
            ChildJvm.run("kafka-storage-format", workDir, jvm, "kafka.tools.StorageTool", format, startTimeout);

            ChildJvm process = ChildJvm.start("broker", workDir, jvm, "kafka.Kafka", List.of(config.toString()), Map.of());
            KafkaBroker broker = new KafkaBroker(process, clusterId, ports, clusterCa, clientsCa);
            try {
                process.log().await(STARTED, startTimeout, process::isAlive);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        }

        private Path writeConfig(CertificateAuthority clusterCa, CertificateAuthority clientsCa,
                                 Map<Listener, Integer> ports, int controllerPort) {
            String keyStorePassword = KeyStores.randomPassword();
            Path keyStore = workDir.resolve("broker.keystore.p12");
            clusterCa.issueServer("kafka-broker", List.of(Ports.LOOPBACK), List.of("localhost"))
                    .writePkcs12(keyStore, keyStorePassword);
            String trustStorePassword = KeyStores.randomPassword();
            Path clientsTrustStore = workDir.resolve("clients-ca.truststore.p12");
            KeyStores.writePkcs12TrustStore(clientsTrustStore, trustStorePassword, Map.of("clients-ca", clientsCa.certificate()));

            Map<String, String> c = new LinkedHashMap<>();
            c.put("process.roles", "broker,controller");
            c.put("node.id", "1");
            c.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
            c.put("controller.listener.names", "CONTROLLER");
            List<String> listeners = new ArrayList<>();
            List<String> protocols = new ArrayList<>();
            for (Listener l : Listener.values()) {
                listeners.add(l.name() + "://" + Ports.LOOPBACK + ":" + ports.get(l));
                protocols.add(l.name() + ":" + l.securityProtocol());
            }
            c.put("advertised.listeners", String.join(",", listeners));
            listeners.add("CONTROLLER://" + Ports.LOOPBACK + ":" + controllerPort);
            protocols.add("CONTROLLER:PLAINTEXT");
            c.put("listeners", String.join(",", listeners));
            c.put("listener.security.protocol.map", String.join(",", protocols));
            c.put("inter.broker.listener.name", Listener.PLAIN.name());
            c.put("log.dirs", workDir.resolve("data").toString());
            c.put("offsets.topic.replication.factor", "1");
            c.put("transaction.state.log.replication.factor", "1");
            c.put("transaction.state.log.min.isr", "1");
            c.put("share.coordinator.state.topic.replication.factor", "1");
            c.put("share.coordinator.state.topic.min.isr", "1");
            c.put("group.initial.rebalance.delay.ms", "0");
            // One key store for every TLS listener: the broker's certificate, signed by the cluster CA.
            c.put("ssl.keystore.type", "PKCS12");
            c.put("ssl.keystore.location", keyStore.toString());
            c.put("ssl.keystore.password", keyStorePassword);
            String mtls = "listener.name." + Listener.MTLS.name().toLowerCase(Locale.ROOT) + ".";
            c.put(mtls + "ssl.client.auth", "required");
            c.put(mtls + "ssl.truststore.type", "PKCS12");
            c.put(mtls + "ssl.truststore.location", clientsTrustStore.toString());
            c.put(mtls + "ssl.truststore.password", trustStorePassword);
            String scram = "listener.name." + Listener.SCRAM.name().toLowerCase(Locale.ROOT) + ".";
            c.put(scram + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
            c.put(scram + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            c.putAll(extraConfig);

            StringBuilder text = new StringBuilder("# Written by local-kafka's KafkaBroker\n");
            c.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            return TextFiles.write(workDir.resolve("server.properties"), text.toString());
        }

    }
}
