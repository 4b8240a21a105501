package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.template.ContainerTemplate;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.api.kafka.model.template.PodTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.PodSecurityProfile;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.template.ContainerTemplates;
import io.strimzi.operator.cluster.model.template.PodTemplates;

import java.util.ArrayList;
import java.util.List;

/**
 * The Connect Pod: its container (image, configuration, env, mounts, probes, resources) and its volumes (the
 * configuration, /tmp, trusted certificates, mounted plugins and the template's), with `template.pod` and
 * `template.connectContainer` applied. Validated when made, so that {@link KafkaConnectCluster#fromCrd} refuses what
 * the API server would.
 */
final class ConnectPod {
    static final String CONTAINER_NAME = "kafka-connect";
    static final String CONFIG_VOLUME = "kafka-connect-config";
    static final String TMP_VOLUME = "strimzi-tmp";
    static final String DEFAULT_TMP_SIZE_LIMIT = "5Mi";
    private static final String POD_FIELD = ".spec.template.pod";
    private static final String CONTAINER_FIELD = ".spec.template.connectContainer";

    private final KafkaConnect connect;
    private final ClusterOperatorConfig config;
    private final String image;
    private final List<Volume> volumes = new ArrayList<>();
    private final List<VolumeMount> mounts = new ArrayList<>();
    private final List<EnvVar> env = new ArrayList<>();

    /** @throws InvalidResourceException naming the field of an invalid plugin, volume, mount or variable */
    ConnectPod(KafkaConnect connect, ClusterOperatorConfig config, String image) {
        this.connect = connect;
        this.config = config;
        this.image = image;
        KafkaConnectSpec spec = connect.getSpec();
        PodTemplate pod = template(KafkaConnectTemplate::getPod);
        ContainerTemplate container = template(KafkaConnectTemplate::getConnectContainer);

        String tmpLimit = pod != null && pod.getTmpDirSizeLimit() != null ? pod.getTmpDirSizeLimit() : DEFAULT_TMP_SIZE_LIMIT;
        volumes.add(new VolumeBuilder().withName(CONFIG_VOLUME)
                .withNewConfigMap().withName(KafkaConnectCluster.configMapName(connect.getMetadata().getName())).endConfigMap().build());
        volumes.add(new VolumeBuilder().withName(TMP_VOLUME)
                .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(tmpLimit)).endEmptyDir().build());
        volumes.addAll(TrustedCertificates.volumes(spec));
        mounts.add(new VolumeMountBuilder().withName(CONFIG_VOLUME).withMountPath(KafkaConnectCluster.CONFIG_MOUNT_PATH)
                .withReadOnly(true).build());
        mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
        mounts.addAll(TrustedCertificates.mounts(spec));
        for (MountedPlugins.Mount plugin : MountedPlugins.of(spec.getPlugins())) {
            volumes.add(plugin.volume());
            mounts.add(plugin.mount());
        }

        PodTemplates.addTemplateVolumes(POD_FIELD, pod, CONTAINER_FIELD, container, volumes, mounts);

        env.add(new EnvVar("KAFKA_CONNECT_CONFIGURATION_FILE",
                KafkaConnectCluster.CONFIG_MOUNT_PATH + "/" + KafkaConnectCluster.CONFIG_FILE, null));
        String trusted = TrustedCertificates.env(spec);
        if (trusted != null) {
            env.add(new EnvVar("KAFKA_CONNECT_TRUSTED_CERTIFICATES", trusted, null));
        }
        List<EnvVar> templateEnv = ContainerTemplates.env(CONTAINER_FIELD, container);
        for (int i = 0; i < templateEnv.size(); i++) {
            if (templateEnv.get(i).getName().startsWith("KAFKA_CONNECT_")) {
                throw new InvalidResourceException(CONTAINER_FIELD + ".env[" + i + "].name " + templateEnv.get(i).getName()
                        + " is reserved for the operator (KAFKA_CONNECT_*)");
            }
        }
        env.addAll(templateEnv);
    }

    /** The Pod spec of the Deployment's template. */
    PodSpec spec() {
        PodTemplate pod = template(KafkaConnectTemplate::getPod);
        List<LocalObjectReference> pullSecrets = pod != null && pod.getImagePullSecrets() != null
                ? pod.getImagePullSecrets()
                : config.imagePullSecrets().stream().map(LocalObjectReference::new).toList();
        PodSpec spec = new PodSpecBuilder()
                .withServiceAccountName(KafkaConnectCluster.serviceAccountName(connect.getMetadata().getName()))
                .withContainers(container())
                .withVolumes(volumes)
                .withImagePullSecrets(pullSecrets.isEmpty() ? null : pullSecrets)
                .withSecurityContext(pod != null ? pod.getSecurityContext() : null)
                .withTolerations(pod != null ? pod.getTolerations() : null)
                .withAffinity(pod != null ? pod.getAffinity() : null)
                .withNodeSelector(pod != null ? pod.getNodeSelector() : null)
                .withPriorityClassName(pod != null ? pod.getPriorityClassName() : null)
                .build();
        PodTemplates.applyTo(spec, pod);
        return spec;
    }

    private Container container() {
        ContainerTemplate containerTemplate = template(KafkaConnectTemplate::getConnectContainer);
        SecurityContext securityContext = containerTemplate != null && containerTemplate.getSecurityContext() != null
                ? containerTemplate.getSecurityContext() : defaultSecurityContext(config.podSecurityProfile());
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(image)
                .withImagePullPolicy(config.imagePullPolicy() != null ? config.imagePullPolicy().name() : null)
                .addNewPort().withName(KafkaConnectCluster.REST_API_PORT_NAME).withContainerPort(KafkaConnectCluster.REST_API_PORT)
                    .withProtocol("TCP").endPort()
                .withEnv(env)
                .withVolumeMounts(mounts)
                .withResources(connect.getSpec().getResources())
                .withReadinessProbe(restApiProbe(15))
                .withLivenessProbe(restApiProbe(60))
                .withSecurityContext(securityContext)
                .build();
    }

    /**
     * The container's security context when the template sets none: none under the baseline profile (Kubernetes'
     * defaults), and what Strimzi's restricted provider gives under the restricted one.
     */
    static SecurityContext defaultSecurityContext(PodSecurityProfile profile) {
        if (profile != PodSecurityProfile.RESTRICTED) {
            return null;
        }
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }

    private static Probe restApiProbe(int initialDelaySeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath("/").withPort(new IntOrString(KafkaConnectCluster.REST_API_PORT_NAME)).endHttpGet()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withTimeoutSeconds(5)
                .withPeriodSeconds(10)
                .build();
    }

    private <T> T template(java.util.function.Function<KafkaConnectTemplate, T> getter) {
        KafkaConnectTemplate t = connect.getSpec().getTemplate();
        return t == null ? null : getter.apply(t);
    }
}
