package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;

/** A named pod volume from a Secret or a ConfigMap; subclasses add other sources and say how many may be set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class SecretOrConfigMapVolume {
    @JsonPropertyDescription("The name of the volume. For `template.pod.volumes` and `template.buildPod.volumes`, the name that "
            + "`volumeMounts` refer to; for `externalConfiguration.volumes`, the directory under "
            + "`/opt/kafka/external-configuration`.")
    @Required
    private String name;

    @JsonPropertyDescription("A Secret as the volume.")
    private SecretVolumeSource secret;

    @JsonPropertyDescription("A ConfigMap as the volume.")
    private ConfigMapVolumeSource configMap;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public SecretVolumeSource getSecret() {
        return secret;
    }

    public void setSecret(SecretVolumeSource secret) {
        this.secret = secret;
    }

    public ConfigMapVolumeSource getConfigMap() {
        return configMap;
    }

    public void setConfigMap(ConfigMapVolumeSource configMap) {
        this.configMap = configMap;
    }
}
