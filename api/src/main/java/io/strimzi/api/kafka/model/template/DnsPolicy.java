package io.strimzi.api.kafka.model.template;

/** A pod's DNS policy, as Kubernetes names it. */
public enum DnsPolicy {
    ClusterFirst, ClusterFirstWithHostNet, Default, None
}
