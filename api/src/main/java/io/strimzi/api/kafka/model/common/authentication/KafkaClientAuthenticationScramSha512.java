package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** SASL SCRAM-SHA-512 authentication. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "username", "passwordSecret"})
public final class KafkaClientAuthenticationScramSha512 extends KafkaClientAuthenticationWithPassword {
    public static final String TYPE = "scram-sha-512";

    @Override
    public String getType() {
        return TYPE;
    }
}
