package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import io.strimzi.api.kafka.model.common.JvmOptions;
import io.strimzi.api.kafka.model.common.Probe;
import io.strimzi.api.kafka.model.common.Rack;
import io.strimzi.api.kafka.model.common.authentication.AuthenticationSchema;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthentication;
import io.strimzi.api.kafka.model.common.jmx.KafkaJmxOptions;
import io.strimzi.api.kafka.model.common.logging.Logging;
import io.strimzi.api.kafka.model.common.logging.LoggingSchema;
import io.strimzi.api.kafka.model.common.metrics.MetricsConfig;
import io.strimzi.api.kafka.model.common.metrics.MetricsConfigSchema;
import io.strimzi.api.kafka.model.common.tracing.Tracing;
import io.strimzi.api.kafka.model.common.tracing.TracingSchema;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.plugins.MountedPlugin;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;

import java.util.List;
import java.util.Map;

/**
 * The desired state of a Kafka Connect cluster: the v1beta2 schema, and the Java model of both API versions (v1 is
 * v1beta2 without its deprecated fields, see {@link io.strimzi.api.kafka.model.connect.v1.KafkaConnectV1}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "replicas", "image", "bootstrapServers", "groupId", "configStorageTopic",
    "offsetStorageTopic", "statusStorageTopic", "tls", "authentication", "config", "resources", "livenessProbe",
    "readinessProbe", "jvmOptions", "jmxOptions", "logging", "clientRackInitImage", "rack", "metricsConfig",
    "tracing", "template", "externalConfiguration", "build", "plugins"})
public class KafkaConnectSpec {
    @JsonPropertyDescription("The Kafka Connect version. Selects the default base image from STRIMZI_KAFKA_CONNECT_IMAGES when "
            + "`image` is not set.")
    private String version;

    @JsonPropertyDescription("The number of pods in the Kafka Connect group. Defaults to 3.")
    @Min(0)
    @SpecReplicas
    @PrinterColumn(name = "Desired replicas")
    private Integer replicas;

    @JsonPropertyDescription("The container image used for Kafka Connect pods, or the base image of a build. Defaults to the image "
            + "configured for `version`.")
    private String image;

    @JsonPropertyDescription("Bootstrap servers to connect to, as a comma-separated list of host:port pairs.")
    @Required
    private String bootstrapServers;

    @JsonPropertyDescription("The ID of the Connect cluster's group (`group.id` of the workers), unique among the Connect clusters "
            + "of a Kafka cluster. Optional in v1beta2, where `config`'s `group.id` is used when this is unset, "
            + "else `connect-cluster`; required in v1.")
    private String groupId;

    @JsonPropertyDescription("The Kafka topic where the Connect cluster stores connector configurations (`config.storage.topic`). "
            + "Optional in v1beta2, where `config`'s `config.storage.topic` is used when this is unset, else "
            + "`connect-cluster-configs`; required in v1.")
    private String configStorageTopic;

    @JsonPropertyDescription("The Kafka topic where the Connect cluster stores source connector offsets (`offset.storage.topic`). "
            + "Optional in v1beta2, where `config`'s `offset.storage.topic` is used when this is unset, else "
            + "`connect-cluster-offsets`; required in v1.")
    private String offsetStorageTopic;

    @JsonPropertyDescription("The Kafka topic where the Connect cluster stores connector and task statuses "
            + "(`status.storage.topic`). Optional in v1beta2, where `config`'s `status.storage.topic` is used when "
            + "this is unset, else `connect-cluster-status`; required in v1.")
    private String statusStorageTopic;

    @JsonPropertyDescription("TLS configuration.")
    private ClientTls tls;

    @JsonPropertyDescription("How Kafka Connect authenticates to the Kafka cluster.")
    @SchemaFrom(type = AuthenticationSchema.class)
    private KafkaClientAuthentication authentication;

    @JsonPropertyDescription("The Kafka Connect configuration.")
    @PreserveUnknownFields
    private Map<String, Object> config;

    @JsonPropertyDescription("The CPU and memory resources of the Connect containers.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("The liveness probe of the Connect container.")
    private Probe livenessProbe;

    @JsonPropertyDescription("The readiness probe of the Connect container.")
    private Probe readinessProbe;

    @JsonPropertyDescription("JVM options of the Connect container.")
    private JvmOptions jvmOptions;

    @JsonPropertyDescription("Remote JMX access to the Connect pods.")
    private KafkaJmxOptions jmxOptions;

    @JsonPropertyDescription("Logging configuration of Kafka Connect.")
    @SchemaFrom(type = LoggingSchema.class)
    private Logging logging;

    @JsonPropertyDescription("The image of the init container that reads the node's rack label for `rack`. Defaults to the image "
            + "the operator is configured with.")
    private String clientRackInitImage;

    @JsonPropertyDescription("Sets `client.rack` of the Connect workers from a label of the node each pod runs on.")
    private Rack rack;

    @JsonPropertyDescription("How Kafka Connect exposes metrics.")
    @SchemaFrom(type = MetricsConfigSchema.class)
    private MetricsConfig metricsConfig;

    @JsonPropertyDescription("Distributed tracing of Kafka Connect.")
    @SchemaFrom(type = TracingSchema.class)
    private Tracing tracing;

    @JsonPropertyDescription("Templates for the Kubernetes resources of Kafka Connect and its build.")
    private KafkaConnectTemplate template;

    @JsonPropertyDescription("Data from Secrets and ConfigMaps for the Connect pods, for configuring connectors. Deprecated and "
            + "not part of v1: use `template.connectContainer.env` and `template.pod.volumes` instead.")
    private ExternalConfiguration externalConfiguration;

    @JsonPropertyDescription("Configures how the Connect container image is built, with the connector plugins to add to it.")
    private Build build;

    @JsonPropertyDescription("Connector plugins mounted from OCI artifacts or container images as Kubernetes image volumes, under "
            + "`/opt/kafka/plugins/<name>/`, without a build. Can be combined with `build`.")
    private List<MountedPlugin> plugins;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getConfigStorageTopic() {
        return configStorageTopic;
    }

    public void setConfigStorageTopic(String configStorageTopic) {
        this.configStorageTopic = configStorageTopic;
    }

    public String getOffsetStorageTopic() {
        return offsetStorageTopic;
    }

    public void setOffsetStorageTopic(String offsetStorageTopic) {
        this.offsetStorageTopic = offsetStorageTopic;
    }

    public String getStatusStorageTopic() {
        return statusStorageTopic;
    }

    public void setStatusStorageTopic(String statusStorageTopic) {
        this.statusStorageTopic = statusStorageTopic;
    }

    public ClientTls getTls() {
        return tls;
    }

    public void setTls(ClientTls tls) {
        this.tls = tls;
    }

    public KafkaClientAuthentication getAuthentication() {
        return authentication;
    }

    public void setAuthentication(KafkaClientAuthentication authentication) {
        this.authentication = authentication;
    }

    public Map<String, Object> getConfig() {
        return config;
    }

    public void setConfig(Map<String, Object> config) {
        this.config = config;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Probe getLivenessProbe() {
        return livenessProbe;
    }

    public void setLivenessProbe(Probe livenessProbe) {
        this.livenessProbe = livenessProbe;
    }

    public Probe getReadinessProbe() {
        return readinessProbe;
    }

    public void setReadinessProbe(Probe readinessProbe) {
        this.readinessProbe = readinessProbe;
    }

    public JvmOptions getJvmOptions() {
        return jvmOptions;
    }

    public void setJvmOptions(JvmOptions jvmOptions) {
        this.jvmOptions = jvmOptions;
    }

    public KafkaJmxOptions getJmxOptions() {
        return jmxOptions;
    }

    public void setJmxOptions(KafkaJmxOptions jmxOptions) {
        this.jmxOptions = jmxOptions;
    }

    public Logging getLogging() {
        return logging;
    }

    public void setLogging(Logging logging) {
        this.logging = logging;
    }

    public String getClientRackInitImage() {
        return clientRackInitImage;
    }

    public void setClientRackInitImage(String clientRackInitImage) {
        this.clientRackInitImage = clientRackInitImage;
    }

    public Rack getRack() {
        return rack;
    }

    public void setRack(Rack rack) {
        this.rack = rack;
    }

    public MetricsConfig getMetricsConfig() {
        return metricsConfig;
    }

    public void setMetricsConfig(MetricsConfig metricsConfig) {
        this.metricsConfig = metricsConfig;
    }

    public Tracing getTracing() {
        return tracing;
    }

    public void setTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    public KafkaConnectTemplate getTemplate() {
        return template;
    }

    public void setTemplate(KafkaConnectTemplate template) {
        this.template = template;
    }

    public ExternalConfiguration getExternalConfiguration() {
        return externalConfiguration;
    }

    public void setExternalConfiguration(ExternalConfiguration externalConfiguration) {
        this.externalConfiguration = externalConfiguration;
    }

    public Build getBuild() {
        return build;
    }

    public void setBuild(Build build) {
        this.build = build;
    }

    public List<MountedPlugin> getPlugins() {
        return plugins;
    }

    public void setPlugins(List<MountedPlugin> plugins) {
        this.plugins = plugins;
    }
}
