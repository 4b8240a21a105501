package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.template.ContainerTemplate;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.api.kafka.model.template.ResourceTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ConnectImages;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.template.ContainerTemplates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * `.spec.rack`, as Strimzi does it for Connect: an init container (`kafka-init`, from `.spec.clientRackInitImage` or
 * the operator's {@code STRIMZI_DEFAULT_KAFKA_INIT_IMAGE}) reads the label `topologyKey` of the pod's node through the
 * Kubernetes API and writes it to `rack.id` in an emptyDir mounted at /opt/kafka/init in both containers; the worker
 * configuration sets `consumer.client.rack` from that file (the `strimzidir` provider). Reading a node needs a
 * cluster-wide permission: a ClusterRoleBinding `strimzi-<namespace>-<name>-connect-init` binds the Connect pods'
 * ServiceAccount to the ClusterRole `strimzi-kafka-client` (install/ and the chart create it). Being cluster-scoped it
 * can have no owner reference: the operator deletes it when `.spec.rack` or the KafkaConnect goes away.
 */
public final class ConnectRack {
    public static final String INIT_CONTAINER_NAME = "kafka-init";
    public static final String VOLUME = "rack-volume";
    public static final String MOUNT_PATH = "/opt/kafka/init";
    public static final String RACK_FILE = "rack.id";
    /** The init program of the operator image (docker-images/operator/scripts), as in Strimzi's operator image. */
    public static final String INIT_COMMAND = "/opt/strimzi/bin/kafka_init_run.sh";
    public static final String NODE_NAME_ENV = "NODE_NAME";
    public static final String TOPOLOGY_KEY_ENV = "RACK_TOPOLOGY_KEY";
    /** The ClusterRole (install/, the chart) that lets the init container read nodes; Strimzi's name. */
    public static final String CLUSTER_ROLE = "strimzi-kafka-client";
    static final String CLIENT_RACK_KEY = "consumer.client.rack";
    private static final String FIELD = ".spec.rack";
    private static final String INIT_FIELD = ".spec.template.initContainer";
    /** A label key as Kubernetes allows it: an optional DNS subdomain prefix and a name of at most 63 characters. */
    private static final Pattern LABEL_KEY = Pattern.compile(
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");

    private ConnectRack() {
    }

    static boolean enabled(KafkaConnectSpec spec) {
        return spec.getRack() != null;
    }

    /**
     * @throws InvalidResourceException naming the field: a missing or invalid `topologyKey`, an invalid
     *                                  `clientRackInitImage`, an init container template without `.spec.rack`
     */
    static void validate(KafkaConnectSpec spec) {
        if (spec.getRack() == null) {
            KafkaConnectTemplate t = spec.getTemplate();
            List<String> rackOnly = new ArrayList<>();
            if (spec.getClientRackInitImage() != null) {
                rackOnly.add(".spec.clientRackInitImage");
            }
            if (t != null && t.getInitContainer() != null) {
                rackOnly.add(INIT_FIELD);
            }
            if (t != null && t.getClusterRoleBinding() != null) {
                rackOnly.add(".spec.template.clusterRoleBinding");
            }
            if (!rackOnly.isEmpty()) {
                throw new InvalidResourceException(String.join(", ", rackOnly) + (rackOnly.size() == 1 ? " applies" : " apply")
                        + " with .spec.rack (the rack init container and its ClusterRoleBinding); set .spec.rack or remove "
                        + (rackOnly.size() == 1 ? "it" : "them"));
            }
            return;
        }
        String key = spec.getRack().getTopologyKey();
        if (key == null || key.length() > 316 || !LABEL_KEY.matcher(key).matches()) {
            throw new InvalidResourceException(FIELD + ".topologyKey must be a node label key, such as "
                    + "topology.kubernetes.io/zone");
        }
        if (spec.getClientRackInitImage() != null) {
            ConnectImages.parse(".spec.clientRackInitImage", spec.getClientRackInitImage());
        }
    }

    /** The worker configuration key Strimzi sets for Connect: the consumers fetch from the closest replica. */
    static Map<String, String> config(KafkaConnectSpec spec) {
        return enabled(spec) ? Map.of(CLIENT_RACK_KEY, ConfigProviders.file(MOUNT_PATH, RACK_FILE)) : Map.of();
    }

    static List<Volume> volumes(KafkaConnectSpec spec) {
        return enabled(spec) ? List.of(new VolumeBuilder().withName(VOLUME).withNewEmptyDir().endEmptyDir().build()) : List.of();
    }

    /** The Connect container's mount of the rack file (read-only: only the init container writes it). */
    static List<VolumeMount> mounts(KafkaConnectSpec spec) {
        return enabled(spec) ? List.of(mount(true)) : List.of();
    }

    /**
     * The init container, or none without `.spec.rack`.
     *
     * @param templateMounts the init container template's mounts, checked against the pod template's volumes
     */
    static List<Container> initContainers(KafkaConnect connect, ClusterOperatorConfig config, List<VolumeMount> templateMounts) {
        KafkaConnectSpec spec = connect.getSpec();
        if (!enabled(spec)) {
            return List.of();
        }
        ContainerTemplate template = template(spec);
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName(NODE_NAME_ENV)
                .withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName").endFieldRef().endValueFrom().build());
        env.add(new EnvVar(TOPOLOGY_KEY_ENV, spec.getRack().getTopologyKey(), null));
        List<EnvVar> templateEnv = ContainerTemplates.env(INIT_FIELD, template);
        for (int i = 0; i < templateEnv.size(); i++) {
            if (Set.of(NODE_NAME_ENV, TOPOLOGY_KEY_ENV).contains(templateEnv.get(i).getName())) {
                throw new InvalidResourceException(INIT_FIELD + ".env[" + i + "].name " + templateEnv.get(i).getName()
                        + " is set by the operator (from .spec.rack)");
            }
        }
        env.addAll(templateEnv);
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount(false));
        mounts.addAll(templateMounts);
        String image = spec.getClientRackInitImage() != null ? spec.getClientRackInitImage() : config.kafkaInitImage();
        return List.of(new ContainerBuilder()
                .withName(INIT_CONTAINER_NAME)
                .withImage(image)
                .withCommand(INIT_COMMAND)
                .withImagePullPolicy(config.imagePullPolicy() != null ? config.imagePullPolicy().name() : null)
                .withEnv(env)
                .withVolumeMounts(mounts)
                .withSecurityContext(template != null && template.getSecurityContext() != null ? template.getSecurityContext()
                        : ConnectPod.defaultSecurityContext(config.podSecurityProfile()))
                .build());
    }

    /** `.spec.template.initContainer`, or null. */
    static ContainerTemplate template(KafkaConnectSpec spec) {
        KafkaConnectTemplate t = spec.getTemplate();
        return t == null ? null : t.getInitContainer();
    }

    static String templateField() {
        return INIT_FIELD;
    }

    /** Strimzi's name: cluster-scoped, so the namespace is part of it. */
    public static String clusterRoleBindingName(String namespace, String connectName) {
        return "strimzi-" + namespace + "-" + KafkaConnectCluster.deploymentName(connectName) + "-init";
    }

    /** The ClusterRoleBinding of the init container, or none without `.spec.rack`. */
    static List<ClusterRoleBinding> clusterRoleBindings(KafkaConnect connect) {
        if (!enabled(connect.getSpec())) {
            return List.of();
        }
        String namespace = connect.getMetadata().getNamespace();
        String name = connect.getMetadata().getName();
        KafkaConnectTemplate t = connect.getSpec().getTemplate();
        ResourceTemplate template = t == null ? null : t.getClusterRoleBinding();
        ObjectMeta meta = ConnectMetadata.clusterScoped(connect, clusterRoleBindingName(namespace, name), template);
        return List.of(new ClusterRoleBindingBuilder()
                .withMetadata(meta)
                .addNewSubject().withKind("ServiceAccount").withName(KafkaConnectCluster.serviceAccountName(name))
                    .withNamespace(namespace).endSubject()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(CLUSTER_ROLE).endRoleRef()
                .build());
    }

    private static VolumeMount mount(boolean readOnly) {
        return new VolumeMountBuilder().withName(VOLUME).withMountPath(MOUNT_PATH).withReadOnly(readOnly ? true : null).build();
    }
}
