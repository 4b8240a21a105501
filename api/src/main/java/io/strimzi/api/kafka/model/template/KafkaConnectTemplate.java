package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"deployment", "pod", "apiService", "connectContainer", "buildPod", "buildContainer",
    "buildServiceAccount", "buildConfig"})
public class KafkaConnectTemplate {
    @JsonPropertyDescription("Template for the Kafka Connect Deployment.")
    private ResourceTemplate deployment;
    @JsonPropertyDescription("Template for the Kafka Connect Pods.")
    private PodTemplate pod;
    @JsonPropertyDescription("Template for the Kafka Connect API Service.")
    private ResourceTemplate apiService;
    @JsonPropertyDescription("Template for the Kafka Connect container.")
    private ContainerTemplate connectContainer;
    @JsonPropertyDescription("Template for the Kafka Connect build Pod. Used on Kubernetes only.")
    private PodTemplate buildPod;
    @JsonPropertyDescription("Template for the Kafka Connect build container. Used on Kubernetes only.")
    private ContainerTemplate buildContainer;
    @JsonPropertyDescription("Template for the Kafka Connect build ServiceAccount.")
    private ResourceTemplate buildServiceAccount;
    @JsonPropertyDescription("Template for the Kafka Connect BuildConfig. Used on OpenShift only.")
    private BuildConfigTemplate buildConfig;

    public ResourceTemplate getDeployment() {
        return deployment;
    }

    public void setDeployment(ResourceTemplate deployment) {
        this.deployment = deployment;
    }

    public PodTemplate getPod() {
        return pod;
    }

    public void setPod(PodTemplate pod) {
        this.pod = pod;
    }

    public ResourceTemplate getApiService() {
        return apiService;
    }

    public void setApiService(ResourceTemplate apiService) {
        this.apiService = apiService;
    }

    public ContainerTemplate getConnectContainer() {
        return connectContainer;
    }

    public void setConnectContainer(ContainerTemplate connectContainer) {
        this.connectContainer = connectContainer;
    }

    public PodTemplate getBuildPod() {
        return buildPod;
    }

    public void setBuildPod(PodTemplate buildPod) {
        this.buildPod = buildPod;
    }

    public ContainerTemplate getBuildContainer() {
        return buildContainer;
    }

    public void setBuildContainer(ContainerTemplate buildContainer) {
        this.buildContainer = buildContainer;
    }

    public ResourceTemplate getBuildServiceAccount() {
        return buildServiceAccount;
    }

    public void setBuildServiceAccount(ResourceTemplate buildServiceAccount) {
        this.buildServiceAccount = buildServiceAccount;
    }

    public BuildConfigTemplate getBuildConfig() {
        return buildConfig;
    }

    public void setBuildConfig(BuildConfigTemplate buildConfig) {
        this.buildConfig = buildConfig;
    }
}
