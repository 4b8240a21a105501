package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** SASL PLAIN authentication with a username and a password from a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "username", "passwordSecret"})
public final class KafkaClientAuthenticationPlain extends KafkaClientAuthenticationWithPassword {
    public static final String TYPE = "plain";

    @Override
    public String getType() {
        return TYPE;
    }
}
