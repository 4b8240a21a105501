package io.strimzi.api.kafka.model.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Min;

/** How a container is probed (liveness or readiness); unset fields keep the operator's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"})
public class Probe {
    @JsonPropertyDescription("Seconds after the container has started before the first probe. Defaults to 15 for readiness and 60 "
            + "for liveness. Minimum 0.")
    @Min(0)
    private Integer initialDelaySeconds;

    @JsonPropertyDescription("Seconds after which one probe attempt times out. Defaults to 5. Minimum 1.")
    @Min(1)
    private Integer timeoutSeconds;

    @JsonPropertyDescription("How often, in seconds, the probe runs. Defaults to 10. Minimum 1.")
    @Min(1)
    private Integer periodSeconds;

    @JsonPropertyDescription("Consecutive successes, after a failure, for the probe to count as successful. Defaults to 1; must be "
            + "1 for liveness. Minimum 1.")
    @Min(1)
    private Integer successThreshold;

    @JsonPropertyDescription("Consecutive failures, after a success, for the probe to count as failed. Defaults to 3. Minimum 1.")
    @Min(1)
    private Integer failureThreshold;

    public Integer getInitialDelaySeconds() {
        return initialDelaySeconds;
    }

    public void setInitialDelaySeconds(Integer initialDelaySeconds) {
        this.initialDelaySeconds = initialDelaySeconds;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Integer getPeriodSeconds() {
        return periodSeconds;
    }

    public void setPeriodSeconds(Integer periodSeconds) {
        this.periodSeconds = periodSeconds;
    }

    public Integer getSuccessThreshold() {
        return successThreshold;
    }

    public void setSuccessThreshold(Integer successThreshold) {
        this.successThreshold = successThreshold;
    }

    public Integer getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
        this.failureThreshold = failureThreshold;
    }
}
