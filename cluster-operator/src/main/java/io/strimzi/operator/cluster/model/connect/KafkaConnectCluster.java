package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.strimzi.api.kafka.model.connect.CertSecretSource;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.template.ContainerEnvVar;
import io.strimzi.api.kafka.model.template.ContainerTemplate;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.api.kafka.model.template.MetadataTemplate;
import io.strimzi.api.kafka.model.template.PodTemplate;
import io.strimzi.api.kafka.model.template.ResourceTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ConnectImages;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.OwnerReferences;
import io.strimzi.operator.cluster.values.ControlCharacters;
import io.strimzi.operator.cluster.values.KubernetesNames;
import io.strimzi.operator.cluster.values.Sha256;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kafka Connect workload of one KafkaConnect: its Deployment, REST API Service and configuration ConfigMap.
 * Pure: built from the resource, the operator configuration and (with `.spec.build`) the built image.
 */
public final class KafkaConnectCluster {
    public static final int REST_API_PORT = 8083;
    public static final String REST_API_PORT_NAME = "rest-api";
    public static final String PLUGIN_PATH = "/opt/kafka/plugins";
    public static final String CONFIG_FILE = "kafka-connect.properties";
    public static final String CONFIG_MOUNT_PATH = "/opt/kafka/custom-config";
    public static final String TRUSTED_CERTS_PATH = "/opt/kafka/connect-certs";
    /** On the pod template: a hash of the configuration, so that a configuration change rolls the pods. */
    public static final String CONFIG_HASH_ANNOTATION = "strimzi.io/connect-config-hash";
    public static final int DEFAULT_REPLICAS = 3;
    static final String DEFAULT_TMP_SIZE_LIMIT = "5Mi";

    /** Keys the operator owns; a user value would break the pods' wiring. */
    static final Set<String> OPERATOR_OWNED_CONFIG = Set.of("bootstrap.servers", "plugin.path", "rest.port",
            "listeners", "rest.advertised.port", "rest.advertised.host.name");
    private static final Map<String, String> DEFAULT_CONFIG = Map.of(
            "group.id", "connect-cluster",
            "offset.storage.topic", "connect-cluster-offsets",
            "config.storage.topic", "connect-cluster-configs",
            "status.storage.topic", "connect-cluster-status");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final KafkaConnect connect;
    private final String namespace;
    private final String name;
    private final int replicas;
    private final String image;
    private final String configText;
    private final ClusterOperatorConfig config;
    private final Map<String, String> deploymentAnnotations;

    private KafkaConnectCluster(KafkaConnect connect, ClusterOperatorConfig config, String image, String configText,
                                int replicas, Map<String, String> deploymentAnnotations) {
        this.connect = connect;
        this.namespace = connect.getMetadata().getNamespace();
        this.name = connect.getMetadata().getName();
        this.config = config;
        this.image = image;
        this.configText = configText;
        this.replicas = replicas;
        this.deploymentAnnotations = deploymentAnnotations;
    }

    /**
     * Validates the resource and prepares its workload.
     *
     * @param builtImage            the image reference by digest from the build, or null when `.spec.build` is not used
     * @param deploymentAnnotations extra annotations for the Deployment (the build revision and image), may be empty
     * @throws InvalidResourceException naming the field when the resource is invalid
     */
    public static KafkaConnectCluster fromCrd(KafkaConnect connect, ClusterOperatorConfig config, String builtImage,
                                              Map<String, String> deploymentAnnotations) {
        KafkaConnectSpec spec = connect.getSpec();
        if (spec == null) {
            throw new InvalidResourceException(".spec is required");
        }
        int replicas = spec.getReplicas() != null ? spec.getReplicas() : DEFAULT_REPLICAS;
        if (replicas < 0) {
            throw new InvalidResourceException(".spec.replicas must not be negative, but is " + replicas);
        }
        if (spec.getBootstrapServers() == null || spec.getBootstrapServers().isBlank()) {
            throw new InvalidResourceException(".spec.bootstrapServers is required");
        }
        validateTrustedCertificates(spec);
        validateTemplate(spec.getTemplate());
        // Checked also with a built image: it is the base image of the build.
        String baseImage = ConnectImages.baseImage(spec, config).toString();
        String image = builtImage != null ? builtImage : baseImage;
        return new KafkaConnectCluster(connect, config, image, configurationText(spec),
                replicas, new TreeMap<>(deploymentAnnotations));
    }

    public static String deploymentName(String connectName) {
        return connectName + "-connect";
    }

