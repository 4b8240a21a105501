package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.strimzi.api.kafka.model.template.ContainerEnvVarSource;

/** One environment variable with its value from a Secret or a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "valueFrom"})
public class ExternalConfigurationEnv {
    @JsonPropertyDescription("The name of the environment variable. It must not start with `KAFKA_` or `STRIMZI_`.")
    @Required
    private String name;

    @JsonPropertyDescription("Where the value comes from: a Secret key or a ConfigMap key.")
    @Required
    private ContainerEnvVarSource valueFrom;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ContainerEnvVarSource getValueFrom() {
        return valueFrom;
    }

    public void setValueFrom(ContainerEnvVarSource valueFrom) {
        this.valueFrom = valueFrom;
    }
}
