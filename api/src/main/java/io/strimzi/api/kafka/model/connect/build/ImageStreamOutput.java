package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;

/** Pushes the built image to an OpenShift ImageStream (OpenShift only). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "image"})
public final class ImageStreamOutput extends Output {
    public static final String TYPE = "imagestream";

    @Required
    private String image;

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public String getImage() {
        return image;
    }

    @Override
    public void setImage(String image) {
        this.image = image;
    }
}
