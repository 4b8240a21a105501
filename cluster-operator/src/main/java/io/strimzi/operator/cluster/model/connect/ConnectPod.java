package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
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
 * The Connect Pod: its container (image, configuration, env, mounts, probes, resources, ports), the rack init
 * container ({@link ConnectRack}) and its volumes (the configuration, /tmp, trusted certificates, mounted plugins,
 * the rack file and the template's), with `template.pod`, `template.connectContainer` and `template.initContainer`
 * applied. Validated when made, so that {@link KafkaConnectCluster#fromCrd} refuses what
 * the API server would.
 */
final class ConnectPod {
    static final String CONTAINER_NAME = "kafka-connect";
    static final String CONFIG_VOLUME = "kafka-connect-config";
    static final String TMP_VOLUME = "strimzi-tmp";
    static final String DEFAULT_TMP_SIZE_LIMIT = "5Mi";
    /** The entry point of Strimzi's Kafka image for Connect: it reads the mounted configuration and the variables. */
    static final String COMMAND = "/opt/kafka/kafka_connect_run.sh";
    static final String TRACING_ENV = "STRIMZI_TRACING";
    static final int DEFAULT_READINESS_DELAY = 15;
    static final int DEFAULT_LIVENESS_DELAY = 60;
    private static final String POD_FIELD = ".spec.template.pod";
    private static final String CONTAINER_FIELD = ".spec.template.connectContainer";

    private final KafkaConnect connect;
    private final ClusterOperatorConfig config;
    private final String image;
    private final List<Volume> volumes = new ArrayList<>();
    private final List<VolumeMount> mounts = new ArrayList<>();
    private final List<EnvVar> env = new ArrayList<>();
    private final List<Container> initContainers;

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
        volumes.addAll(ConnectSecurity.volumes(spec));
        volumes.addAll(ExternalConfigurationMounts.volumes(spec));
        volumes.addAll(ConnectRack.volumes(spec));
        mounts.add(new VolumeMountBuilder().withName(CONFIG_VOLUME).withMountPath(KafkaConnectCluster.CONFIG_MOUNT_PATH)
                .withReadOnly(true).build());
        mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
        mounts.addAll(ConnectSecurity.mounts(spec));
        mounts.addAll(ExternalConfigurationMounts.mounts(spec));
        mounts.addAll(ConnectRack.mounts(spec));
        for (MountedPlugins.Mount plugin : MountedPlugins.of(spec.getPlugins())) {
            volumes.add(plugin.volume());
            mounts.add(plugin.mount());
        }

        PodTemplates.addTemplateVolumes(POD_FIELD, pod, CONTAINER_FIELD, container, volumes, mounts);
        initContainers = ConnectRack.initContainers(connect, config, ContainerTemplates.volumeMounts(ConnectRack.templateField(),
                ConnectRack.template(spec), POD_FIELD, PodTemplates.volumeNames(pod), java.util.Set.of(ConnectRack.MOUNT_PATH)));

        env.add(new EnvVar("KAFKA_CONNECT_CONFIGURATION_FILE",
                KafkaConnectCluster.CONFIG_MOUNT_PATH + "/" + KafkaConnectCluster.CONFIG_FILE, null));
        env.add(new EnvVarBuilder().withName(WorkerConfiguration.POD_IP_ENV)
                .withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().build());
        env.addAll(ConnectJvm.env(spec.getJvmOptions(), spec.getResources()));
        if (ConnectMetrics.enabled(spec)) {
            env.add(new EnvVar(ConnectMetrics.ENABLED_ENV, "true", null));
        }
        if (spec.getTracing() != null) {
            env.add(new EnvVar(TRACING_ENV, ConnectTracing.type(spec.getTracing()), null));
        }
        env.addAll(ConnectSecurity.env(spec));
        env.addAll(ConnectJmx.env(connect));
        env.addAll(ExternalConfigurationMounts.env(spec));
        List<EnvVar> templateEnv = ContainerTemplates.env(CONTAINER_FIELD, container);
        java.util.Set<String> operatorEnv = new java.util.HashSet<>();
        env.forEach(variable -> operatorEnv.add(variable.getName()));
        for (int i = 0; i < templateEnv.size(); i++) {
            if (templateEnv.get(i).getName().startsWith("KAFKA_CONNECT_")) {
                throw new InvalidResourceException(CONTAINER_FIELD + ".env[" + i + "].name " + templateEnv.get(i).getName()
                        + " is reserved for the operator (KAFKA_CONNECT_*)");
            }
            if (operatorEnv.contains(templateEnv.get(i).getName())) {
                throw new InvalidResourceException(CONTAINER_FIELD + ".env[" + i + "].name " + templateEnv.get(i).getName()
                        + " is set by the operator (from the resource's fields)");
            }
        }
        env.addAll(templateEnv);
    }

    private ConnectPod(ConnectPod validated, String image) {
        this.connect = validated.connect;
        this.config = validated.config;
        this.image = image;
        volumes.addAll(validated.volumes);
        mounts.addAll(validated.mounts);
        env.addAll(validated.env);
        initContainers = validated.initContainers;
    }

    /** The same Pod running another image, without validating its templates again. */
    ConnectPod withImage(String otherImage) {
        return new ConnectPod(this, otherImage);
    }

    /** The Pod spec of the Deployment's template. */
    PodSpec spec() {
        PodTemplate pod = template(KafkaConnectTemplate::getPod);
        List<LocalObjectReference> pullSecrets = pod != null && pod.getImagePullSecrets() != null
                ? pod.getImagePullSecrets()
                : config.imagePullSecrets().stream().map(LocalObjectReference::new).toList();
        PodSpec spec = new PodSpecBuilder()
                .withServiceAccountName(KafkaConnectCluster.serviceAccountName(connect.getMetadata().getName()))
                .withInitContainers(initContainers.isEmpty() ? null : initContainers)
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
        KafkaConnectSpec spec = connect.getSpec();
        List<ContainerPort> ports = new ArrayList<>();
        ports.add(new ContainerPortBuilder().withName(KafkaConnectCluster.REST_API_PORT_NAME)
                .withContainerPort(KafkaConnectCluster.REST_API_PORT).withProtocol("TCP").build());
        if (ConnectMetrics.enabled(spec)) {
            ports.add(new ContainerPortBuilder().withName(ConnectMetrics.PORT_NAME).withContainerPort(ConnectMetrics.PORT)
                    .withProtocol("TCP").build());
        }
        ports.addAll(ConnectJmx.containerPorts(spec));
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(image)
                .withCommand(COMMAND)
                .withImagePullPolicy(config.imagePullPolicy() != null ? config.imagePullPolicy().name() : null)
                .withPorts(ports)
                .withEnv(env)
                .withVolumeMounts(mounts)
                .withResources(spec.getResources())
                .withReadinessProbe(restApiProbe(".spec.readinessProbe", spec.getReadinessProbe(), DEFAULT_READINESS_DELAY, false))
                .withLivenessProbe(restApiProbe(".spec.livenessProbe", spec.getLivenessProbe(), DEFAULT_LIVENESS_DELAY, true))
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

    /**
     * An HTTP probe of the REST API: the operator's defaults (the delay given, 5 s time-out, every 10 s), with the
     * resource's fields over them.
     *
     * @throws InvalidResourceException for a liveness probe with a success threshold other than 1 (Kubernetes refuses it)
     */
    static Probe restApiProbe(String field, io.strimzi.api.kafka.model.common.Probe probe, int defaultDelay, boolean liveness) {
        if (liveness && probe != null && probe.getSuccessThreshold() != null && probe.getSuccessThreshold() != 1) {
            throw new InvalidResourceException(field + ".successThreshold must be 1 for a liveness probe, but is "
                    + probe.getSuccessThreshold());
        }
        return new ProbeBuilder()
                .withNewHttpGet().withPath("/").withPort(new IntOrString(KafkaConnectCluster.REST_API_PORT_NAME)).endHttpGet()
                .withInitialDelaySeconds(probe != null && probe.getInitialDelaySeconds() != null ? probe.getInitialDelaySeconds() : defaultDelay)
                .withTimeoutSeconds(probe != null && probe.getTimeoutSeconds() != null ? probe.getTimeoutSeconds() : 5)
                .withPeriodSeconds(probe != null && probe.getPeriodSeconds() != null ? probe.getPeriodSeconds() : 10)
                .withSuccessThreshold(probe != null ? probe.getSuccessThreshold() : null)
                .withFailureThreshold(probe != null ? probe.getFailureThreshold() : null)
                .build();
    }

    private <T> T template(java.util.function.Function<KafkaConnectTemplate, T> getter) {
        KafkaConnectTemplate t = connect.getSpec().getTemplate();
        return t == null ? null : getter.apply(t);
    }
}
