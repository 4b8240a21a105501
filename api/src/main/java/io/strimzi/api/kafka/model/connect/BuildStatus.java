package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/** What `kubectl describe kc` shows about the current or last build. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"phase", "builder", "revision", "podName", "startTime", "finishTime", "image"})
public class BuildStatus {
    @JsonPropertyDescription("The phase of the last build: Running, Succeeded or Failed.")
    private String phase;
    @JsonPropertyDescription("The builder that runs the build: buildah, kaniko or openshift.")
    private String builder;
    @JsonPropertyDescription("The build revision: a hash of the Dockerfile and the output image.")
    private String revision;
    @JsonPropertyDescription("The name of the build Pod or OpenShift Build.")
    private String podName;
    @JsonPropertyDescription("When the build started.")
    private String startTime;
    @JsonPropertyDescription("When the build finished.")
    private String finishTime;
    @JsonPropertyDescription("The built image, by digest.")
    private String image;

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getBuilder() {
        return builder;
    }

    public void setBuilder(String builder) {
        this.builder = builder;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public String getPodName() {
        return podName;
    }

    public void setPodName(String podName) {
        this.podName = podName;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getFinishTime() {
        return finishTime;
    }

    public void setFinishTime(String finishTime) {
        this.finishTime = finishTime;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BuildStatus other)) {
            return false;
        }
        return Objects.equals(phase, other.phase) && Objects.equals(builder, other.builder)
                && Objects.equals(revision, other.revision) && Objects.equals(podName, other.podName)
                && Objects.equals(startTime, other.startTime) && Objects.equals(finishTime, other.finishTime)
                && Objects.equals(image, other.image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, builder, revision, podName, startTime, finishTime, image);
    }
}
