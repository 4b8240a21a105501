package io.strimzi.api.kafka.model.common.jmx;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strimzi.api.kafka.model.common.TypedByTypeField;

/**
 * Authentication of the JMX port; the subclass is chosen by `type`. The CRD schema is {@link
 * KafkaJmxAuthenticationSchema}.
 */
@TypedByTypeField
@JsonSubTypes({
    @JsonSubTypes.Type(value = KafkaJmxAuthenticationPassword.class, name = KafkaJmxAuthenticationPassword.TYPE),
})
public abstract sealed class KafkaJmxAuthentication permits KafkaJmxAuthenticationPassword {
    /** The discriminator, as written in YAML. */
    public abstract String getType();
}
