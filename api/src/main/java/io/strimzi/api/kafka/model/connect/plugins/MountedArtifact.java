package io.strimzi.api.kafka.model.connect.plugins;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strimzi.api.kafka.model.common.TypedByTypeField;

/**
 * One artifact of a mounted plugin; the subclass is chosen by `type`. The CRD schema is {@link
 * MountedArtifactSchema}.
 */
@TypedByTypeField
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImageArtifact.class, name = ImageArtifact.TYPE),
})
public abstract sealed class MountedArtifact permits ImageArtifact {
    /** The discriminator, as written in YAML. */
    public abstract String getType();
}
