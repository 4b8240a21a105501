package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.strimzi.operator.cluster.model.connect.ConnectRack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rack init container's program (`kafka-init`) against an API server holding the nodes: it writes the node's
 * topology label where the worker configuration's `consumer.client.rack` reads it, or fails saying why. The last test
 * runs it as the init container does, through the image's scripts with a real JVM.
 */
class KafkaInitCommandTest {
    private static final String ZONE_KEY = "topology.kubernetes.io/zone";

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a")
                .addToLabels(ZONE_KEY, "eu-west-1a").endMetadata().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-unlabelled").endMetadata().build()).create();
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.destroy();
    }

    private record Run(int exit, String output) {
    }

    private Run run(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new KafkaInitCommand(env, server::createClient, new PrintStream(out, true, StandardCharsets.UTF_8)).call();
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> env(String node, Path folder) {
        return Map.of(ConnectRack.NODE_NAME_ENV, node, ConnectRack.TOPOLOGY_KEY_ENV, ZONE_KEY,
                KafkaInitCommand.INIT_FOLDER_ENV, folder.toString());
    }

    @Test
    void writesTheNodesLabelToRackId(@TempDir Path folder) throws Exception {
        Run run = run(env("node-a", folder));
        assertEquals(0, run.exit(), run.output());
        assertEquals("eu-west-1a", Files.readString(folder.resolve("rack.id")));
        assertTrue(run.output().contains("Rack eu-west-1a"), run.output());
    }

    @Test
    void aNodeWithoutTheLabelFailsNamingNodeAndLabel(@TempDir Path folder) {
        Run run = run(env("node-unlabelled", folder));
        assertEquals(1, run.exit());
        assertEquals("kafka-init: node node-unlabelled has no label topology.kubernetes.io/zone (.spec.rack.topologyKey): label "
                + "the nodes or choose a label they have\n", run.output());
        assertFalse(Files.exists(folder.resolve("rack.id")), "no wrong rack");
    }

    @Test
    void aMissingNodeOrVariableFails(@TempDir Path folder) {
        assertEquals("kafka-init: node node-x does not exist\n", run(env("node-x", folder)).output());
        Run noVariables = run(Map.of());
        assertEquals(1, noVariables.exit());
        assertTrue(noVariables.output().contains("NODE_NAME and RACK_TOPOLOGY_KEY must be set"), noVariables.output());
    }

    /**
     * `kafka_init_run.sh` as the image runs it (the container's command), through `cluster_operator_run.sh`, with a
     * `java` that starts the real JVM on the test class path instead of the jar, and the client configured from the
     * environment as in a pod (here the API server's URL instead of the in-cluster one).
     */
    @Test
    void theImagesScriptRunsItForReal(@TempDir Path home) throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path images = Path.of("..", "docker-images", "operator", "scripts");
        for (String script : new String[] {"kafka_init_run.sh", "cluster_operator_run.sh"}) {
            Files.copy(images.resolve(script), bin.resolve(script));
            Files.setPosixFilePermissions(bin.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path jdk = Files.createDirectories(home.resolve("jdk"));
        // Everything up to `-jar <jar>` stays; the jar is replaced by the test class path and the main class.
        Files.writeString(jdk.resolve("java"), """
                #!/bin/sh
                opts=""
                while [ "$1" != "-jar" ]; do opts="$opts $1"; shift; done
                shift 2
                exec "$REAL_JAVA" $opts -cp "$TEST_CLASSPATH" io.strimzi.operator.cluster.Main "$@"
                """);
        Files.setPosixFilePermissions(jdk.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path folder = Files.createDirectories(home.resolve("init"));

        ProcessBuilder builder = new ProcessBuilder(bin.resolve("kafka_init_run.sh").toString()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("PATH", jdk + ":/usr/bin:/bin");
        environment.put("REAL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("TEST_CLASSPATH", System.getProperty("java.class.path"));
        environment.remove("STRIMZI_HOME");
        environment.put("KUBERNETES_MASTER", client.getMasterUrl().toString());
        environment.put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
        environment.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        environment.putAll(env("node-a", folder));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kafka-init ended");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertEquals("eu-west-1a", Files.readString(folder.resolve(ConnectRack.RACK_FILE)), output);
    }
}
