package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/** What `kubectl describe kc` shows about the current or last build. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"phase", "builder", "revision", "podName", "startTime", "finishTime", "image", "failedAttempts",
    "nextAttemptTime"})
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
    @JsonPropertyDescription("While builds of this revision fail: how many failed in a row. The wait before the next attempt "
            + "doubles with each (30 s, 60 s, ... up to 10 minutes).")
    private Integer failedAttempts;
    @JsonPropertyDescription("While builds of this revision fail: when the next build starts. The operator keeps to it also "
            + "after a restart or a change of leader; a change of the spec, or the strimzi.io/force-rebuild annotation, "
            + "builds at once.")
    private String nextAttemptTime;

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

    public Integer getFailedAttempts() {
        return failedAttempts;
    }

    public void setFailedAttempts(Integer failedAttempts) {
        this.failedAttempts = failedAttempts;
    }

    public String getNextAttemptTime() {
        return nextAttemptTime;
    }

    public void setNextAttemptTime(String nextAttemptTime) {
        this.nextAttemptTime = nextAttemptTime;
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
                && Objects.equals(image, other.image) && Objects.equals(failedAttempts, other.failedAttempts)
                && Objects.equals(nextAttemptTime, other.nextAttemptTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, builder, revision, podName, startTime, finishTime, image, failedAttempts, nextAttemptTime);
    }
}
