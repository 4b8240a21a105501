package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.localkafka.ConnectWorker;
import io.strimzi.localkafka.SecretFiles;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Kafka Connect worker (local-kafka's {@link ConnectWorker}) started from exactly what the operator wrote for a
 * KafkaConnect, as a node would start its Pod: the worker configuration and the Log4j 2 configuration of the Connect
 * ConfigMap, every Secret and ConfigMap volume of the Deployment's Pod written where the container mounts it, the
 * plugin tree of the Pod's image (the image the build pushed) read from the local registry, the container's variables
 * (`valueFrom` resolved as the kubelet resolves it) and the JVM options Strimzi's image derives from them
 * ({@link ConnectImageContract}), after the Pod's init containers ({@link ConnectInitContainers}). Everything under
 * /opt/kafka lives in one host directory, mounted there, so that the paths of the configuration (and the `strimzidir`
 * provider's allowed path) are rewritten together; only `bootstrap.servers` and the REST listener change besides (see
 * {@link ConnectWorker#configChanges()}), and the JMX port (a free one instead of 9999).
 */
public final class ConnectPodWorker {
    static final String KAFKA_HOME = "/opt/kafka";

    private ConnectPodWorker() {
    }

    /** What to start a worker with; {@link #start} does it. */
    /**
     * @param jmxPort  where JMX listens instead of the container's 9999, when the container enables it
     * @param nodeName the node the Pod runs on (`spec.nodeName`), for the rack init container
     */
    public record Options(String bootstrapServers, String restHost, Integer restPort, Integer jmxPort, String nodeName) {
        public static Options bootstrap(String bootstrapServers) {
            return new Options(bootstrapServers, null, null, null, null);
        }

        /** The REST API on another loopback address and port (say, the Service's 8083 on 127.x.y.z). */
        public Options restAt(String host, int port) {
            return new Options(bootstrapServers, host, port, jmxPort, nodeName);
        }

        /** JMX (`jmxOptions`) on this port of the REST API's address. */
        public Options jmxAt(int port) {
            return new Options(bootstrapServers, restHost, restPort, port, nodeName);
        }

        /** The Pod on this node: the rack init container reads its labels. */
        public Options onNode(String node) {
            return new Options(bootstrapServers, restHost, restPort, jmxPort, node);
        }
    }

    /**
     * Reports the Connect Deployment of KafkaConnect {@code name} rolled out with {@code ready} pods, as the Deployment
     * controller does once they are ready (this local cluster has no controller): after this the operator asks the
     * workers' REST API (the plugins, the logger levels).
     */
    public static void reportRolledOut(KubernetesClient client, String namespace, String name, int ready) {
        var deployments = client.apps().deployments().inNamespace(namespace);
        Deployment deployment = deployments.withName(KafkaConnectCluster.deploymentName(name)).get();
        deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(ready).withUpdatedReplicas(ready).withReadyReplicas(ready).withAvailableReplicas(ready).build());
        deployments.resource(deployment).updateStatus();
    }

    /**
     * Starts (without waiting for it) a worker for the Connect Deployment of KafkaConnect {@code name}.
     *
     * @param workDir where the worker's files, its /opt/kafka and its log are kept
     */
    public static ConnectWorker start(KubernetesClient client, LocalRegistry registry, String namespace, String name,
                                      Path workDir, Options options) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(KafkaConnectCluster.deploymentName(name)).get();
        if (deployment == null) {
            throw new IllegalStateException("no Deployment " + KafkaConnectCluster.deploymentName(name) + " in " + namespace);
        }
        ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(KafkaConnectCluster.configMapName(name)).get();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Path kafkaHome = workDir.resolve("opt-kafka");
        extractPlugins(registry, container.getImage(), kafkaHome);
        writeVolumes(client, namespace, pod, container, kafkaHome);
        ConnectInitContainers.run(client, pod, options.nodeName(), kafkaHome, workDir);
        String podIp = options.restHost() != null ? options.restHost() : "127.0.0.1";
        Map<String, String> env = resolveEnv(client, namespace, container, podIp);
        List<String> jvmOptions = new ArrayList<>(ConnectImageContract.jvmOptions(env));
        jvmOptions.addAll(ConnectImageContract.jmxOptions(env, options.jmxPort(), podIp, workDir.resolve("jmx")));

        ConnectWorker.Builder worker = ConnectWorker.builder(workDir)
                .workerProperties(configMap.getData().get(KafkaConnectCluster.CONFIG_FILE))
                .bootstrapServers(options.bootstrapServers())
                .mount(KAFKA_HOME, kafkaHome)
                .jvmOptions(jvmOptions)
                .logConfig(configMap.getData().get("log4j2.properties"));
        env.forEach(worker::env);
        if (options.restHost() != null) {
            worker.restAddress(options.restHost(), options.restPort());
        }
        return worker.start();
    }

    /** The image's /opt/kafka/plugins, as the build pushed it, under {@code kafkaHome/plugins}. */
    static void extractPlugins(LocalRegistry registry, String image, Path kafkaHome) {
        ImageContents contents = ImageContents.read(registry, image);
        try {
            Files.createDirectories(kafkaHome.resolve("plugins"));
            for (String path : contents.list(KafkaConnectCluster.PLUGIN_PATH)) {
                ImageContents.Entry entry = contents.get(path);
                Path target = kafkaHome.resolve(path.substring(KAFKA_HOME.length() + 1));
                if (entry.type() == ImageContents.Entry.Type.DIRECTORY) {
                    Files.createDirectories(target);
                } else if (entry.type() == ImageContents.Entry.Type.FILE) {
                    Files.createDirectories(target.getParent());
                    Files.write(target, entry.content());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each Secret and ConfigMap volume of the container, one file per key, at its mount path under /opt/kafka. */
    private static void writeVolumes(KubernetesClient client, String namespace, PodSpec pod, Container container, Path kafkaHome) {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = volumes.get(mount.getName());
            Map<String, byte[]> files = new LinkedHashMap<>();
            if (volume.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
                if (secret == null) {
                    throw new IllegalStateException("the Pod mounts Secret " + volume.getSecret().getSecretName() + ", which does not exist");
                }
                secret.getData().forEach((k, v) -> files.put(k, Base64.getDecoder().decode(v)));
            } else if (volume.getConfigMap() != null) {
                ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
                configMap.getData().forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
            } else {
                continue; // emptyDir (/tmp): the worker uses its own
            }
            if (!mount.getMountPath().startsWith(KAFKA_HOME + "/")) {
                throw new IllegalStateException("mount " + mount.getMountPath() + " is outside " + KAFKA_HOME);
            }
            SecretFiles.write(kafkaHome.resolve(mount.getMountPath().substring(KAFKA_HOME.length() + 1)), files);
        }
    }

    /** The container's variables with `valueFrom` resolved: Secret and ConfigMap keys, and the Pod's IP. */
    private static Map<String, String> resolveEnv(KubernetesClient client, String namespace, Container container, String podIp) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() == null) {
                env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
            } else if (variable.getValueFrom().getFieldRef() != null) {
                String field = variable.getValueFrom().getFieldRef().getFieldPath();
                if (!field.equals("status.podIP")) {
                    throw new IllegalStateException("unsupported fieldRef " + field);
                }
                env.put(variable.getName(), podIp);
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                var ref = variable.getValueFrom().getSecretKeyRef();
                Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
                env.put(variable.getName(), new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8));
            } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = variable.getValueFrom().getConfigMapKeyRef();
                env.put(variable.getName(), client.configMaps().inNamespace(namespace).withName(ref.getName()).get().getData().get(ref.getKey()));
            }
        }
        return env;
    }
}
