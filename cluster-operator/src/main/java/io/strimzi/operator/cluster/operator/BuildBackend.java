package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.vertx.core.Future;

import java.time.Instant;

/**
 * The platform side of a build: how the build's objects are written, how a build is started, found, awaited and
 * cleaned up. {@link PodBuildBackend} runs a {@link io.strimzi.operator.cluster.model.connectbuild.PodBuild} (whatever
 * tool its container runs: Buildah or Kaniko); {@link OpenShiftBuildBackend} an
 * {@link io.strimzi.operator.cluster.model.connectbuild.OpenShiftBuild}. What builds the image is the model's
 * {@link io.strimzi.operator.cluster.model.connectbuild.BuildTool}; a backend only knows the objects.
 *
 * @param <B> the kind of build this backend runs
 */
interface BuildBackend<B extends KafkaConnectBuild> {
    /**
     * A build found in the cluster.
     *
     * @param builder the builder that runs it (`buildah`, `kaniko`, `openshift`), or null when it cannot be told
     */
    record ExistingBuild(String name, String revision, String builder, BuildOutcome outcome, Instant startTime,
                         Instant finishTime) {
    }

    /** The build of this KafkaConnect that exists now (the newest one on OpenShift), or null. */
    Future<ExistingBuild> find(Reconciliation reconciliation, B build);

    /**
     * Removes or cancels a stale build if needed, writes the build's objects and starts a build; returns its name.
     * Fails with {@link BuildNotStartedException} when the cluster refuses the build.
     */
    Future<String> start(Reconciliation reconciliation, KafkaConnect connect, B build, ExistingBuild stale);

    /**
     * Completes when the build is done (watching it). Fails with {@link BuildTimeoutException} after the time-out
     * and with {@link StopSignal.OperatorStoppedException} when the operator stops.
     */
    Future<BuildOutcome> await(Reconciliation reconciliation, B build, String buildName, long timeoutMs, StopSignal stop);

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
