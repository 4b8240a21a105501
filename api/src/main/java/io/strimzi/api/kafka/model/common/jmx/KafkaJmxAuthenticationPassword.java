package io.strimzi.api.kafka.model.common.jmx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Username and password authentication of the JMX port; the operator generates the credentials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public final class KafkaJmxAuthenticationPassword extends KafkaJmxAuthentication {
    public static final String TYPE = "password";

    @Override
    public String getType() {
        return TYPE;
    }
}
