package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.template.DeploymentTemplate;
import io.strimzi.api.kafka.model.template.InternalServiceTemplate;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.api.kafka.model.template.MetadataTemplate;
import io.strimzi.api.kafka.model.template.PodDisruptionBudgetTemplate;
import io.strimzi.api.kafka.model.template.PodTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ConnectImages;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.ResourceLimits;
import io.strimzi.operator.cluster.values.Sha256;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Kafka Connect workload of one KafkaConnect: its ServiceAccount, configuration ConfigMap, REST API Service,
 * PodDisruptionBudget and Deployment, with `.spec.rack` its ClusterRoleBinding ({@link ConnectRack}) and with JMX
 * authentication its JMX Secret ({@link ConnectJmx}). Pure: built from the resource, the operator configuration and (with
 * `.spec.build`) the built image. The parts live beside it: {@link WorkerConfiguration} (the worker properties),
 * {@link ConnectPod} (the Pod: container, volumes, templates), {@link MountedPlugins} (`.spec.plugins`),
 * {@link TrustedCertificates} and {@link ConnectMetadata} (labels and owner).
 */
public final class KafkaConnectCluster {
    public static final int REST_API_PORT = 8083;
    public static final String REST_API_PORT_NAME = "rest-api";
    public static final String PLUGIN_PATH = "/opt/kafka/plugins";
    public static final String CONFIG_FILE = "kafka-connect.properties";
    public static final String CONFIG_MOUNT_PATH = "/opt/kafka/custom-config";
    /** On the pod template: a hash of the configuration, so that a configuration change rolls the pods. */
    public static final String CONFIG_HASH_ANNOTATION = "strimzi.io/connect-config-hash";
    /** On the pod template: a hash of the data of every Secret and ConfigMap the pods use, so that a change rolls them. */
    public static final String REFERENCED_HASH_ANNOTATION = "strimzi.io/referenced-resources-hash";
    public static final int DEFAULT_REPLICAS = 3;
    /** Strimzi's default of `template.podDisruptionBudget.maxUnavailable`. */
    public static final int DEFAULT_MAX_UNAVAILABLE = 1;

    private final KafkaConnect connect;
    private final String namespace;
    private final String name;
    private final int replicas;
    private final String image;
    private final String configText;
    private final String loggingText;
    private final String metricsText;
    private final String referencedHash;
    private final Map<String, String> jmxCredentials;
    private final ConnectPod pod;
    private final Map<String, String> deploymentAnnotations;

    private KafkaConnectCluster(KafkaConnect connect, String image, WorkloadConfig texts, int replicas, ConnectPod pod,
                                Map<String, String> deploymentAnnotations) {
        this.connect = connect;
        this.namespace = connect.getMetadata().getNamespace();
        this.name = connect.getMetadata().getName();
        this.image = image;
        this.configText = texts.worker();
        this.loggingText = texts.logging();
        this.metricsText = texts.metrics();
        this.referencedHash = texts.referencedHash();
        this.jmxCredentials = texts.jmxCredentials();
        this.replicas = replicas;
        this.pod = pod;
        this.deploymentAnnotations = deploymentAnnotations;
    }

    /** The files of the Connect ConfigMap, the hash of what the pods reference and the JMX credentials the operator keeps. */
    private record WorkloadConfig(String worker, String logging, String metrics, String referencedHash, Map<String, String> jmxCredentials) {
    }

    /** As {@link #fromCrd(KafkaConnect, ClusterOperatorConfig, String, Map, ReferencedResources)}, nothing looked up. */
    public static KafkaConnectCluster fromCrd(KafkaConnect connect, ClusterOperatorConfig config, String builtImage,
                                              Map<String, String> deploymentAnnotations) {
        return fromCrd(connect, config, builtImage, deploymentAnnotations, ReferencedResources.notRead());
    }

    /**
     * The Secrets and ConfigMaps the Connect pods use (their volumes and variables) and the ConfigMaps whose content
     * the Connect ConfigMap copies (external logging, metrics): what the operator reads before {@link #fromCrd}.
     *
     * @throws InvalidResourceException naming the field when the resource is invalid
     */
    public static List<ReferencedResources.Ref> references(KafkaConnect connect, ClusterOperatorConfig config) {
        KafkaConnectSpec spec = requireSpec(connect);
        return references(connect, new ConnectPod(connect, config, ConnectImages.baseImage(spec, config).toString()));
    }

