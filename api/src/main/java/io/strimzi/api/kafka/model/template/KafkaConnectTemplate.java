package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Templates for the Kubernetes resources of Kafka Connect and its build. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"deployment", "podSet", "pod", "apiService", "headlessService", "connectContainer",
    "initContainer", "podDisruptionBudget", "serviceAccount", "clusterRoleBinding", "buildPod", "buildContainer",
    "buildConfig", "buildServiceAccount", "jmxSecret"})
public class KafkaConnectTemplate {
    @JsonPropertyDescription("Template for the Kafka Connect Deployment. Not part of v1.")
    private DeploymentTemplate deployment;

    @JsonPropertyDescription("Template for Strimzi's StrimziPodSet of the Connect pods; here the Connect pods belong to a "
            + "Deployment instead.")
    private ResourceTemplate podSet;

    @JsonPropertyDescription("Template for the Kafka Connect Pods.")
    private PodTemplate pod;

    @JsonPropertyDescription("Template for the Kafka Connect API Service.")
    private InternalServiceTemplate apiService;

    @JsonPropertyDescription("Template for the headless Service of the Connect pods.")
    private InternalServiceTemplate headlessService;

    @JsonPropertyDescription("Template for the Kafka Connect container.")
    private ContainerTemplate connectContainer;

    @JsonPropertyDescription("Template for the init container of the Connect pods (used with `rack`).")
    private ContainerTemplate initContainer;

    @JsonPropertyDescription("Template for the PodDisruptionBudget of the Connect pods.")
    private PodDisruptionBudgetTemplate podDisruptionBudget;

    @JsonPropertyDescription("Template for the ServiceAccount of the Connect pods.")
    private ResourceTemplate serviceAccount;

    @JsonPropertyDescription("Template for the ClusterRoleBinding of the Connect pods (used with `rack`).")
    private ResourceTemplate clusterRoleBinding;

    @JsonPropertyDescription("Template for the Kafka Connect build Pod. Used on Kubernetes only.")
    private PodTemplate buildPod;

    @JsonPropertyDescription("Template for the Kafka Connect build container. Used on Kubernetes only.")
    private ContainerTemplate buildContainer;

    @JsonPropertyDescription("Template for the Kafka Connect BuildConfig. Used on OpenShift only.")
    private BuildConfigTemplate buildConfig;

    @JsonPropertyDescription("Template for the Kafka Connect build ServiceAccount.")
    private ResourceTemplate buildServiceAccount;

    @JsonPropertyDescription("Template for the Secret with the JMX credentials (used with `jmxOptions`).")
    private ResourceTemplate jmxSecret;

    public DeploymentTemplate getDeployment() {
        return deployment;
    }

    public void setDeployment(DeploymentTemplate deployment) {
        this.deployment = deployment;
    }

    public ResourceTemplate getPodSet() {
        return podSet;
    }

    public void setPodSet(ResourceTemplate podSet) {
        this.podSet = podSet;
    }

    public PodTemplate getPod() {
        return pod;
    }

    public void setPod(PodTemplate pod) {
        this.pod = pod;
    }

    public InternalServiceTemplate getApiService() {
        return apiService;
    }

    public void setApiService(InternalServiceTemplate apiService) {
        this.apiService = apiService;
    }

    public InternalServiceTemplate getHeadlessService() {
        return headlessService;
    }

    public void setHeadlessService(InternalServiceTemplate headlessService) {
        this.headlessService = headlessService;
    }

    public ContainerTemplate getConnectContainer() {
        return connectContainer;
    }

    public void setConnectContainer(ContainerTemplate connectContainer) {
        this.connectContainer = connectContainer;
    }

    public ContainerTemplate getInitContainer() {
        return initContainer;
    }

    public void setInitContainer(ContainerTemplate initContainer) {
        this.initContainer = initContainer;
    }

    public PodDisruptionBudgetTemplate getPodDisruptionBudget() {
        return podDisruptionBudget;
    }

    public void setPodDisruptionBudget(PodDisruptionBudgetTemplate podDisruptionBudget) {
        this.podDisruptionBudget = podDisruptionBudget;
    }

    public ResourceTemplate getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(ResourceTemplate serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    public ResourceTemplate getClusterRoleBinding() {
        return clusterRoleBinding;
    }

    public void setClusterRoleBinding(ResourceTemplate clusterRoleBinding) {
        this.clusterRoleBinding = clusterRoleBinding;
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

    public BuildConfigTemplate getBuildConfig() {
        return buildConfig;
    }

    public void setBuildConfig(BuildConfigTemplate buildConfig) {
        this.buildConfig = buildConfig;
    }

    public ResourceTemplate getBuildServiceAccount() {
        return buildServiceAccount;
    }

    public void setBuildServiceAccount(ResourceTemplate buildServiceAccount) {
        this.buildServiceAccount = buildServiceAccount;
    }

    public ResourceTemplate getJmxSecret() {
        return jmxSecret;
    }

    public void setJmxSecret(ResourceTemplate jmxSecret) {
        this.jmxSecret = jmxSecret;
    }
}
