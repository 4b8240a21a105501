package io.strimzi.api.kafka.model.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;

/** Rack awareness: which node label sets `client.rack`. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"topologyKey"})
public class Rack {
    @JsonPropertyDescription("The node label whose value becomes the `client.rack` consumer option of each pod, for example "
            + "`topology.kubernetes.io/zone`.")
    @Required
    private String topologyKey;

    public String getTopologyKey() {
        return topologyKey;
    }

    public void setTopologyKey(String topologyKey) {
        this.topologyKey = topologyKey;
    }
}
