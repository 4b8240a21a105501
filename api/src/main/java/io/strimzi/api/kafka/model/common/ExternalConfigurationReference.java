package io.strimzi.api.kafka.model.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;

/** Configuration kept in a key of a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"configMapKeyRef"})
public class ExternalConfigurationReference {
    @JsonPropertyDescription("The ConfigMap key that holds the configuration.")
    @Required
    private ConfigMapKeySelector configMapKeyRef;

    public ConfigMapKeySelector getConfigMapKeyRef() {
        return configMapKeyRef;
    }

    public void setConfigMapKeyRef(ConfigMapKeySelector configMapKeyRef) {
        this.configMapKeyRef = configMapKeyRef;
    }
}
