package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Customises the Connect Deployment. Not part of v1, where Strimzi runs Connect without a Deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"metadata", "deploymentStrategy"})
public class DeploymentTemplate extends ResourceTemplate {
    @JsonPropertyDescription("How the Deployment replaces its pods: `RollingUpdate` (the default) or `Recreate`.")
    private DeploymentStrategy deploymentStrategy;

    public DeploymentStrategy getDeploymentStrategy() {
        return deploymentStrategy;
    }

    public void setDeploymentStrategy(DeploymentStrategy deploymentStrategy) {
        this.deploymentStrategy = deploymentStrategy;
    }
}
