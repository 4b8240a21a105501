package io.strimzi.api.kafka.model.common.logging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.strimzi.api.kafka.model.common.ExternalConfigurationReference;

import java.util.Map;

/**
 * Schema-only view of {@link Logging} for the CRD generator, which cannot merge the subtypes of a polymorphic
 * class: the union of the subtypes' fields with `type` as an enum. Never instantiated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(self.type == 'external') == has(self.valueFrom)",
        message = "valueFrom is required for external logging and applies to it only")
@ValidationRule(value = "self.type == 'inline' || !has(self.loggers)",
        message = "loggers applies to inline logging only")
public final class LoggingSchema {
    enum Type { inline, external }

    @JsonPropertyDescription("Logging type: `inline` takes log levels from `loggers`; `external` reads a Log4j2 configuration from "
            + "the ConfigMap key in `valueFrom`.")
    @Required
    public Type type;

    @JsonPropertyDescription("For `inline`: logger names and their levels, for example `rootLogger.level: INFO`.")
    public Map<String, String> loggers;

    @JsonPropertyDescription("For `external`: the ConfigMap key that holds the Log4j2 configuration. Required for `external`.")
    public ExternalConfigurationReference valueFrom;

    private LoggingSchema() {
    }
}