    public static String serviceName(String connectName) {
        return connectName + "-connect-api";
    }

    public static String configMapName(String connectName) {
        return connectName + "-connect-config";
    }

    /** The labels that select this cluster's pods. */
    public static Map<String, String> selectorLabels(String connectName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("strimzi.io/cluster", connectName);
        labels.put("strimzi.io/kind", KafkaConnect.KIND);
        labels.put("strimzi.io/name", deploymentName(connectName));
        return labels;
    }

    /** The selector as `status.labelSelector` shows it. */
    public static String labelSelector(String connectName) {
        StringBuilder sb = new StringBuilder();
        selectorLabels(connectName).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The in-cluster URL of the REST API, for `status.url`. */
    public static String restApiUrl(String namespace, String connectName) {
        return "http://" + serviceName(connectName) + "." + namespace + ".svc:" + REST_API_PORT;
    }

    public String image() {
        return image;
    }

    /**
     * The same validated workload running another image (the one a build produced), without validating again.
     *
     * @param deploymentAnnotations the build revision and image annotations for the Deployment
     */
    public KafkaConnectCluster withImage(String builtImage, Map<String, String> deploymentAnnotations) {
        return new KafkaConnectCluster(connect, config, builtImage, configText, replicas, new TreeMap<>(deploymentAnnotations));
    }

    /** Every object of the workload, in the order the operator writes them. */
    public List<HasMetadata> objects() {
        return List.of(configMap(), service(), deployment());
    }

    public int replicas() {
        return replicas;
    }

    public ConfigMap configMap() {
        return new ConfigMapBuilder()
                .withMetadata(metadata(configMapName(name), null))
                .addToData(CONFIG_FILE, configText)
                .build();
    }

    public Service service() {
        return new ServiceBuilder()
                .withMetadata(metadata(serviceName(name), template(KafkaConnectTemplate::getApiService)))
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(selectorLabels(name))
                    .addNewPort()
                        .withName(REST_API_PORT_NAME)
                        .withProtocol("TCP")
                        .withPort(REST_API_PORT)
                        .withTargetPort(new IntOrString(REST_API_PORT))
                    .endPort()
                .endSpec()
                .build();
    }

    public Deployment deployment() {
        ObjectMeta meta = metadata(deploymentName(name), template(KafkaConnectTemplate::getDeployment));
        Map<String, String> annotations = new TreeMap<>(meta.getAnnotations() != null ? meta.getAnnotations() : Map.of());
        annotations.putAll(deploymentAnnotations);
        meta.setAnnotations(annotations.isEmpty() ? null : annotations);

        PodTemplate pod = template(KafkaConnectTemplate::getPod);
        Map<String, String> podLabels = new TreeMap<>(labels());
        Map<String, String> podAnnotations = new TreeMap<>();
        if (pod != null && pod.getMetadata() != null) {
            putAll(podLabels, pod.getMetadata().getLabels());
            putAll(podAnnotations, pod.getMetadata().getAnnotations());
        }
        podLabels.putAll(selectorLabels(name));
        podAnnotations.put(CONFIG_HASH_ANNOTATION, Sha256.hex(configText));

        List<LocalObjectReference> pullSecrets = pod != null && pod.getImagePullSecrets() != null
                ? pod.getImagePullSecrets()
                : config.imagePullSecrets().stream().map(LocalObjectReference::new).toList();

        return new DeploymentBuilder()
                .withMetadata(meta)
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(selectorLabels(name)).endSelector()
                    .withNewStrategy().withType("RollingUpdate").endStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
                        .withNewSpec()
                            .withContainers(container())
                            .withVolumes(volumes(pod))
                            .withImagePullSecrets(pullSecrets.isEmpty() ? null : pullSecrets)
                            .withSecurityContext(pod != null ? pod.getSecurityContext() : null)
                            .withTolerations(pod != null ? pod.getTolerations() : null)
                            .withAffinity(pod != null ? pod.getAffinity() : null)
                            .withNodeSelector(pod != null ? pod.getNodeSelector() : null)
                            .withPriorityClassName(pod != null ? pod.getPriorityClassName() : null)
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private Container container() {
        KafkaConnectSpec spec = connect.getSpec();
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("KAFKA_CONNECT_CONFIGURATION_FILE", CONFIG_MOUNT_PATH + "/" + CONFIG_FILE, null));
        String trusted = trustedCertificatesEnv(spec);
        if (trusted != null) {
            env.add(new EnvVar("KAFKA_CONNECT_TRUSTED_CERTIFICATES", trusted, null));
        }
        ContainerTemplate containerTemplate = template(KafkaConnectTemplate::getConnectContainer);
        if (containerTemplate != null && containerTemplate.getEnv() != null) {
            for (ContainerEnvVar e : containerTemplate.getEnv()) {
                env.add(new EnvVar(e.getName(), e.getValue(), null));
            }
        }
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("kafka-connect-config").withMountPath(CONFIG_MOUNT_PATH).withReadOnly(true).build());
        mounts.add(new VolumeMountBuilder().withName("strimzi-tmp").withMountPath("/tmp").build());
        List<CertSecretSource> certs = trustedCertificates(spec);
        for (int i = 0; i < certs.size(); i++) {
            mounts.add(new VolumeMountBuilder().withName("trusted-certs-" + i)
                    .withMountPath(TRUSTED_CERTS_PATH + "/" + certs.get(i).getSecretName()).withReadOnly(true).build());
        }
        return new ContainerBuilder()
                .withName("kafka-connect")
                .withImage(image)
                .withImagePullPolicy(config.imagePullPolicy() != null ? config.imagePullPolicy().name() : null)
                .addNewPort().withName(REST_API_PORT_NAME).withContainerPort(REST_API_PORT).withProtocol("TCP").endPort()
                .withEnv(env)
                .withVolumeMounts(mounts)
                .withResources(spec.getResources())
                .withReadinessProbe(restApiProbe(15))
                .withLivenessProbe(restApiProbe(60))
                .withSecurityContext(containerTemplate != null ? containerTemplate.getSecurityContext() : null)
                .build();
    }

