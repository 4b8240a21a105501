package io.strimzi.api.kafka.model.connect.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.strimzi.api.kafka.model.connect.build.Plugin;

import java.util.List;

/**
 * A connector plugin mounted into the Connect pods from OCI artifacts or container images (Kubernetes image
 * volumes), without a build.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "artifacts"})
public class MountedPlugin {
    @JsonPropertyDescription("The unique name of the connector plugin; it names the directory the plugin is mounted in under "
            + "`/opt/kafka/plugins`.")
    @Required
    @Pattern(Plugin.NAME_PATTERN)
    private String name;

    @JsonPropertyDescription("The artifacts of the plugin, each mounted as a volume.")
    @Required
    @Size(min = 1)
    @SchemaFrom(type = MountedArtifactSchema[].class)
    private List<MountedArtifact> artifacts;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<MountedArtifact> getArtifacts() {
        return artifacts;
    }

    public void setArtifacts(List<MountedArtifact> artifacts) {
        this.artifacts = artifacts;
    }
}
