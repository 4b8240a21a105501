package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import io.strimzi.api.kafka.model.common.Condition;

import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"conditions", "observedGeneration", "url", "connectorPlugins", "replicas", "labelSelector", "build"})
public class KafkaConnectStatus {
    @JsonPropertyDescription("List of status conditions.")
    private List<Condition> conditions;

    @JsonPropertyDescription("The generation of the resource that was last reconciled by the operator.")
    private Long observedGeneration;

    @JsonPropertyDescription("The URL of the REST API endpoint for managing and monitoring Kafka Connect connectors.")
    private String url;

    @JsonPropertyDescription("The connector plugins available in the Connect cluster. Strimzi reports them; this operator "
            + "does not query the Connect REST API and leaves the list unset.")
    private List<ConnectorPlugin> connectorPlugins;

    @JsonPropertyDescription("The current number of pods being used to provide this resource.")
    @StatusReplicas
    private Integer replicas;

    @JsonPropertyDescription("Label selector for pods providing this resource.")
    @LabelSelector
    private String labelSelector;

    @JsonPropertyDescription("The progress and result of the connector plugin image build.")
    private BuildStatus build;

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<ConnectorPlugin> getConnectorPlugins() {
        return connectorPlugins;
    }

    public void setConnectorPlugins(List<ConnectorPlugin> connectorPlugins) {
        this.connectorPlugins = connectorPlugins;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getLabelSelector() {
        return labelSelector;
    }

    public void setLabelSelector(String labelSelector) {
        this.labelSelector = labelSelector;
    }

    public BuildStatus getBuild() {
        return build;
    }

    public void setBuild(BuildStatus build) {
        this.build = build;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KafkaConnectStatus other)) {
            return false;
        }
        return Objects.equals(conditions, other.conditions) && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(url, other.url) && Objects.equals(connectorPlugins, other.connectorPlugins)
                && Objects.equals(replicas, other.replicas)
                && Objects.equals(labelSelector, other.labelSelector) && Objects.equals(build, other.build);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conditions, observedGeneration, url, connectorPlugins, replicas, labelSelector, build);
    }
}
