package io.strimzi.api.kafka.model.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/** A status condition, following the Kubernetes API conventions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "status", "reason", "message", "lastTransitionTime"})
public class Condition {
    @JsonPropertyDescription("The unique identifier of a condition, used to distinguish between other conditions in the resource.")
    private String type;
    @JsonPropertyDescription("The status of the condition, either True, False or Unknown.")
    private String status;
    @JsonPropertyDescription("The reason for the condition's last transition (a single word in CamelCase).")
    private String reason;
    @JsonPropertyDescription("Human-readable message indicating details about the condition's last transition.")
    private String message;
    @JsonPropertyDescription("Last time the condition of a type changed from one status to another, "
            + "in the format yyyy-MM-ddTHH:mm:ssZ in the UTC time zone.")
    private String lastTransitionTime;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message, String lastTransitionTime) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Condition other)) {
            return false;
        }
        return Objects.equals(type, other.type) && Objects.equals(status, other.status)
                && Objects.equals(reason, other.reason) && Objects.equals(message, other.message)
                && Objects.equals(lastTransitionTime, other.lastTransitionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime);
    }

    @Override
    public String toString() {
        return "Condition(" + type + "=" + status + ", " + reason + ": " + message + ")";
    }
}
