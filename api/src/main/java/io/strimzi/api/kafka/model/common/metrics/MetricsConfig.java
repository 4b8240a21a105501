package io.strimzi.api.kafka.model.common.metrics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strimzi.api.kafka.model.common.TypedByTypeField;

/** How metrics are exposed; the subclass is chosen by `type`. The CRD schema is {@link MetricsConfigSchema}. */
@TypedByTypeField
@JsonSubTypes({
    @JsonSubTypes.Type(value = JmxPrometheusExporterMetrics.class, name = JmxPrometheusExporterMetrics.TYPE),
    @JsonSubTypes.Type(value = StrimziMetricsReporter.class, name = StrimziMetricsReporter.TYPE),
})
public abstract sealed class MetricsConfig permits JmxPrometheusExporterMetrics, StrimziMetricsReporter {
    /** The discriminator, as written in YAML. */
    public abstract String getType();
}