    private static Probe restApiProbe(int initialDelaySeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath("/").withPort(new IntOrString(REST_API_PORT_NAME)).endHttpGet()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withTimeoutSeconds(5)
                .withPeriodSeconds(10)
                .build();
    }

    private List<Volume> volumes(PodTemplate pod) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("kafka-connect-config")
                .withNewConfigMap().withName(configMapName(name)).endConfigMap().build());
        String tmpLimit = pod != null && pod.getTmpDirSizeLimit() != null ? pod.getTmpDirSizeLimit() : DEFAULT_TMP_SIZE_LIMIT;
        volumes.add(new VolumeBuilder().withName("strimzi-tmp")
                .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(tmpLimit)).endEmptyDir().build());
        List<CertSecretSource> certs = trustedCertificates(connect.getSpec());
        for (int i = 0; i < certs.size(); i++) {
            volumes.add(new VolumeBuilder().withName("trusted-certs-" + i)
                    .withNewSecret().withSecretName(certs.get(i).getSecretName()).endSecret().build());
        }
        return volumes;
    }

    private static List<CertSecretSource> trustedCertificates(KafkaConnectSpec spec) {
        if (spec.getTls() == null || spec.getTls().getTrustedCertificates() == null) {
            return List.of();
        }
        // One volume per Secret, even when several certificates come from it.
        Map<String, CertSecretSource> bySecret = new LinkedHashMap<>();
        for (CertSecretSource c : spec.getTls().getTrustedCertificates()) {
            bySecret.putIfAbsent(c.getSecretName(), c);
        }
        return List.copyOf(bySecret.values());
    }

    private static String trustedCertificatesEnv(KafkaConnectSpec spec) {
        if (spec.getTls() == null || spec.getTls().getTrustedCertificates() == null || spec.getTls().getTrustedCertificates().isEmpty()) {
            return null;
        }
        List<String> entries = new ArrayList<>();
        for (CertSecretSource c : spec.getTls().getTrustedCertificates()) {
            entries.add(c.getSecretName() + "/" + (c.getCertificate() != null ? c.getCertificate() : c.getPattern()));
        }
        return String.join(";", entries);
    }

    private static void validateTrustedCertificates(KafkaConnectSpec spec) {
        if (spec.getTls() == null || spec.getTls().getTrustedCertificates() == null) {
            return;
        }
        List<CertSecretSource> certs = spec.getTls().getTrustedCertificates();
        for (int i = 0; i < certs.size(); i++) {
            String path = ".spec.tls.trustedCertificates[" + i + "]";
            CertSecretSource c = certs.get(i);
            if (c == null || !KubernetesNames.isDns1123Subdomain(c.getSecretName())) {
                throw new InvalidResourceException(path + ".secretName must be a valid Secret name");
            }
            boolean hasCertificate = c.getCertificate() != null && !c.getCertificate().isBlank();
            boolean hasPattern = c.getPattern() != null && !c.getPattern().isBlank();
            if (hasCertificate == hasPattern) {
                throw new InvalidResourceException(path + " must set exactly one of certificate and pattern");
            }
            String value = hasCertificate ? c.getCertificate() : c.getPattern();
            if (value.contains(";") || value.contains("/") || ControlCharacters.contains(value)) {
                throw new InvalidResourceException(path + (hasCertificate ? ".certificate" : ".pattern")
                        + " must be a file name without '/', ';' or control characters");
            }
        }
    }

    private static void validateTemplate(KafkaConnectTemplate template) {
        if (template == null || template.getConnectContainer() == null || template.getConnectContainer().getEnv() == null) {
            return;
        }
        List<ContainerEnvVar> env = template.getConnectContainer().getEnv();
        for (int i = 0; i < env.size(); i++) {
            ContainerEnvVar e = env.get(i);
            if (e == null || e.getName() == null || !ENV_NAME.matcher(e.getName()).matches()) {
                throw new InvalidResourceException(".spec.template.connectContainer.env[" + i + "].name must be a valid environment variable name");
            }
            if (e.getName().startsWith("KAFKA_CONNECT_")) {
                throw new InvalidResourceException(".spec.template.connectContainer.env[" + i + "].name " + e.getName()
                        + " is reserved for the operator (KAFKA_CONNECT_*)");
            }
        }
    }

    /** The Connect worker configuration in Java properties format, with stable ordering. */
    static String configurationText(KafkaConnectSpec spec) {
        Map<String, String> props = new TreeMap<>(DEFAULT_CONFIG);
        if (spec.getConfig() != null) {
            for (Map.Entry<String, Object> e : spec.getConfig().entrySet()) {
                if (e.getKey() == null || e.getKey().isEmpty()) {
                    throw new InvalidResourceException(".spec.config: a key must not be empty");
                }
                if (OPERATOR_OWNED_CONFIG.contains(e.getKey())) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " is set by the operator and cannot be configured");
                }
                Object value = e.getValue();
                if (value instanceof Map || value instanceof List) {
                    throw new InvalidResourceException(".spec.config." + e.getKey() + " must be a string, number or boolean");
                }
                props.put(e.getKey(), value == null ? "" : String.valueOf(value));
            }
        }
        props.put("bootstrap.servers", spec.getBootstrapServers().strip());
        props.put("plugin.path", PLUGIN_PATH);
        props.put("listeners", "http://:" + REST_API_PORT);
        props.put("rest.advertised.port", String.valueOf(REST_API_PORT));
        StringBuilder sb = new StringBuilder();
        props.forEach((k, v) -> sb.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return sb.toString();
    }

    /**
     * Escapes for the properties format, so that no key or value can end its line or start another entry. In a value
     * `=`, `:`, `#` and `!` need no escape (only the first separator of a line counts), which keeps `host:port` readable.
     */
    static String escape(String s, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case '=', ':', '#', '!' -> {
                    if (key) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private ObjectMeta metadata(String resourceName, ResourceTemplate template) {
        Map<String, String> labels = new TreeMap<>(labels());
        Map<String, String> annotations = new TreeMap<>();
        if (template != null && template.getMetadata() != null) {
            MetadataTemplate meta = template.getMetadata();
            putAll(labels, meta.getLabels());
            putAll(annotations, meta.getAnnotations());
        }
        labels.putAll(selectorLabels(name));
        return new ObjectMetaBuilder()
                .withName(resourceName)
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .withOwnerReferences(OwnerReferences.toKafkaConnect(connect, false))
                .build();
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        if (connect.getMetadata().getLabels() != null) {
            connect.getMetadata().getLabels().forEach((k, v) -> {
                if (!k.startsWith("strimzi.io/") && !k.startsWith("app.kubernetes.io/")) {
                    labels.put(k, v);
                }
            });
        }
        labels.put("app.kubernetes.io/name", "kafka-connect");
        labels.put("app.kubernetes.io/instance", name);
        labels.put("app.kubernetes.io/part-of", "strimzi-" + name);
        labels.put("app.kubernetes.io/managed-by", "strimzi-cluster-operator");
        return labels;
    }

    private <T> T template(java.util.function.Function<KafkaConnectTemplate, T> getter) {
        KafkaConnectTemplate t = connect.getSpec().getTemplate();
        return t == null ? null : getter.apply(t);
    }

    private static void putAll(Map<String, String> target, Map<String, String> source) {
        if (source != null) {
            target.putAll(source);
        }
    }
}
