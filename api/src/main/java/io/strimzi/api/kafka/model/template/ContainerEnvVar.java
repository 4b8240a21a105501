package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A plain environment variable for a container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerEnvVar {
    @JsonPropertyDescription("The environment variable key.")
    @Required
    private String name;

    @JsonPropertyDescription("The environment variable value.")
    private String value;

    public ContainerEnvVar() {
    }

    public ContainerEnvVar(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
