package io.strimzi.api.kafka.model.template;

/** How the Deployment replaces its pods, as Kubernetes names the strategy types. */
public enum DeploymentStrategy {
    RollingUpdate, Recreate
}
