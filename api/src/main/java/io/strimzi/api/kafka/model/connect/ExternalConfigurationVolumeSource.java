package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.ValidationRule;
import io.strimzi.api.kafka.model.template.SecretOrConfigMapVolume;

/**
 * A volume from exactly one of a Secret and a ConfigMap, mounted under `/opt/kafka/external-configuration/<name>`.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "secret", "configMap"})
@ValidationRule(value = "has(self.secret) != has(self.configMap)", message = "exactly one of secret and configMap")
public class ExternalConfigurationVolumeSource extends SecretOrConfigMapVolume {
}
