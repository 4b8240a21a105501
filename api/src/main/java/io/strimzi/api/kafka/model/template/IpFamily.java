package io.strimzi.api.kafka.model.template;

/** An IP family of a Service, as Kubernetes names it. */
public enum IpFamily {
    IPv4, IPv6
}
