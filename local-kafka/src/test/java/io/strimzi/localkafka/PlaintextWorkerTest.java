package io.strimzi.localkafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.strimzi.localkafka.KafkaBroker.Listener.PLAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One worker on the plaintext listener with the operator's form of configuration, the connect-file plugin tree, JVM
 * options and a logging configuration; each test checks one outcome in the running worker or on the broker.
 */
@ExtendWith(SharedBroker.class)
class PlaintextWorkerTest {
    private static final String GROUP = "plain-connect";
    private static final String DEBUG_LOGGER = "org.apache.kafka.connect.runtime.distributed.DistributedHerder";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaBroker broker;
    private static Path dir;
    private static Path plugins;
    private static ConnectWorker worker;
    private static Set<String> topicsCreatedByTheWorker;

    @BeforeAll
    static void startWorker(KafkaBroker sharedBroker) {
        broker = sharedBroker;
        dir = WorkDirs.create("connect-plain");
        plugins = PluginTree.withConnectFile(dir.resolve("plugins"));
        Set<String> before = KafkaClients.topics(broker.plainClientConfig());
        worker = ConnectWorker.builder(dir)
                .workerProperties(WorkerConfigs.operatorStyle(GROUP, Map.of()))
                .bootstrapServers(broker.bootstrap(PLAIN))
                .mount("/opt/kafka/plugins", plugins)
                .jvmOptions(List.of("-Xms128m", "-Xmx320m", "-Dlocal.kafka.scenario=jvm-options"))
                .logConfig(ConnectWorker.DEFAULT_LOG4J2
                        + "logger.herder.name=" + DEBUG_LOGGER + "\nlogger.herder.level=DEBUG\n")
                .start()
                .awaitReady(Duration.ofSeconds(120));
        Set<String> after = new TreeSet<>(KafkaClients.topics(broker.plainClientConfig()));
        after.removeAll(before);
        topicsCreatedByTheWorker = after;
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void loadsTheConnectFilePluginFromThePluginTreeNotFromItsClassPath() {
        List<String> classes = worker.rest().connectorPlugins().stream().map(ConnectRest.ConnectorPlugin::className).toList();
        assertTrue(classes.contains("org.apache.kafka.connect.file.FileStreamSourceConnector"), classes::toString);
        assertTrue(classes.contains("org.apache.kafka.connect.file.FileStreamSinkConnector"), classes::toString);
        assertTrue(worker.log().firstMatch(Pattern.compile("Registered loader: PluginClassLoader\\{pluginLocation=file:"
                + Pattern.quote(plugins.resolve(PluginTree.CONNECT_FILE_PLUGIN) + "/") + "}")).isPresent(),
                () -> worker.log().tail(80));
        List<String> commandLine = worker.process().commandLine();
        String classPath = commandLine.get(commandLine.indexOf("-cp") + 1);
        assertFalse(classPath.contains("connect-file"), classPath);
        assertTrue(classPath.contains("connect-runtime-" + KafkaRuntime.version() + ".jar"), classPath);
    }

    @Test
    void aFileStreamSourceConnectorCreatedThroughRestWritesTheFileLinesToATopic() throws Exception {
        List<String> lines = IntStream.rangeClosed(1, 5).mapToObj(i -> "line " + i + " of the source file").toList();
        Path input = Files.write(dir.resolve("source.txt"), lines);
        worker.rest().createConnector("file-source", Map.of(
                "connector.class", "FileStreamSource",
                "tasks.max", "1",
                "file", input.toString(),
                "topic", "file-lines"));
        worker.awaitConnectorRunning("file-source", 1, Duration.ofSeconds(60));

        List<String> values = KafkaClients.consume(broker.plainClientConfig(), "file-lines", lines.size(), Duration.ofSeconds(60));
        List<String> payloads = values.stream().map(v -> {
            try {
                return JSON.readTree(v).path("payload").asText();
            } catch (Exception e) {
                throw new AssertionError("Not the JsonConverter's envelope: " + v, e);
            }
        }).toList();
        assertEquals(lines, payloads);
    }

    @Test
    void createsExactlyItsThreeStorageTopicsAndJoinsItsGroup() {
        Set<String> storage = Set.of(GROUP + "-offsets", GROUP + "-configs", GROUP + "-status");
        assertEquals(storage, topicsCreatedByTheWorker);
        for (String topic : storage) {
            assertEquals("compact", KafkaClients.topicConfig(broker.plainClientConfig(), topic).get("cleanup.policy"), topic);
        }
        Map<String, TopicDescription> topics = KafkaClients.describeTopics(broker.plainClientConfig(), storage);
        // Connect's defaults for the storage topics' partitions
        assertEquals(25, topics.get(GROUP + "-offsets").partitions().size());
        assertEquals(1, topics.get(GROUP + "-configs").partitions().size());
        assertEquals(5, topics.get(GROUP + "-status").partitions().size());
        GroupListing group = KafkaClients.groups(broker.plainClientConfig()).get(GROUP);
        assertTrue(group != null && group.protocol().equals("connect"), () -> "group " + GROUP + ": " + group);
    }

    @Test
    void runsWithTheGivenJvmOptions() {
        List<String> commandLine = worker.process().commandLine();
        assertTrue(commandLine.contains("-Xmx320m"), commandLine::toString);
        assertTrue(commandLine.contains("-Dlocal.kafka.scenario=jvm-options"), commandLine::toString);
        // What the JVM made of them
        String flags = worker.process().jcmd("VM.flags");
        assertTrue(flags.contains("-XX:MaxHeapSize=" + 320L * 1024 * 1024), flags);
        String properties = worker.process().jcmd("VM.system_properties");
        assertTrue(properties.contains("local.kafka.scenario=jvm-options"), properties);
    }

    @Test
    void runsWithTheGivenLogLevels() {
        assertEquals("DEBUG", worker.rest().loggerLevel(DEBUG_LOGGER));
        assertEquals("INFO", worker.rest().loggerLevel("root"));
        Pattern debugLine = Pattern.compile(" DEBUG .* \\((\\S+)\\) \\[");
        List<String> debugLines = worker.log().matches(debugLine);
        assertTrue(debugLines.stream().anyMatch(l -> l.contains("(" + DEBUG_LOGGER + ")")), () -> worker.log().tail(60));
        List<String> others = debugLines.stream().filter(l -> !l.contains("(" + DEBUG_LOGGER + ")")).toList();
        assertTrue(others.isEmpty(), () -> "DEBUG lines of other loggers: " + others);
    }
}
