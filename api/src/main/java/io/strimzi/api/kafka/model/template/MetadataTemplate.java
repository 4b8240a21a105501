package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;

/** Labels and annotations added to a generated resource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetadataTemplate {
    @JsonPropertyDescription("Labels added to the Kubernetes resource.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations added to the Kubernetes resource.")
    private Map<String, String> annotations;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
