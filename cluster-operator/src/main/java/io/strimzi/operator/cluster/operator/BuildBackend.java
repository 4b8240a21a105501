package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.vertx.core.Future;

import java.time.Instant;

/** Runs builds on one platform: a build Pod on Kubernetes, a BuildConfig and Builds on OpenShift. */
interface BuildBackend {
    /** A build found in the cluster. */
    record ExistingBuild(String name, String revision, BuildOutcome outcome, Instant startTime, Instant finishTime) {
    }

    /** The build of this KafkaConnect that exists now (the newest one on OpenShift), or null. */
    Future<ExistingBuild> find(Reconciliation reconciliation, BuildPlan plan);

    /** Removes a stale build if needed, writes the build's objects and starts a build; returns its name. */
    Future<String> start(Reconciliation reconciliation, KafkaConnect connect, BuildPlan plan, ExistingBuild stale);

    /** Completes when the build is done (watching it), or fails with {@link BuildTimeoutException}. */
    Future<BuildOutcome> await(Reconciliation reconciliation, BuildPlan plan, String buildName, long timeoutMs);

    /** After a successful build: removes what is no longer needed (the build Pod). */
    Future<Void> cleanUp(Reconciliation reconciliation, String buildName);

    /** `.spec.build` was removed: deletes every build object. */
    Future<Void> deleteAll(Reconciliation reconciliation);

    /** The build did not finish within the time-out; it is left running for the next reconciliation to adopt. */
    final class BuildTimeoutException extends RuntimeException {
        BuildTimeoutException(String message) {
            super(message);
        }
    }
}
