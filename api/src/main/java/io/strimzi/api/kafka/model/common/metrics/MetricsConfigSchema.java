package io.strimzi.api.kafka.model.common.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.strimzi.api.kafka.model.common.ExternalConfigurationReference;

/**
 * Schema-only view of {@link MetricsConfig} for the CRD generator, which cannot merge the subtypes of a
 * polymorphic class: the union of the subtypes' fields with `type` as an enum. Never instantiated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(self.type == 'jmxPrometheusExporter') == has(self.valueFrom)",
        message = "valueFrom is required for jmxPrometheusExporter metrics and applies to them only")
@ValidationRule(value = "self.type == 'strimziMetricsReporter' || !has(self.values)",
        message = "values applies to strimziMetricsReporter metrics only")
public final class MetricsConfigSchema {
    enum Type { jmxPrometheusExporter, strimziMetricsReporter }

    @JsonPropertyDescription("Metrics type: `jmxPrometheusExporter` (the Prometheus JMX Exporter, configured from `valueFrom`) or "
            + "`strimziMetricsReporter` (the Strimzi Metrics Reporter, configured with `values`).")
    @Required
    public Type type;

    @JsonPropertyDescription("For `jmxPrometheusExporter`: the ConfigMap key that holds the exporter configuration. Required for "
            + "`jmxPrometheusExporter`.")
    public ExternalConfigurationReference valueFrom;

    @JsonPropertyDescription("For `strimziMetricsReporter`: its settings.")
    public StrimziMetricsReporterValues values;

    private MetricsConfigSchema() {
    }
}
