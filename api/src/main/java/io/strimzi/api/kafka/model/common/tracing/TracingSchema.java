package io.strimzi.api.kafka.model.common.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * Schema-only view of {@link Tracing} for the CRD generator, which cannot merge the subtypes of a polymorphic
 * class: the union of the subtypes' fields with `type` as an enum. Never instantiated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class TracingSchema {
    enum Type { jaeger, opentelemetry }

    @JsonPropertyDescription("Tracing type: `opentelemetry`, or `jaeger` (deprecated by Strimzi and not part of v1).")
    @Required
    public Type type;

    private TracingSchema() {
    }
}
