package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.List;

/** Customises a container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"env", "securityContext", "volumeMounts"})
public class ContainerTemplate {
    @JsonPropertyDescription("Environment variables applied to the container.")
    private List<ContainerEnvVar> env;

    @JsonPropertyDescription("The container's security context. For the Buildah build container it replaces the default, which "
            + "adds only the KILL, SETGID and SETUID capabilities.")
    private SecurityContext securityContext;

    @JsonPropertyDescription("Volumes of the pod template's `volumes` mounted into the container.")
    private List<VolumeMount> volumeMounts;

    public List<ContainerEnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<ContainerEnvVar> env) {
        this.env = env;
    }

    public SecurityContext getSecurityContext() {
        return securityContext;
    }

    public void setSecurityContext(SecurityContext securityContext) {
        this.securityContext = securityContext;
    }

    public List<VolumeMount> getVolumeMounts() {
        return volumeMounts;
    }

    public void setVolumeMounts(List<VolumeMount> volumeMounts) {
        this.volumeMounts = volumeMounts;
    }
}
