package io.strimzi.operator.cluster.model.connect;

import io.strimzi.api.kafka.model.common.tracing.OpenTelemetryTracing;
import io.strimzi.api.kafka.model.common.tracing.Tracing;
import io.strimzi.operator.cluster.model.InvalidResourceException;

/**
 * `.spec.tracing`: with `opentelemetry`, `STRIMZI_TRACING=opentelemetry` makes Strimzi's image start its tracing agent
 * (OTLP exporter unless `OTEL_TRACES_EXPORTER` is set; the other `OTEL_*` variables come from
 * `template.connectContainer.env`), and the workers' clients get OpenTelemetry's Kafka interceptors.
 */
final class ConnectTracing {
    private ConnectTracing() {
    }

    /** @throws InvalidResourceException for `jaeger`, which Strimzi no longer supports */
    static String type(Tracing tracing) {
        if (tracing instanceof OpenTelemetryTracing) {
            return OpenTelemetryTracing.TYPE;
        }
        throw new InvalidResourceException(".spec.tracing.type " + tracing.getType() + " is not supported: Strimzi removed "
                + "Jaeger tracing and v1 drops the type; use type opentelemetry");
    }
}
