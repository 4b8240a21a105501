package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.connect.BuildStatus;

import java.time.Instant;

/**
 * What the build step found or did for the current revision. It never waits for a build: a running build's completion
 * arrives as a change of its Pod (or OpenShift Build), which reconciles the KafkaConnect again.
 */
public sealed interface BuildResult {
    /** The status to show in `status.build`. */
    BuildStatus status();

    /**
     * An image of the current revision exists.
     *
     * @param finishedBuild the finished build to remove once the workload runs the image, or null
     */
    record Built(String revision, String image, BuildStatus status, String finishedBuild) implements BuildResult {
    }

    /**
     * A build of the current revision runs.
     *
     * @param deadline when it times out (STRIMZI_CONNECT_BUILD_TIMEOUT_MS after its start)
     */
    record InProgress(BuildStatus status, Instant deadline) implements BuildResult {
    }

    /**
     * No image of the current revision: the build failed, could not start or ran out of time.
     *
     * @param reason      the Ready condition's reason ({@link ConditionReasons})
     * @param nextAttempt when the next build starts (back-off), or null when none is due (a timed-out build runs on)
     */
    record NotBuilt(BuildStatus status, String reason, String message, Instant nextAttempt) implements BuildResult {
    }
}
