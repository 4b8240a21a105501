package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.strimzi.api.kafka.model.connect.CertSecretSource;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.localkafka.ConnectRest;
import io.strimzi.localkafka.ConnectWorker;
import io.strimzi.localkafka.KafkaBroker;
import io.strimzi.localkafka.KafkaRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * The end of {@code make run}: a real Kafka broker (local-kafka, KRaft, 127.0.0.1) stands for the example's Kafka
 * cluster, the example gets a real connector plugin (Kafka's {@code connect-file}, served from a Maven repository
 * layout by the artifact server) and Secrets with the broker's cluster CA for its trusted certificates; once the
 * Deployment runs the pushed image, a real worker starts on what the operator wrote and on the image's plugins
 * ({@link ConnectPodWorker}) and the connector plugins it loaded are printed. Exit status 0 only when
 * {@code FileStreamSourceConnector} is among them.
 */
public final class ConnectRunProof implements AutoCloseable {
    static final String CONNECT_FILE_PLUGIN = "connect-file";
    static final String FILE_SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    private static final Duration READY = Duration.ofSeconds(180);

    private final Path workDir;
    private final KafkaBroker broker;

    private ConnectRunProof(Path workDir, KafkaBroker broker) {
        this.workDir = workDir;
        this.broker = broker;
    }

    /** Starts the broker (a few seconds), in a work directory of its own. */
    public static ConnectRunProof start() {
        try {
            Path workDir = Files.createTempDirectory("connect-run-proof-");
            return new ConnectRunProof(workDir, KafkaBroker.builder(workDir.resolve("broker")).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the connect-file plugin to the example's build and creates each Secret its trusted certificates name, with
     * the broker's cluster CA as {@code ca.crt}.
     */
    public void adapt(LocalParts parts, KafkaConnect connect, Consumer<String> step) {
        byte[] jar;
        try {
            jar = Files.readAllBytes(KafkaRuntime.connectFileJar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = KafkaRuntime.version();
        JarArtifact artifact = new JarArtifact();
        artifact.setUrl(parts.artifacts().serve("/maven2/org/apache/kafka/connect-file/" + version + "/connect-file-" + version + ".jar", jar));
        artifact.setSha512sum(TestArtifacts.sha512(jar));
        Plugin plugin = new Plugin();
        plugin.setName(CONNECT_FILE_PLUGIN);
        plugin.setArtifacts(List.of(artifact));
        List<Plugin> plugins = new ArrayList<>(connect.getSpec().getBuild().getPlugins());
        plugins.add(plugin);
        connect.getSpec().getBuild().setPlugins(plugins);
        step.accept("Plugin " + CONNECT_FILE_PLUGIN + " added: Kafka's connect-file " + version + ", served at " + artifact.getUrl());
        if (connect.getSpec().getTls() != null && connect.getSpec().getTls().getTrustedCertificates() != null) {
            for (String secret : connect.getSpec().getTls().getTrustedCertificates().stream().map(CertSecretSource::getSecretName)
                    .distinct().toList()) {
                parts.client().secrets().inNamespace(parts.namespace()).resource(new SecretBuilder()
                        .withNewMetadata().withName(secret).endMetadata()
                        .addToData("ca.crt", Base64.getEncoder().encodeToString(broker.clusterCa().certificatePem()
                                .getBytes(StandardCharsets.UTF_8)))
                        .build()).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
                step.accept("Secret " + secret + " holds the local broker's cluster CA (ca.crt)");
            }
        }
    }

    /** Starts the worker on what the operator wrote, prints the plugins it loaded; 0 when connect-file is among them. */
    public int run(LocalParts parts, KafkaConnect connect, PrintStream out, Consumer<String> step) {
        boolean tls = connect.getSpec().getTls() != null;
        KafkaBroker.Listener listener = tls ? KafkaBroker.Listener.TLS : KafkaBroker.Listener.PLAIN;
        if (connect.getSpec().getAuthentication() != null) {
            out.println("The example's .spec.authentication needs a user the local broker does not have: no worker started");
            return 1;
        }
        step.accept("Starting a Kafka Connect worker on the operator's ConfigMap, the Deployment's Secrets and the plugins of "
                + "the pushed image, against the local broker's " + listener + " listener " + broker.bootstrap(listener));
        try (ConnectWorker worker = ConnectPodWorker.start(parts.client(), parts.registry(), parts.namespace(),
                connect.getMetadata().getName(), workDir.resolve("worker"), ConnectPodWorker.Options.bootstrap(broker.bootstrap(listener)))) {
            try {
                worker.awaitReady(READY);
            } catch (RuntimeException e) {
                out.println("The worker did not become ready: " + e.getMessage());
                return 1;
            }
            List<ConnectRest.ConnectorPlugin> plugins = worker.rest().connectorPlugins();
            step.accept("Connector plugins the worker loaded from the image:");
            plugins.forEach(p -> out.println("    " + p.className() + " (" + p.type() + ", " + p.version() + ")"));
            if (plugins.stream().noneMatch(p -> p.className().equals(FILE_SOURCE))) {
                out.println(FILE_SOURCE + " is not among them");
                return 1;
            }
            return 0;
        }
    }

    @Override
    public void close() {
        broker.close();
        Commands.deleteRecursively(workDir);
    }
}
