package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.strimzi.api.kafka.model.common.CertAndKeySecretSource;
import io.strimzi.api.kafka.model.common.JvmOptions;
import io.strimzi.api.kafka.model.common.PasswordSecretSource;
import io.strimzi.api.kafka.model.common.Rack;
import io.strimzi.api.kafka.model.common.SystemProperty;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationScramSha512;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationTls;
import io.strimzi.api.kafka.model.common.jmx.KafkaJmxAuthenticationPassword;
import io.strimzi.api.kafka.model.common.jmx.KafkaJmxOptions;
import io.strimzi.api.kafka.model.common.logging.InlineLogging;
import io.strimzi.api.kafka.model.connect.CertSecretSource;
import io.strimzi.api.kafka.model.connect.ClientTls;
import io.strimzi.api.kafka.model.connect.ConnectorPlugin;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.localkafka.CertificateAuthority;
import io.strimzi.localkafka.ConnectRest;
import io.strimzi.localkafka.ConnectWorker;
import io.strimzi.localkafka.KafkaBroker;
import io.strimzi.localkafka.KafkaClients;
import io.strimzi.localkafka.KafkaRuntime;
import io.strimzi.localkafka.KeyAndCertificate;
import io.strimzi.localkafka.Ports;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's scenarios: a real KRaft broker and real Connect workers run on what the operator (its own process) wrote
 * for each KafkaConnect (the Connect ConfigMap, the Secrets and ConfigMaps its Deployment mounts, the container's
 * variables through the image's contract) and on the plugin tree of the image the build pushed to the local
 * registry ({@link ConnectPodWorker}). One build (connect-file, served as a jar from a Maven repository layout); the
 * security scenarios run that pushed image through `.spec.image`. Each wrong case fails with the error in the worker's
 * log and the broker's.
 */
class ConnectWorkerScenariosTest extends OperatorScenarios {
    private static final String NAMESPACE = "workers";
    private static final String FILES = "files";
    private static final String GROUP = "files-group";
    private static final String DEBUG_LOGGER = "org.apache.kafka.connect.runtime.distributed.DistributedHerder";
    private static final String DYNAMIC_LOGGER = "org.apache.kafka.connect.runtime.Worker";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final String SCRAM_USER = "my-connect";
    private static final String SCRAM_PASSWORD = "s3cret-" + Long.toHexString(System.nanoTime());
    private static final Map<String, Object> STORAGE_RF = Map.of("config.storage.replication.factor", -1,
            "offset.storage.replication.factor", -1, "status.storage.replication.factor", -1);

    private static Path work;
    private static KafkaBroker broker;
    private static String serviceAddress;
    private static String pushedImage;
    private static ConnectWorker files;
    private static Set<String> topicsOfFiles;
    private static final String NODE = "node-a";
    private static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final String ZONE = "zone-" + Long.toHexString(System.nanoTime());
    private static final int JMX_PORT = Ports.free();

    @BeforeAll
    static void buildAndStartTheFilesWorker() throws IOException {
        work = Files.createDirectories(Path.of("target", "connect-worker-scenarios").toAbsolutePath());
        broker = KafkaBroker.builder(Files.createTempDirectory(work, "broker-")).scramUser(SCRAM_USER, SCRAM_PASSWORD).start();
        // The operator reaches the REST API Service by its name: a hosts file maps it to the worker's loopback address.
        serviceAddress = ServiceAddresses.freeLoopback(KafkaConnectCluster.REST_API_PORT);
        Path hosts = ServiceAddresses.hostsFile(work.resolve("operator-hosts"),
                Map.of(FILES + "-connect-api." + NAMESPACE + ".svc", serviceAddress));
        startParts(NAMESPACE, Map.of("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts));

        byte[] connectFile = Files.readAllBytes(KafkaRuntime.connectFileJar());
        String version = KafkaRuntime.version();
        KafkaConnect connect = connect(FILES, registry.address() + "/workers/files:v1", plugin("connect-file",
                jar("/maven2/org/apache/kafka/connect-file/" + version + "/connect-file-" + version + ".jar", connectFile)));
        KafkaConnectSpec spec = connect.getSpec();
        spec.setGroupId(GROUP);
        spec.setConfigStorageTopic(GROUP + "-configs");
        spec.setOffsetStorageTopic(GROUP + "-offsets");
        spec.setStatusStorageTopic(GROUP + "-status");
        spec.setConfig(STORAGE_RF);
        InlineLogging logging = new InlineLogging();
        logging.setLoggers(Map.of("logger.herder.name", DEBUG_LOGGER, "logger.herder.level", "DEBUG"));
        spec.setLogging(logging);
        JvmOptions jvm = new JvmOptions();
        jvm.setXms("128m");
        jvm.setXmx("320m");
        SystemProperty property = new SystemProperty();
        property.setName("local.scenario");
        property.setValue("jvm-options");
        jvm.setJavaSystemProperties(List.of(property));
        spec.setJvmOptions(jvm);
        Rack rack = new Rack();
        rack.setTopologyKey(ZONE_LABEL);
        spec.setRack(rack);
        KafkaJmxOptions jmx = new KafkaJmxOptions();
        jmx.setAuthentication(new KafkaJmxAuthenticationPassword());
        spec.setJmxOptions(jmx);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).addToLabels(ZONE_LABEL, ZONE).endMetadata()
                .build()).create();
        create(connect);
        pushedImage = awaitReadyImage(FILES, 1);

        Set<String> before = KafkaClients.topics(broker.plainClientConfig());
        files = ConnectPodWorker.start(client, registry, NAMESPACE, FILES, work.resolve(FILES),
                ConnectPodWorker.Options.bootstrap(broker.bootstrap(KafkaBroker.Listener.PLAIN))
                        .restAt(serviceAddress, KafkaConnectCluster.REST_API_PORT).jmxAt(JMX_PORT).onNode(NODE))
                .awaitReady(READY);
        ConnectPodWorker.reportRolledOut(client, NAMESPACE, FILES, 1);
        Set<String> after = new TreeSet<>(KafkaClients.topics(broker.plainClientConfig()));
        after.removeAll(before);
        topicsOfFiles = after;
    }

    @AfterAll
    static void stopEverything() {
        stopParts(files, broker);
    }

    // 1. the plugin from the pushed image, a connector through the REST API, its records read by a consumer
    @Test
    void theWorkerLoadsConnectFileFromThePushedImageAndItsConnectorWritesRecords() throws IOException {
        List<String> classes = files.rest().connectorPlugins().stream().map(ConnectRest.ConnectorPlugin::className).toList();
        assertTrue(classes.contains("org.apache.kafka.connect.file.FileStreamSourceConnector"), classes::toString);
        assertTrue(files.log().firstMatch(Pattern.compile("Registered loader: PluginClassLoader\\{pluginLocation=file:.*"
                + "/opt-kafka/plugins/connect-file/")).isPresent(), () -> files.log().tail(60));

        List<String> lines = IntStream.rangeClosed(1, 5).mapToObj(i -> "record " + i).toList();
        Path input = Files.write(work.resolve("source.txt"), lines);
        files.rest().createConnector("file-source", Map.of("connector.class", "FileStreamSource", "tasks.max", "1",
                "file", input.toString(), "topic", "file-records"));
        files.awaitConnectorRunning("file-source", 1, Duration.ofSeconds(60));
        List<String> values = KafkaClients.consume(broker.plainClientConfig(), "file-records", lines.size(), Duration.ofSeconds(60));
        // Strimzi's default JsonConverter: each line in its envelope
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(values.get(i).contains("\"payload\":\"" + lines.get(i) + "\""), values.get(i));
        }
    }

    // 5. logging and jvmOptions in the running worker
    @Test
    void loggingAndJvmOptionsOfTheResourceAreThoseOfTheRunningWorker() {
        List<String> commandLine = files.process().commandLine();
        assertTrue(commandLine.contains("-Xmx320m") && commandLine.contains("-Xms128m"), commandLine::toString);
        assertTrue(commandLine.contains("-Dlocal.scenario=jvm-options"), commandLine::toString);
        assertTrue(files.process().jcmd("VM.flags").contains("-XX:MaxHeapSize=" + 320L * 1024 * 1024));
        assertEquals("DEBUG", files.rest().loggerLevel(DEBUG_LOGGER));
        assertEquals("INFO", files.rest().loggerLevel("root"));
        assertTrue(files.log().firstMatch(Pattern.compile(" DEBUG .*\\(" + Pattern.quote(DEBUG_LOGGER) + "\\)")).isPresent(),
                () -> files.log().tail(40));
    }

    // rack: the init container wrote the node's zone, which a sink task's consumer uses; JMX: the generated credentials
    @Test
    void theRackOfTheNodeReachesTheConsumersAndJmxTakesOnlyTheGeneratedCredentials() throws Exception {
        files.rest().createConnector("rack-sink", Map.of("connector.class", "FileStreamSink", "tasks.max", "1",
                "file", work.resolve("rack-sink.txt").toString(), "topics", "rack-records"));
        files.log().await(Pattern.compile("client\\.rack = " + Pattern.quote(ZONE)), READY, files.process()::isAlive);

        Secret secret = client.secrets().inNamespace(NAMESPACE).withName(FILES + "-connect-jmx").get();
        String username = new String(Base64.getDecoder().decode(secret.getData().get("jmx-username")), StandardCharsets.UTF_8);
        String password = new String(Base64.getDecoder().decode(secret.getData().get("jmx-password")), StandardCharsets.UTF_8);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + serviceAddress + ":" + JMX_PORT + "/jmxrmi");
        try (JMXConnector jmx = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {username, password}))) {
            assertFalse(jmx.getMBeanServerConnection().queryNames(new ObjectName("kafka.connect:type=connect-worker-metrics"), null)
                    .isEmpty(), "the worker's metrics over JMX");
        }
        assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url,
                Map.of(JMXConnector.CREDENTIALS, new String[] {username, "not-" + password})).close());
        assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url).close(), "no anonymous access");
    }

    // 6. the group and the storage topics, exactly
    @Test
    void theWorkerCreatesAndUsesExactlyTheGroupAndStorageTopicsOfTheResource() {
        assertTrue(topicsOfFiles.containsAll(Set.of(GROUP + "-configs", GROUP + "-offsets", GROUP + "-status")), topicsOfFiles::toString);
        assertTrue(topicsOfFiles.stream().allMatch(t -> t.startsWith(GROUP + "-") || t.equals("file-records")), topicsOfFiles::toString);
        for (String topic : List.of(GROUP + "-configs", GROUP + "-offsets", GROUP + "-status")) {
            assertEquals("compact", KafkaClients.topicConfig(broker.plainClientConfig(), topic).get("cleanup.policy"), topic);
        }
        assertEquals("connect", KafkaClients.groups(broker.plainClientConfig()).get(GROUP).protocol());
    }

    // status.connectorPlugins from the REST API Service; a change of levels reaches the running worker, no roll
    @Test
    void theStatusListsThePluginsAndALevelChangeReachesTheRunningWorkerWithoutARoll() {
        PodTemplateSpec before = client.apps().deployments().inNamespace(NAMESPACE).withName(FILES + "-connect").get().getSpec().getTemplate();
        long generation = update(FILES, c -> ((InlineLogging) c.getSpec().getLogging()).setLoggers(Map.of(
                "logger.herder.name", DEBUG_LOGGER, "logger.herder.level", "DEBUG",
                "logger.worker.name", DYNAMIC_LOGGER, "logger.worker.level", "TRACE")));
        List<ConnectorPlugin> plugins = await("status.connectorPlugins of " + FILES, () -> {
            KafkaConnect c = client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName(FILES).get();
            return c.getStatus() != null && c.getStatus().getObservedGeneration() != null
                    && c.getStatus().getObservedGeneration() >= generation ? c.getStatus().getConnectorPlugins() : null;
        }, p -> p != null && p.stream().anyMatch(x -> x.getClassName().equals("org.apache.kafka.connect.file.FileStreamSourceConnector")));
        assertTrue(plugins.stream().anyMatch(p -> "source".equals(p.getType()) && KafkaRuntime.version().equals(p.getVersion())),
                plugins::toString);
        assertEquals("TRACE", files.rest().loggerLevel(DYNAMIC_LOGGER), "set through the REST API by the operator");
        assertEquals(before, client.apps().deployments().inNamespace(NAMESPACE).withName(FILES + "-connect").get().getSpec().getTemplate(),
                "a change of levels only does not roll the pods");
        assertTrue(client.configMaps().inNamespace(NAMESPACE).withName(FILES + "-connect-config").get().getData()
                .get("log4j2.properties").contains("logger.worker.level=TRACE"));
    }

    // 2. TLS with trustedCertificates; a CA that did not sign the broker's certificate fails
    @Test
    void tlsWithTrustedCertificatesConnectsAndAnotherCaFails() {
        secret("cluster-ca-cert", Map.of("ca.crt", broker.clusterCa().certificatePem()));
        secret("rogue-ca-cert", Map.of("ca.crt", CertificateAuthority.create("rogue-ca").certificatePem()));
        assertConnects(tlsConnect("tls-ok", "cluster-ca-cert"), KafkaBroker.Listener.TLS);
        assertFails(tlsConnect("tls-rogue", "rogue-ca-cert"), KafkaBroker.Listener.TLS,
                "Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed", "SSL handshake failed");
    }

    // 3. SCRAM-SHA-512 over TLS with the password from a Secret; a wrong password fails
    @Test
    void scramSha512WithThePasswordSecretConnectsAndAWrongPasswordFails() {
        secret("cluster-ca-cert-scram", Map.of("ca.crt", broker.clusterCa().certificatePem()));
        secret("scram-password", Map.of("password", SCRAM_PASSWORD));
        secret("scram-wrong-password", Map.of("password", "not-" + SCRAM_PASSWORD));
        assertConnects(scramConnect("scram-ok", "scram-password"), KafkaBroker.Listener.SCRAM);
        String reason = "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512";
        assertFails(scramConnect("scram-wrong", "scram-wrong-password"), KafkaBroker.Listener.SCRAM,
                "SaslAuthenticationException: " + reason, reason);
    }

    // 4. TLS client authentication; a certificate of another CA fails
    @Test
    void tlsClientAuthenticationConnectsAndACertificateOfAnotherCaFails() {
        secret("cluster-ca-cert-mtls", Map.of("ca.crt", broker.clusterCa().certificatePem()));
        userSecret("my-connect-user", broker.clientsCa().issueClient("my-connect"));
        userSecret("rogue-user", CertificateAuthority.create("rogue-clients-ca").issueClient("my-connect"));
        assertConnects(mtlsConnect("mtls-ok", "my-connect-user"), KafkaBroker.Listener.MTLS);
        assertFails(mtlsConnect("mtls-rogue", "rogue-user"), KafkaBroker.Listener.MTLS,
                "Caused by: javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate", "SSL handshake failed");
    }

    /** A KafkaConnect of the pushed image (no build), its TLS trusting the CA of {@code caSecret}. */
    private static KafkaConnect tlsConnect(String name, String caSecret) {
        KafkaConnect connect = connect(name, "unused");
        connect.getSpec().setBuild(null);
        connect.getSpec().setImage(pushedImage);
        connect.getSpec().setGroupId(name);
        connect.getSpec().setConfigStorageTopic(name + "-configs");
        connect.getSpec().setOffsetStorageTopic(name + "-offsets");
        connect.getSpec().setStatusStorageTopic(name + "-status");
        Map<String, Object> config = new java.util.HashMap<>(STORAGE_RF);
        // These scenarios test the connection, not plugin scanning: Connect's service-loader discovery is faster.
        config.put("plugin.discovery", "service_load");
        connect.getSpec().setConfig(config);
        CertSecretSource ca = new CertSecretSource();
        ca.setSecretName(caSecret);
        ca.setCertificate("ca.crt");
        ClientTls tls = new ClientTls();
        tls.setTrustedCertificates(List.of(ca));
        connect.getSpec().setTls(tls);
        return connect;
    }

    private static KafkaConnect scramConnect(String name, String passwordSecret) {
        KafkaConnect connect = tlsConnect(name, "cluster-ca-cert-scram");
        KafkaClientAuthenticationScramSha512 scram = new KafkaClientAuthenticationScramSha512();
        scram.setUsername(SCRAM_USER);
        PasswordSecretSource password = new PasswordSecretSource();
        password.setSecretName(passwordSecret);
        password.setPassword("password");
        scram.setPasswordSecret(password);
        connect.getSpec().setAuthentication(scram);
        return connect;
    }

    private static KafkaConnect mtlsConnect(String name, String userSecret) {
        KafkaConnect connect = tlsConnect(name, "cluster-ca-cert-mtls");
        KafkaClientAuthenticationTls tls = new KafkaClientAuthenticationTls();
        CertAndKeySecretSource certAndKey = new CertAndKeySecretSource();
        certAndKey.setSecretName(userSecret);
        certAndKey.setCertificate("user.crt");
        certAndKey.setKey("user.key");
        tls.setCertificateAndKey(certAndKey);
        connect.getSpec().setAuthentication(tls);
        return connect;
    }

    /** Ready, then a worker on what the operator wrote: healthy, with its topics and group on the broker. */
    private static void assertConnects(KafkaConnect connect, KafkaBroker.Listener listener) {
        String name = connect.getMetadata().getName();
        try (ConnectWorker worker = workerFor(connect, listener)) {
            worker.awaitReady(READY);
            Set<String> topics = KafkaClients.topics(broker.plainClientConfig());
            assertTrue(topics.containsAll(Set.of(name + "-configs", name + "-offsets", name + "-status")), topics::toString);
            assertEquals("connect", KafkaClients.groups(broker.plainClientConfig()).get(name).protocol());
            assertFalse(client.configMaps().inNamespace(NAMESPACE).withName(name + "-connect-config").get().getData()
                    .get(KafkaConnectCluster.CONFIG_FILE).contains(SCRAM_PASSWORD), "no password in the ConfigMap");
        }
    }

    /** Ready (the resource is valid), but the worker stops with the error in its log, and the broker says why. */
    private static void assertFails(KafkaConnect connect, KafkaBroker.Listener listener, String workerError, String brokerReason) {
        try (ConnectWorker worker = workerFor(connect, listener)) {
            int exit = worker.awaitExit(READY);
            assertNotEquals(0, exit, () -> worker.log().tail(60));
            assertTrue(worker.log().firstMatch(Pattern.compile(Pattern.quote(workerError))).isPresent(),
                    () -> "no '" + workerError + "' in the worker's log:\n" + worker.log().tail(80));
            broker.log().await(Pattern.compile("Failed authentication with /127\\.0\\.0\\.1 \\(channelId=127\\.0\\.0\\.1:"
                    + broker.port(listener) + "-.*\\(" + Pattern.quote(brokerReason) + "\\)"), READY, broker.process()::isAlive);
        }
    }

    private static ConnectWorker workerFor(KafkaConnect connect, KafkaBroker.Listener listener) {
        create(connect);
        String name = connect.getMetadata().getName();
        assertEquals(pushedImage, awaitReadyImage(name, 1));
        return ConnectPodWorker.start(client, registry, NAMESPACE, name, work.resolve(name),
                ConnectPodWorker.Options.bootstrap(broker.bootstrap(listener)));
    }

    private static void secret(String name, Map<String, String> data) {
        SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata();
        data.forEach((k, v) -> secret.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        client.secrets().inNamespace(NAMESPACE).resource(secret.build()).create();
    }

    /** A TLS user's Secret as Strimzi's User Operator writes it (PEM certificate and PKCS#8 key). */
    private static void userSecret(String name, KeyAndCertificate user) {
        secret(name, Map.of("user.crt", user.certificatePem(), "user.key", user.privateKeyPem(),
                "ca.crt", broker.clientsCa().certificatePem()));
    }
}
