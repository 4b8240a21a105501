package io.strimzi.api.kafka.model.common.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Metrics through the Strimzi Metrics Reporter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "values"})
public final class StrimziMetricsReporter extends MetricsConfig {
    public static final String TYPE = "strimziMetricsReporter";

    private StrimziMetricsReporterValues values;

    public StrimziMetricsReporterValues getValues() {
        return values;
    }

    public void setValues(StrimziMetricsReporterValues values) {
        this.values = values;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
