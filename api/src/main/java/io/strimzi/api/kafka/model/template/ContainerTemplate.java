package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.SecurityContext;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerTemplate {
    @JsonPropertyDescription("Environment variables applied to the container.")
    private List<ContainerEnvVar> env;

    @JsonPropertyDescription("The container's security context. For the Buildah build container it replaces the default, "
            + "which adds only the KILL, SETGID and SETUID capabilities.")
    private SecurityContext securityContext;

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
}
