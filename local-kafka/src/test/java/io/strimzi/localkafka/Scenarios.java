package io.strimzi.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the connection scenarios share: how a worker starts, what "connects" and "fails" mean. */
final class Scenarios {
    static final Duration READY = Duration.ofSeconds(120);
    /** Where the operator mounts a Secret of {@code .spec.tls.trustedCertificates} or a TLS user's Secret. */
    static final String CONNECT_CERTS = "/opt/kafka/connect-certs";
    static final String CONNECT_PASSWORD = "/opt/kafka/connect-password";
    static final String CLUSTER_CA_SECRET = "my-cluster-cluster-ca-cert";
    /** Kafka's DirectoryConfigProvider, so that keys and passwords are read from the mounted Secrets' files. */
    static final Map<String, String> SECRET_FILES_PROVIDER = Map.of(
            "config.providers", "strimzidir",
            "config.providers.strimzidir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");

    private Scenarios() {
    }

    /**
     * A worker with the plugin tree mounted at {@code /opt/kafka/plugins}. These scenarios test the broker
     * connection, not plugin scanning: their configurations set {@code plugin.discovery=service_load}, which saves
     * the reflective class path scan (about 10 s a worker here); {@link PlaintextWorkerTest} keeps Connect's default.
     */
    static ConnectWorker.Builder worker(Path dir, String groupId, Map<String, String> config, String bootstrap) {
        Map<String, String> all = new TreeMap<>(config);
        all.put("plugin.discovery", "service_load");
        return ConnectWorker.builder(dir)
                .workerProperties(WorkerConfigs.operatorStyle(groupId, all))
                .bootstrapServers(bootstrap)
                .mount("/opt/kafka/plugins", PluginTree.withConnectFile(dir.resolve("plugins")));
    }

    /** The worker becomes ready, and its storage topics and group exist on the broker: it connected. */
    static void assertConnects(KafkaBroker broker, ConnectWorker worker, String groupId) {
        worker.awaitReady(READY);
        Set<String> topics = KafkaClients.topics(broker.plainClientConfig());
        for (String suffix : new String[] {"-offsets", "-configs", "-status"}) {
            assertTrue(topics.contains(groupId + suffix), () -> groupId + suffix + " missing from " + topics);
        }
        assertEquals("connect", KafkaClients.groups(broker.plainClientConfig()).get(groupId).protocol());
    }

    /**
     * The worker ends with a non-zero exit code without becoming ready, its log holds the error, and the broker logged
     * the failed authentication on that listener, with its reason.
     */
    static void assertFailsToConnect(KafkaBroker broker, KafkaBroker.Listener listener, ConnectWorker worker,
                                     Pattern workerError, String brokerReason) {
        int exit = worker.awaitExit(READY);
        assertNotEquals(0, exit, () -> "exit code; log:\n" + worker.log().tail(60));
        assertTrue(worker.log().firstMatch(Pattern.compile("ERROR Stopping due to error")).isPresent(),
                () -> worker.log().tail(80));
        assertTrue(worker.log().firstMatch(workerError).isPresent(),
                () -> "No line matching /" + workerError + "/ in the worker's log:\n" + worker.log().tail(80));
        broker.log().await(Pattern.compile("Failed authentication with /127\\.0\\.0\\.1 \\(channelId=127\\.0\\.0\\.1:"
                + broker.port(listener) + "-.*\\(" + Pattern.quote(brokerReason) + "\\)"), READY, broker.process()::isAlive);
    }
}
