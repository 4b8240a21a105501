package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strimzi.api.kafka.model.common.TypedByTypeField;

/** One file or archive of a connector plugin; the subclass is chosen by `type`. */
@TypedByTypeField
@JsonSubTypes({
    @JsonSubTypes.Type(value = JarArtifact.class, name = JarArtifact.TYPE),
    @JsonSubTypes.Type(value = TgzArtifact.class, name = TgzArtifact.TYPE),
    @JsonSubTypes.Type(value = ZipArtifact.class, name = ZipArtifact.TYPE),
    @JsonSubTypes.Type(value = OtherArtifact.class, name = OtherArtifact.TYPE),
    @JsonSubTypes.Type(value = MavenArtifact.class, name = MavenArtifact.TYPE),
})
public abstract sealed class Artifact permits DownloadableArtifact, MavenArtifact {
    public abstract String getType();
}
