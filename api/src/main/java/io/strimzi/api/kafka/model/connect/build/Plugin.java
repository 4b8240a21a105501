package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "artifacts"})
public class Plugin {
    /** Also enforced by the operator, since not every API server validates. */
    public static final String NAME_PATTERN = "^[a-z0-9][-_a-z0-9]*[a-z0-9]$";

    @JsonPropertyDescription("The unique name of the connector plugin. It names the plugin's directory in the image.")
    @Required
    @Pattern(NAME_PATTERN)
    private String name;

    @JsonPropertyDescription("The artifacts that belong to the plugin.")
    @Required
    @Size(min = 1)
    @SchemaFrom(type = ArtifactSchema[].class)
    private List<Artifact> artifacts;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<Artifact> getArtifacts() {
        return artifacts;
    }

    public void setArtifacts(List<Artifact> artifacts) {
        this.artifacts = artifacts;
    }
}