    private static List<ReferencedResources.Ref> references(KafkaConnect connect, ConnectPod pod) {
        // The operator's own JMX Secret is read to keep its credentials; the pods' reference to it is not a user's.
        String jmxSecret = ConnectJmx.secretName(connect.getMetadata().getName());
        List<ReferencedResources.Ref> refs = new java.util.ArrayList<>(PodReferences.of(pod.spec()).stream()
                .filter(ref -> !(ref.kind() == ReferencedResources.Kind.SECRET && ref.name().equals(jmxSecret))).toList());
        refs.addAll(ConnectJmx.references(connect));
        refs.addAll(ConnectLogging.references(connect.getSpec()));
        refs.addAll(ConnectMetrics.references(connect.getSpec()));
        return refs;
    }

    private static KafkaConnectSpec requireSpec(KafkaConnect connect) {
        if (connect.getSpec() == null) {
            throw new InvalidResourceException(".spec is required");
        }
        return connect.getSpec();
    }

    /**
     * Validates the resource and prepares its workload.
     *
     * @param builtImage            the image reference by digest from the build, or null when `.spec.build` is not used
     * @param deploymentAnnotations extra annotations for the Deployment (the build revision and image), may be empty
     * @param referenced            the Secrets and ConfigMaps of {@link #references} as the operator found them, or
     *                              {@link ReferencedResources#notRead()}
     * @throws InvalidResourceException naming the field when the resource is invalid, or a Secret or ConfigMap it
     *                                  needs is missing or lacks a key it names
     */
    public static KafkaConnectCluster fromCrd(KafkaConnect connect, ClusterOperatorConfig config, String builtImage,
                                              Map<String, String> deploymentAnnotations, ReferencedResources referenced) {
        KafkaConnectSpec spec = requireSpec(connect);
        int replicas = spec.getReplicas() != null ? spec.getReplicas() : DEFAULT_REPLICAS;
        if (replicas < 0) {
            throw new InvalidResourceException(".spec.replicas must not be negative, but is " + replicas);
        }
        if (spec.getBootstrapServers() == null || spec.getBootstrapServers().isBlank()) {
            throw new InvalidResourceException(".spec.bootstrapServers is required");
        }
        TrustedCertificates.validate(spec);
        ConnectSecurity.validate(spec);
        ConnectRack.validate(spec);
        if (spec.getTracing() != null) {
            ConnectTracing.type(spec.getTracing());
        }
        ResourceLimits.check(".spec.resources", spec.getResources());
        // Checked also with a built image: it is the base image of the build.
        String baseImage = ConnectImages.baseImage(spec, config).toString();
        String image = builtImage != null ? builtImage : baseImage;
        ConnectPod pod = new ConnectPod(connect, config, image);
        List<ReferencedResources.Ref> refs = references(connect, pod);
        referenced.requirePresent(refs, connect.getMetadata().getNamespace());
        Map<String, String> jmxCredentials = ConnectJmx.credentials(connect, referenced);
        ReferencedResources podsRead = jmxCredentials.isEmpty() ? referenced
                : referenced.withSecret(ConnectJmx.secretName(connect.getMetadata().getName()), jmxCredentials);
        WorkloadConfig texts = new WorkloadConfig(WorkerConfiguration.text(spec, referenced),
                ConnectLogging.configuration(spec, referenced), ConnectMetrics.configuration(spec, referenced), podsRead.hash(refs),
                jmxCredentials);
        return new KafkaConnectCluster(connect, image, texts, replicas, pod, new TreeMap<>(deploymentAnnotations));
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

    /** The Connect pods' own ServiceAccount, named as Strimzi names it. */
    public static String serviceAccountName(String connectName) {
        return connectName + "-connect";
    }

    public static String podDisruptionBudgetName(String connectName) {
        return connectName + "-connect";
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
        return new KafkaConnectCluster(connect, builtImage, new WorkloadConfig(configText, loggingText, metricsText, referencedHash, jmxCredentials),
                replicas, pod.withImage(builtImage),
                new TreeMap<>(deploymentAnnotations));
    }

    public int replicas() {
        return replicas;
    }

    /** Every object of the workload, in the order the operator writes them (and render prints them). */
    public List<HasMetadata> objects() {
        List<HasMetadata> objects = new java.util.ArrayList<>();
        objects.add(serviceAccount());
        objects.addAll(ConnectRack.clusterRoleBindings(connect));
        objects.add(configMap());
        objects.addAll(ConnectJmx.secrets(connect, jmxCredentials));
        objects.add(service());
        objects.add(podDisruptionBudget());
        objects.add(deployment());
        return List.copyOf(objects);
    }

    public ServiceAccount serviceAccount() {
        return new ServiceAccountBuilder()
                .withMetadata(ConnectMetadata.of(connect, serviceAccountName(name), template(KafkaConnectTemplate::getServiceAccount)))
                .build();
    }

    public ConfigMap configMap() {
        return new ConfigMapBuilder()
                .withMetadata(ConnectMetadata.of(connect, configMapName(name), (MetadataTemplate) null))
                .addToData(CONFIG_FILE, configText)
                .addToData(ConnectLogging.CONFIG_KEY, loggingText)
                .addToData(metricsText != null ? Map.of(ConnectMetrics.CONFIG_KEY, metricsText) : Map.of())
                .build();
    }

    /** The Log4j 2 configuration the pods read: the operator sets its levels in running workers too. */
    public String loggingConfiguration() {
        return loggingText;
    }

    public Service service() {
        InternalServiceTemplate template = template(KafkaConnectTemplate::getApiService);
        return new ServiceBuilder()
                .withMetadata(ConnectMetadata.of(connect, serviceName(name), template))
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(selectorLabels(name))
                    .withIpFamilyPolicy(template == null || template.getIpFamilyPolicy() == null ? null
                            : template.getIpFamilyPolicy().name())
                    .withIpFamilies(template == null || template.getIpFamilies() == null ? null
                            : template.getIpFamilies().stream().map(Enum::name).toList())
                    .addNewPort()
                        .withName(REST_API_PORT_NAME)
                        .withProtocol("TCP")
                        .withPort(REST_API_PORT)
                        .withTargetPort(new IntOrString(REST_API_PORT))
                    .endPort()
                    .addAllToPorts(ConnectMetrics.enabled(connect.getSpec()) ? List.of(new io.fabric8.kubernetes.api.model.ServicePortBuilder()
                            .withName(ConnectMetrics.PORT_NAME).withProtocol("TCP").withPort(ConnectMetrics.PORT)
                            .withTargetPort(new IntOrString(ConnectMetrics.PORT)).build()) : List.of())
                    .addAllToPorts(ConnectJmx.servicePorts(connect.getSpec()))
                .endSpec()
                .build();
    }

    /** At most `maxUnavailable` (default 1, as in Strimzi) Connect pods may be evicted voluntarily at a time. */
    public PodDisruptionBudget podDisruptionBudget() {
        PodDisruptionBudgetTemplate template = template(KafkaConnectTemplate::getPodDisruptionBudget);
        int maxUnavailable = template != null && template.getMaxUnavailable() != null ? template.getMaxUnavailable()
                : DEFAULT_MAX_UNAVAILABLE;
        return new PodDisruptionBudgetBuilder()
                .withMetadata(ConnectMetadata.of(connect, podDisruptionBudgetName(name), template))
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(maxUnavailable))
                    .withNewSelector().withMatchLabels(selectorLabels(name)).endSelector()
                .endSpec()
                .build();
    }

