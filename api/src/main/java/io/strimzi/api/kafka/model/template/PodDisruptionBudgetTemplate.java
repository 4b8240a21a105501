package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Min;

/** Customises the PodDisruptionBudget of the Connect pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"metadata", "maxUnavailable"})
public class PodDisruptionBudgetTemplate extends ResourceTemplate {
    @JsonPropertyDescription("How many pods may be unavailable for a voluntary eviction to be allowed. `0` blocks voluntary "
            + "evictions. Defaults to 1.")
    @Min(0)
    private Integer maxUnavailable;

    public Integer getMaxUnavailable() {
        return maxUnavailable;
    }

    public void setMaxUnavailable(Integer maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }
}
