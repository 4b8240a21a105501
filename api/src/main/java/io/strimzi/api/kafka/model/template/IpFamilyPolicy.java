package io.strimzi.api.kafka.model.template;

/** A Service's IP family policy, as Kubernetes names it. */
public enum IpFamilyPolicy {
    SingleStack, PreferDualStack, RequireDualStack
}
