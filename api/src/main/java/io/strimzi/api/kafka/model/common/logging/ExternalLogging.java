package io.strimzi.api.kafka.model.common.logging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.strimzi.api.kafka.model.common.ExternalConfigurationReference;

/** A logging configuration kept in a ConfigMap key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "valueFrom"})
public final class ExternalLogging extends Logging {
    public static final String TYPE = "external";

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
