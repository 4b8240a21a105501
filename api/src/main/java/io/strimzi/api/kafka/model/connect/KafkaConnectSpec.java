package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;

import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "replicas", "image", "bootstrapServers", "tls", "config", "resources", "build", "template"})
public class KafkaConnectSpec {
    @JsonPropertyDescription("The Kafka Connect version. Selects the default base image from STRIMZI_KAFKA_CONNECT_IMAGES when `image` is not set.")
    private String version;

    @JsonPropertyDescription("The number of pods in the Kafka Connect group. Defaults to 3.")
    @Min(0)
    @SpecReplicas
    @PrinterColumn(name = "Desired replicas")
    private Integer replicas;

    @JsonPropertyDescription("The container image used for Kafka Connect pods, or the base image of a build. "
            + "Defaults to the image configured for `version`.")
    private String image;

    @JsonPropertyDescription("Bootstrap servers to connect to, as a comma-separated list of host:port pairs.")
    private String bootstrapServers;

    @JsonPropertyDescription("TLS configuration.")
    private ClientTls tls;

    @JsonPropertyDescription("The Kafka Connect configuration.")
    @PreserveUnknownFields
    private Map<String, Object> config;

    @JsonPropertyDescription("The CPU and memory resources of the Connect containers.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Configures how the Connect container image is built, with the connector plugins to add to it.")
    private Build build;

    @JsonPropertyDescription("Templates for the Kubernetes resources of Kafka Connect and its build.")
    private KafkaConnectTemplate template;

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

    public ClientTls getTls() {
        return tls;
    }

    public void setTls(ClientTls tls) {
        this.tls = tls;
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

    public Build getBuild() {
        return build;
    }

    public void setBuild(Build build) {
        this.build = build;
    }

    public KafkaConnectTemplate getTemplate() {
        return template;
    }

    public void setTemplate(KafkaConnectTemplate template) {
        this.template = template;
    }
}
