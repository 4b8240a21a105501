package io.strimzi.api.kafka.model.common.jmx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.SchemaFrom;

/** Remote JMX access to the Connect pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"authentication"})
public class KafkaJmxOptions {
    @JsonPropertyDescription("Authentication of the JMX port.")
    @SchemaFrom(type = KafkaJmxAuthenticationSchema.class)
    private KafkaJmxAuthentication authentication;

    public KafkaJmxAuthentication getAuthentication() {
        return authentication;
    }

    public void setAuthentication(KafkaJmxAuthentication authentication) {
        this.authentication = authentication;
    }
}
