package io.strimzi.api.kafka.model.common.logging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strimzi.api.kafka.model.common.TypedByTypeField;

/** Logging of the Connect container; the subclass is chosen by `type`. The CRD schema is {@link LoggingSchema}. */
@TypedByTypeField
@JsonSubTypes({
    @JsonSubTypes.Type(value = InlineLogging.class, name = InlineLogging.TYPE),
    @JsonSubTypes.Type(value = ExternalLogging.class, name = ExternalLogging.TYPE),
})
public abstract sealed class Logging permits InlineLogging, ExternalLogging {
    /** The discriminator, as written in YAML. */
    public abstract String getType();
}
