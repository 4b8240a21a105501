package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"output", "plugins", "resources"})
public class Build {
    @JsonPropertyDescription("Where the newly built image is pushed.")
    @Required
    @SchemaFrom(type = OutputSchema.class)
    private Output output;

    @JsonPropertyDescription("The connector plugins to add to the Kafka Connect image.")
    @Required
    private List<Plugin> plugins;

    @JsonPropertyDescription("The CPU and memory resources of the build container.")
    private ResourceRequirements resources;

    public Output getOutput() {
        return output;
    }

    public void setOutput(Output output) {
        this.output = output;
    }

    public List<Plugin> getPlugins() {
        return plugins;
    }

    public void setPlugins(List<Plugin> plugins) {
        this.plugins = plugins;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
