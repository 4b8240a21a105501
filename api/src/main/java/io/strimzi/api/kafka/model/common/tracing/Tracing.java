package io.strimzi.api.kafka.model.common.tracing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strimzi.api.kafka.model.common.TypedByTypeField;

/**
 * Distributed tracing; the subclass is chosen by `type`. The CRD schemas are {@link TracingSchema} (v1beta2) and
 * {@link TracingSchemaV1} (v1, without `jaeger`).
 */
@TypedByTypeField
@JsonSubTypes({
    @JsonSubTypes.Type(value = JaegerTracing.class, name = JaegerTracing.TYPE),
    @JsonSubTypes.Type(value = OpenTelemetryTracing.class, name = OpenTelemetryTracing.TYPE),
})
public abstract sealed class Tracing permits JaegerTracing, OpenTelemetryTracing {
    /** The discriminator, as written in YAML. */
    public abstract String getType();
}
