package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** The source of an environment variable's value: exactly one of a Secret key and a ConfigMap key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"secretKeyRef", "configMapKeyRef"})
@ValidationRule(value = "has(self.secretKeyRef) != has(self.configMapKeyRef)", message = "exactly one of secretKeyRef and configMapKeyRef")
public class ContainerEnvVarSource {
    @JsonPropertyDescription("A key of a Secret.")
    private SecretKeySelector secretKeyRef;

    @JsonPropertyDescription("A key of a ConfigMap.")
    private ConfigMapKeySelector configMapKeyRef;

    public SecretKeySelector getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    public ConfigMapKeySelector getConfigMapKeyRef() {
        return configMapKeyRef;
    }

    public void setConfigMapKeyRef(ConfigMapKeySelector configMapKeyRef) {
        this.configMapKeyRef = configMapKeyRef;
    }
}