    public Deployment deployment() {
        DeploymentTemplate deploymentTemplate = template(KafkaConnectTemplate::getDeployment);
        ObjectMeta meta = ConnectMetadata.of(connect, deploymentName(name), deploymentTemplate);
        Map<String, String> annotations = new TreeMap<>(meta.getAnnotations() != null ? meta.getAnnotations() : Map.of());
        annotations.putAll(deploymentAnnotations);
        meta.setAnnotations(annotations.isEmpty() ? null : annotations);

        PodTemplate podTemplate = template(KafkaConnectTemplate::getPod);
        Map<String, String> podLabels = new TreeMap<>(ConnectMetadata.labels(connect));
        Map<String, String> podAnnotations = new TreeMap<>();
        if (podTemplate != null && podTemplate.getMetadata() != null) {
            ConnectMetadata.putAll(podLabels, podTemplate.getMetadata().getLabels());
            ConnectMetadata.putAll(podAnnotations, podTemplate.getMetadata().getAnnotations());
        }
        podLabels.putAll(selectorLabels(name));
        podAnnotations.put(CONFIG_HASH_ANNOTATION, Sha256.hex(configText));
        podAnnotations.put(ConnectLogging.APPENDERS_HASH_ANNOTATION, ConnectLogging.appendersHash(loggingText));
        if (referencedHash != null) {
            podAnnotations.put(REFERENCED_HASH_ANNOTATION, referencedHash);
        }
        String strategy = deploymentTemplate != null && deploymentTemplate.getDeploymentStrategy() != null
                ? deploymentTemplate.getDeploymentStrategy().name() : "RollingUpdate";

        return new DeploymentBuilder()
                .withMetadata(meta)
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(selectorLabels(name)).endSelector()
                    .withNewStrategy().withType(strategy).endStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
                        .withSpec(pod.spec())
                    .endTemplate()
                .endSpec()
                .build();
    }

    private <T> T template(Function<KafkaConnectTemplate, T> getter) {
        KafkaConnectTemplate t = connect.getSpec().getTemplate();
        return t == null ? null : getter.apply(t);
    }
}
