package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code make run KEEP=1}: once the first build is Ready, everything keeps running for a real kubectl. Writes the
 * kubeconfig to {@value #KUBECONFIG} (a stable path) and a second example to {@value #ANOTHER_EXAMPLE}, prints
 * commands to try, then reports every change of a KafkaConnect's Ready condition and Deployment image until
 * Ctrl-C, which ends every process the run started (by PID) and removes the kubeconfig.
 */
final class KeepRunning {
    static final String KUBECONFIG = "local-cluster/target/kubeconfig";
    static final String ANOTHER_EXAMPLE = "local-cluster/target/another-connect.yaml";

    private final PrintStream out;
    private final LocalParts parts;
    private final LocalOperator operator;
    private final KafkaConnect connect;
    private volatile boolean stopping;

    KeepRunning(PrintStream out, LocalParts parts, LocalOperator operator, KafkaConnect connect) {
        this.out = out;
        this.parts = parts;
        this.operator = operator;
        this.connect = connect;
    }

    /** Never returns normally: the JVM ends through Ctrl-C (or SIGTERM) and the shutdown hook. */
    int run() {
        Path kubeconfig = parts.writeKubeconfig(createParent(Path.of(KUBECONFIG)));
        Path another = writeAnotherExample(Path.of(ANOTHER_EXAMPLE));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            out.println("==> Stopping: the operator, the kubelet's containers, the registry and the API server");
            try {
                operator.close();
                parts.close();
            } finally {
                try {
                    Files.deleteIfExists(kubeconfig);
                } catch (IOException e) {
                    // nothing to clean up then
                }
            }
            out.println("==> Stopped");
        }, "keep-running-stop"));
        String kubectl = Kubectl.find().map(path -> path.equals(Path.of("/usr/local/bin/kubectl")) || path.getParent().equals(Path.of("/usr/bin"))
                ? "kubectl" : path.toString()).orElse("kubectl");
        String name = connect.getMetadata().getName();
        out.println();
        out.println("==> Everything keeps running (Ctrl-C stops it). In another terminal:");
        out.println("    export KUBECONFIG=$PWD/" + KUBECONFIG);
        out.println("    " + kubectl + " get kc                                  # the KafkaConnects");
        out.println("    " + kubectl + " describe kc " + name + "                # conditions, build status");
        out.println("    " + kubectl + " edit --validate=false kc " + name + "    # rename a plugin: a rebuild starts");
        out.println("                                          # a wrong sha512sum: a failure to describe");
        out.println("    " + kubectl + " apply --validate=false -f " + another + "   # a second Connect cluster");
        out.println("    " + kubectl + " get pods,deployments");
        out.println("    " + kubectl + " scale kc " + name + " --replicas=2");
        out.println("    (the API server serves no OpenAPI document: apply and edit need --validate=false)");
        out.println();
        follow();
        return 0;
    }

    /** Reports Ready changes and Deployment images of every KafkaConnect in the namespace, until stopped. */
    private void follow() {
        KubernetesClient client = parts.client();
        Map<String, String> seen = new HashMap<>();
        while (!stopping) {
            try {
                for (KafkaConnect current : client.resources(KafkaConnect.class).inNamespace(parts.namespace()).list().getItems()) {
                    String name = current.getMetadata().getName();
                    Condition ready = current.getStatus() == null || current.getStatus().getConditions() == null ? null
                            : current.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
                    Deployment deployment = client.apps().deployments().inNamespace(parts.namespace()).withName(name + "-connect").get();
                    String image = deployment == null ? "no Deployment yet"
                            : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
                    String state = ready == null ? "no status yet" : "Ready=" + ready.getStatus()
                            + (ready.getReason() == null ? "" : " (" + ready.getReason() + ")")
                            + (ready.getMessage() == null ? "" : ": " + LocalCluster.shorten(ready.getMessage().replace('\n', ' ')));
                    String line = "KafkaConnect " + name + " " + state + "; Deployment runs " + image;
                    if (!line.equals(seen.put(name, line))) {
                        out.println("==> " + line);
                    }
                }
            } catch (RuntimeException e) {
                if (!stopping) {
                    out.println("==> cannot read the KafkaConnects: " + e.getMessage());
                }
            }
            LockSupport.parkNanos(1_000_000_000L);
        }
        while (true) {
            LockSupport.park(); // the shutdown hook is running: System.exit must not be called now
        }
    }

    private Path writeAnotherExample(Path file) {
        KafkaConnect copy = parts.client().getKubernetesSerialization().clone(connect);
        copy.getMetadata().setName("another-connect");
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setUid(null);
        copy.getMetadata().setCreationTimestamp(null);
        copy.getMetadata().setGeneration(null);
        copy.getMetadata().setManagedFields(null);
        copy.setStatus(null);
        ((DockerOutput) copy.getSpec().getBuild().getOutput()).setImage(parts.registry().address() + "/connect/another-connect:latest");
        try {
            Files.writeString(createParent(file), parts.client().getKubernetesSerialization().asYaml(copy));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createParent(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
