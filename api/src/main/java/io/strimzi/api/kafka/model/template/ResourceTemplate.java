package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A template that only customises metadata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceTemplate {
    @JsonPropertyDescription("Metadata applied to the resource.")
    private MetadataTemplate metadata;

    public MetadataTemplate getMetadata() {
        return metadata;
    }

    public void setMetadata(MetadataTemplate metadata) {
        this.metadata = metadata;
    }
}
