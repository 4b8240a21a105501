package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.annotation.JsonTypeIdResolver;

/** One file or archive of a connector plugin; the subclass is chosen by `type`. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonTypeIdResolver(DeclaredSubtypeResolver.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = JarArtifact.class, name = JarArtifact.TYPE),
    @JsonSubTypes.Type(value = TgzArtifact.class, name = TgzArtifact.TYPE),
    @JsonSubTypes.Type(value = ZipArtifact.class, name = ZipArtifact.TYPE),
    @JsonSubTypes.Type(value = OtherArtifact.class, name = OtherArtifact.TYPE),
    @JsonSubTypes.Type(value = MavenArtifact.class, name = MavenArtifact.TYPE),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract sealed class Artifact permits DownloadableArtifact, MavenArtifact {
    public abstract String getType();
}
