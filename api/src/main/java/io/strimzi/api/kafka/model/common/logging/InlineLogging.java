package io.strimzi.api.kafka.model.common.logging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/** Log levels given in the resource, logger name to level. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "loggers"})
public final class InlineLogging extends Logging {
    public static final String TYPE = "inline";

    private Map<String, String> loggers;

    public Map<String, String> getLoggers() {
        return loggers;
    }

    public void setLoggers(Map<String, String> loggers) {
        this.loggers = loggers;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
