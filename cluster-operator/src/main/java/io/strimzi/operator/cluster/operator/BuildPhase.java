package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.connect.BuildStatus;

import java.time.Instant;

/** The phase of a build, as `status.build.phase` shows it. */
public enum BuildPhase {
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed");

    private final String statusValue;

    BuildPhase(String statusValue) {
        this.statusValue = statusValue;
    }

    /** The value in `status.build.phase`. */
    public String statusValue() {
        return statusValue;
    }

    /** Whether a stored build status is in this phase. */
    public boolean of(BuildStatus status) {
        return status != null && statusValue.equals(status.getPhase());
    }

    /** A build status in this phase. */
    public BuildStatus status(String builder, String revision, String buildName, Instant start, Instant finish, String image) {
        BuildStatus s = new BuildStatus();
        s.setPhase(statusValue);
        s.setBuilder(builder);
        s.setRevision(revision);
        s.setPodName(buildName);
        s.setStartTime(start != null ? start.toString() : null);
        s.setFinishTime(finish != null ? finish.toString() : null);
        s.setImage(image);
        return s;
    }
}
