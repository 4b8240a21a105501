package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strimzi.api.kafka.model.common.TypedByTypeField;

/** Where the built image goes; the subclass is chosen by `type`. */
@TypedByTypeField
@JsonSubTypes({
    @JsonSubTypes.Type(value = DockerOutput.class, name = DockerOutput.TYPE),
    @JsonSubTypes.Type(value = ImageStreamOutput.class, name = ImageStreamOutput.TYPE),
})
public abstract sealed class Output permits DockerOutput, ImageStreamOutput {
    /** The discriminator, as written in YAML. */
    public abstract String getType();

    /** The output image as the user wrote it. */
    public abstract String getImage();

    public abstract void setImage(String image);

    @JsonIgnore
    public boolean isDocker() {
        return this instanceof DockerOutput;
    }
}
