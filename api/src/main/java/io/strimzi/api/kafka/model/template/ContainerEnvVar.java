package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** An environment variable for a container, with a value or a value from a Secret or ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "value", "valueFrom"})
@ValidationRule(value = "!(has(self.value) && has(self.valueFrom))", message = "value and valueFrom cannot both be set")
public class ContainerEnvVar {
    @JsonPropertyDescription("The environment variable key.")
    @Required
    private String name;

    @JsonPropertyDescription("The environment variable value.")
    private String value;

    @JsonPropertyDescription("The source of the value: a Secret key or a ConfigMap key, instead of `value`.")
    private ContainerEnvVarSource valueFrom;

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

    public ContainerEnvVarSource getValueFrom() {
        return valueFrom;
    }

    public void setValueFrom(ContainerEnvVarSource valueFrom) {
        this.valueFrom = valueFrom;
    }

    public ContainerEnvVar() {
    }

    public ContainerEnvVar(String name, String value) {
        this.name = name;
        this.value = value;
    }
}
