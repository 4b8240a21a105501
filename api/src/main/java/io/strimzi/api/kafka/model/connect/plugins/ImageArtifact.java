package io.strimzi.api.kafka.model.connect.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A container image or OCI artifact mounted as a Kubernetes image volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "reference", "pullPolicy"})
public final class ImageArtifact extends MountedArtifact {
    public static final String TYPE = "image";

    private String reference;

    private String pullPolicy;

    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }

    public String getPullPolicy() {
        return pullPolicy;
    }

    public void setPullPolicy(String pullPolicy) {
        this.pullPolicy = pullPolicy;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
