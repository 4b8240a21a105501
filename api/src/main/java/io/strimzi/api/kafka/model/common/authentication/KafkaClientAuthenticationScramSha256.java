package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** SASL SCRAM-SHA-256 authentication. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "username", "passwordSecret"})
public final class KafkaClientAuthenticationScramSha256 extends KafkaClientAuthenticationWithPassword {
    public static final String TYPE = "scram-sha-256";

    @Override
    public String getType() {
        return TYPE;
    }
}
