package io.strimzi.operator.cluster.operator;

/** One KafkaConnect being reconciled; its string form is how every log line names it. */
public record Reconciliation(String namespace, String name) {
    public String key() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return "KafkaConnect(" + namespace + "/" + name + ")";
    }
}
