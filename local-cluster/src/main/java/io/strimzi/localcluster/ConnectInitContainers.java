package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.operator.cluster.Main;
import io.strimzi.operator.cluster.model.connect.ConnectRack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Connect Pod's init containers, run as a kubelet runs them before the worker: the rack init container
 * (`.spec.rack`) runs the program the operator image has at {@link ConnectRack#INIT_COMMAND} (the operator jar's
 * `kafka-init`, here from this JVM's class path) as a child process, with the container's variables (`NODE_NAME` from
 * `spec.nodeName`: the node given), the API server's address instead of the in-cluster one, and its `rack-volume`
 * mount under the worker's /opt/kafka. It reads the node through the API server, as in a cluster. Any other init
 * container is refused rather than skipped.
 */
final class ConnectInitContainers {
    private ConnectInitContainers() {
    }

    /**
     * @param kafkaHome the host directory of the worker's /opt/kafka
     * @throws IllegalStateException when an init container fails (the Pod would not start), with its output
     */
    static void run(KubernetesClient client, PodSpec pod, String nodeName, Path kafkaHome, Path workDir) {
        if (pod.getInitContainers() == null) {
            return;
        }
        for (Container init : pod.getInitContainers()) {
            if (!List.of(ConnectRack.INIT_COMMAND).equals(init.getCommand())) {
                throw new IllegalStateException("init container " + init.getName() + " runs " + init.getCommand()
                        + ", which this machine cannot run");
            }
            if (nodeName == null) {
                throw new IllegalStateException("the Pod has the rack init container: give the worker a node name");
            }
            runRackInit(client, init, nodeName, kafkaHome, workDir);
        }
    }

    private static void runRackInit(KubernetesClient client, Container init, String nodeName, Path kafkaHome, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "kafka-init");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.equals("KUBECONFIG"));
        for (EnvVar variable : init.getEnv()) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null
                    && "spec.nodeName".equals(variable.getValueFrom().getFieldRef().getFieldPath())) {
                env.put(variable.getName(), nodeName);
            } else if (variable.getValueFrom() == null) {
                env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
            } else {
                throw new IllegalStateException("init container variable " + variable.getName() + ": unsupported valueFrom");
            }
        }
        VolumeMount rack = init.getVolumeMounts().stream().filter(m -> ConnectRack.VOLUME.equals(m.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the rack init container does not mount " + ConnectRack.VOLUME));
        Path folder = kafkaHome.resolve(rack.getMountPath().substring(ConnectPodWorker.KAFKA_HOME.length() + 1));
        env.put("INIT_FOLDER", folder.toString());
        env.put("KUBERNETES_MASTER", client.getMasterUrl().toString());
        env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        try {
            Files.createDirectories(folder);
            Path log = workDir.resolve(init.getName() + ".log");
            Files.createDirectories(workDir);
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("init container " + init.getName() + " did not end within 120 s");
                }
            } finally {
                process.destroyForcibly();
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("init container " + init.getName() + " failed (exit " + process.exitValue()
                        + "): " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while init container " + init.getName() + " ran", e);
        }
    }
}
