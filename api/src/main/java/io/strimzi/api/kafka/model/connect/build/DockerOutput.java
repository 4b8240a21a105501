package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;

import java.util.List;

/** Pushes the built image to a container registry. The CRD descriptions of these fields are in {@link OutputSchema}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "image", "pushSecret", "additionalKanikoOptions", "additionalBuildOptions", "additionalPushOptions"})
public final class DockerOutput extends Output {
    public static final String TYPE = "docker";

    @Required
    private String image;

    private String pushSecret;

    @Deprecated
    private List<String> additionalKanikoOptions;

    private List<String> additionalBuildOptions;

    private List<String> additionalPushOptions;

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

    public String getPushSecret() {
        return pushSecret;
    }

    public void setPushSecret(String pushSecret) {
        this.pushSecret = pushSecret;
    }

    @Deprecated
    public List<String> getAdditionalKanikoOptions() {
        return additionalKanikoOptions;
    }

    @Deprecated
    public void setAdditionalKanikoOptions(List<String> additionalKanikoOptions) {
        this.additionalKanikoOptions = additionalKanikoOptions;
    }

    public List<String> getAdditionalBuildOptions() {
        return additionalBuildOptions;
    }

    public void setAdditionalBuildOptions(List<String> additionalBuildOptions) {
        this.additionalBuildOptions = additionalBuildOptions;
    }

    public List<String> getAdditionalPushOptions() {
        return additionalPushOptions;
    }

    public void setAdditionalPushOptions(List<String> additionalPushOptions) {
        this.additionalPushOptions = additionalPushOptions;
    }
}
