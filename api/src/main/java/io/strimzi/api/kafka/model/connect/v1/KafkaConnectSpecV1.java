package io.strimzi.api.kafka.model.connect.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;

/**
 * The `v1` spec schema, for the CRD generator only: {@link KafkaConnectSpec} with the fields v1 requires. They hide
 * the optional fields of the same name (the generator takes a hidden field's annotations from the hiding one only, so
 * each carries all of its own); {@link KafkaConnectV1} removes what v1 does not have.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class KafkaConnectSpecV1 extends KafkaConnectSpec {
    @JsonPropertyDescription("The number of pods in the Kafka Connect group. Required in v1 (v1beta2 defaults it to 3).")
    @Required
    @Min(0)
    @SpecReplicas
    @PrinterColumn(name = "Desired replicas")
    public Integer replicas;

    @JsonPropertyDescription("The ID of the Connect cluster's group (`group.id` of the workers), unique among the Connect "
            + "clusters of a Kafka cluster. Required in v1.")
    @Required
    public String groupId;

    @JsonPropertyDescription("The Kafka topic where the Connect cluster stores connector configurations "
            + "(`config.storage.topic`). Required in v1.")
    @Required
    public String configStorageTopic;

    @JsonPropertyDescription("The Kafka topic where the Connect cluster stores source connector offsets "
            + "(`offset.storage.topic`). Required in v1.")
    @Required
    public String offsetStorageTopic;

    @JsonPropertyDescription("The Kafka topic where the Connect cluster stores connector and task statuses "
            + "(`status.storage.topic`). Required in v1.")
    @Required
    public String statusStorageTopic;

    private KafkaConnectSpecV1() {
    }
}
