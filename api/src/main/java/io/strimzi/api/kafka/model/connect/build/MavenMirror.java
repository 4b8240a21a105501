package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Maven mirror that serves every repository request of a build (`mirrorOf: *`). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"url"})
public class MavenMirror {
    @JsonPropertyDescription("The base URL of the mirror. Every repository request of the build, for the artifact, its "
            + "dependencies and Maven's own plugins, goes to this mirror.")
    @Required
    @Pattern(MavenArtifact.REPOSITORY_PATTERN)
    private String url;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }
}
