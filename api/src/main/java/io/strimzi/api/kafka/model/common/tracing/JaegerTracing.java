package io.strimzi.api.kafka.model.common.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Jaeger tracing: deprecated by Strimzi and removed from v1; use `opentelemetry`. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public final class JaegerTracing extends Tracing {
    public static final String TYPE = "jaeger";

    @Override
    public String getType() {
        return TYPE;
    }
}
