package io.strimzi.api.kafka.model.common.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.strimzi.api.kafka.model.common.ExternalConfigurationReference;

/** Metrics through the Prometheus JMX Exporter, configured from a ConfigMap key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "valueFrom"})
public final class JmxPrometheusExporterMetrics extends MetricsConfig {
    public static final String TYPE = "jmxPrometheusExporter";

    private ExternalConfigurationReference valueFrom;

    public ExternalConfigurationReference getValueFrom() {
        return valueFrom;
    }

    public void setValueFrom(ExternalConfigurationReference valueFrom) {
        this.valueFrom = valueFrom;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
