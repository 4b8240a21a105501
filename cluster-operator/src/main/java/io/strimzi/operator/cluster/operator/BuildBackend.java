package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.vertx.core.Future;

import java.time.Instant;

/** Runs builds on one platform: a build Pod on Kubernetes, a BuildConfig and Builds on OpenShift. */
interface BuildBackend {
    /**
     * A build found in the cluster.
     *
     * @param builder the builder that runs it (`buildah`, `kaniko`, `openshift`), or null when it cannot be told
     */
    record ExistingBuild(String name, String revision, String builder, BuildOutcome outcome, Instant startTime,
                         Instant finishTime) {
    }

    /** The build of this KafkaConnect that exists now (the newest one on OpenShift), or null. */
    Future<ExistingBuild> find(Reconciliation reconciliation, BuildPlan plan);

    /**
     * Removes or cancels a stale build if needed, writes the build's objects and starts a build; returns its name.
     * Fails with {@link BuildNotStartedException} when the cluster refuses the build.
     */
    Future<String> start(Reconciliation reconciliation, KafkaConnect connect, BuildPlan plan, ExistingBuild stale);

    /**
     * Completes when the build is done (watching it). Fails with {@link BuildTimeoutException} after the time-out
     * and with {@link StopSignal.OperatorStoppedException} when the operator stops.
     */
    Future<BuildOutcome> await(Reconciliation reconciliation, BuildPlan plan, String buildName, long timeoutMs, StopSignal stop);

    /** After a successful build: removes what is no longer needed. */
    Future<Void> cleanUp(Reconciliation reconciliation, String buildName);

    /** `.spec.build` was removed: deletes every build object. */
    Future<Void> deleteAll(Reconciliation reconciliation);

    /** The build did not finish within the time-out; it is left running for the next reconciliation to adopt. */
    final class BuildTimeoutException extends RuntimeException {
        BuildTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * The build could not be started: the API server or an admission controller rejected its objects, or something
     * it needs (an ImageStream) is missing. The reason is a CamelCase condition reason.
     */
    final class BuildNotStartedException extends RuntimeException {
        private final String reason;

        BuildNotStartedException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
