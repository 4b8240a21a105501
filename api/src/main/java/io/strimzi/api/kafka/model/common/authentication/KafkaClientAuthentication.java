package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strimzi.api.kafka.model.common.TypedByTypeField;

/**
 * How Kafka Connect authenticates to Kafka; the subclass is chosen by `type`. The CRD schemas are
 * {@link AuthenticationSchema} (v1beta2) and {@link AuthenticationSchemaV1} (v1, without `oauth`).
 */
@TypedByTypeField
@JsonSubTypes({
    @JsonSubTypes.Type(value = KafkaClientAuthenticationTls.class, name = KafkaClientAuthenticationTls.TYPE),
    @JsonSubTypes.Type(value = KafkaClientAuthenticationScramSha256.class, name = KafkaClientAuthenticationScramSha256.TYPE),
    @JsonSubTypes.Type(value = KafkaClientAuthenticationScramSha512.class, name = KafkaClientAuthenticationScramSha512.TYPE),
    @JsonSubTypes.Type(value = KafkaClientAuthenticationPlain.class, name = KafkaClientAuthenticationPlain.TYPE),
    @JsonSubTypes.Type(value = KafkaClientAuthenticationOAuth.class, name = KafkaClientAuthenticationOAuth.TYPE),
    @JsonSubTypes.Type(value = KafkaClientAuthenticationCustom.class, name = KafkaClientAuthenticationCustom.TYPE),
})
public abstract sealed class KafkaClientAuthentication
        permits KafkaClientAuthenticationTls, KafkaClientAuthenticationWithPassword, KafkaClientAuthenticationCustom {
    /** The discriminator, as written in YAML. */
    public abstract String getType();
}
