package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Customises the OpenShift BuildConfig. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuildConfigTemplate {
    @JsonPropertyDescription("Metadata applied to the BuildConfig.")
    private MetadataTemplate metadata;

    @JsonPropertyDescription("The name of a Secret with the credentials for pulling the base image.")
    private String pullSecret;

    public MetadataTemplate getMetadata() {
        return metadata;
    }

    public void setMetadata(MetadataTemplate metadata) {
        this.metadata = metadata;
    }

    public String getPullSecret() {
        return pullSecret;
    }

    public void setPullSecret(String pullSecret) {
        this.pullSecret = pullSecret;
    }
}
