package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Data from Secrets and ConfigMaps passed to the Connect pods. Deprecated by Strimzi and not part of v1: use
 * `template.connectContainer.env` and `template.pod.volumes` instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"env", "volumes"})
public class ExternalConfiguration {
    @JsonPropertyDescription("Environment variables of the Connect pods, with values from Secrets or ConfigMaps.")
    private List<ExternalConfigurationEnv> env;

    @JsonPropertyDescription("Volumes of the Connect pods from Secrets or ConfigMaps, mounted under "
            + "`/opt/kafka/external-configuration/<name>`.")
    private List<ExternalConfigurationVolumeSource> volumes;

    public List<ExternalConfigurationEnv> getEnv() {
        return env;
    }

    public void setEnv(List<ExternalConfigurationEnv> env) {
        this.env = env;
    }

    public List<ExternalConfigurationVolumeSource> getVolumes() {
        return volumes;
    }

    public void setVolumes(List<ExternalConfigurationVolumeSource> volumes) {
        this.volumes = volumes;
    }
}
