package io.strimzi.api.kafka.model.common.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** OpenTelemetry tracing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public final class OpenTelemetryTracing extends Tracing {
    public static final String TYPE = "opentelemetry";

    @Override
    public String getType() {
        return TYPE;
    }
}
