package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.strimzi.operator.cluster.model.connect.ConnectRack;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * `kafka-init`: the program of the Connect pods' rack init container (`.spec.rack`), as Strimzi's operator image has
 * it. Reads the label `RACK_TOPOLOGY_KEY` of the node `NODE_NAME` (both set by the operator) through the Kubernetes
 * API with the pod's ServiceAccount, and writes its value to `rack.id` in `INIT_FOLDER` (default /opt/kafka/init),
 * where the worker configuration's `consumer.client.rack` reads it.
 * Exit status: 0 written; 1 a variable is missing, the node cannot be read or has no such label (the pod then does not
 * start, and the init container's log says why).
 */
@Command(name = "kafka-init", mixinStandardHelpOptions = true,
        description = "Write the pod's node label RACK_TOPOLOGY_KEY to INIT_FOLDER/rack.id (the rack init container).")
public final class KafkaInitCommand implements Callable<Integer> {
    static final String INIT_FOLDER_ENV = "INIT_FOLDER";

    private final Map<String, String> environment;
    private final Supplier<KubernetesClient> clients;
    private final PrintStream out;

    public KafkaInitCommand() {
        this(System.getenv(), () -> new KubernetesClientBuilder().build(), System.out);
    }

    KafkaInitCommand(Map<String, String> environment, Supplier<KubernetesClient> clients, PrintStream out) {
        this.environment = environment;
        this.clients = clients;
        this.out = out;
    }

    @Override
    public Integer call() {
        String nodeName = environment.get(ConnectRack.NODE_NAME_ENV);
        String topologyKey = environment.get(ConnectRack.TOPOLOGY_KEY_ENV);
        if (nodeName == null || nodeName.isBlank() || topologyKey == null || topologyKey.isBlank()) {
            return fail(ConnectRack.NODE_NAME_ENV + " and " + ConnectRack.TOPOLOGY_KEY_ENV + " must be set (the operator sets them)");
        }
        Path folder = Path.of(environment.getOrDefault(INIT_FOLDER_ENV, ConnectRack.MOUNT_PATH));
        String rack;
        try (KubernetesClient client = clients.get()) {
            Node node = client.nodes().withName(nodeName).get();
            if (node == null) {
                return fail("node " + nodeName + " does not exist");
            }
            Map<String, String> labels = node.getMetadata().getLabels();
            rack = labels == null ? null : labels.get(topologyKey);
            if (rack == null || rack.isEmpty()) {
                return fail("node " + nodeName + " has no label " + topologyKey + " (.spec.rack.topologyKey): label the "
                        + "nodes or choose a label they have");
            }
        } catch (KubernetesClientException e) {
            return fail("reading node " + nodeName + " failed: " + e.getMessage() + " (the Connect ServiceAccount needs the "
                    + "ClusterRoleBinding to ClusterRole " + ConnectRack.CLUSTER_ROLE + " the operator creates)");
        }
        try {
            // Written aside and moved, so that the worker never reads a partial file.
            Path written = Files.writeString(folder.resolve(ConnectRack.RACK_FILE + ".tmp"), rack, StandardCharsets.UTF_8);
            Files.move(written, folder.resolve(ConnectRack.RACK_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return fail("writing " + folder.resolve(ConnectRack.RACK_FILE) + " failed: " + e);
        }
        out.println("Rack " + rack + " (label " + topologyKey + " of node " + nodeName + ") written to "
                + folder.resolve(ConnectRack.RACK_FILE));
        out.flush();
        return 0;
    }

    private int fail(String message) {
        out.println("kafka-init: " + message);
        out.flush();
        return 1;
    }
}
