package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;

import java.time.Instant;

/**
 * The platform side of a build: how a build is found, started and cleaned up. {@link PodBuildBackend} runs a
 * {@link io.strimzi.operator.cluster.model.connectbuild.PodBuild} (whatever tool its container runs: Buildah or
 * Kaniko); {@link OpenShiftBuildBackend} an {@link io.strimzi.operator.cluster.model.connectbuild.OpenShiftBuild}. What
 * builds the image is the model's {@link io.strimzi.operator.cluster.model.connectbuild.BuildTool}; a backend only knows
 * the objects. The build's inputs (ConfigMap, ServiceAccount, Secret, BuildConfig) are written before, as kept objects.
 * Blocking: call from a worker thread. Builds are found in the caches: a running build is never waited for.
 *
 * @param <B> the kind of build this backend runs
 */
interface BuildBackend<B extends KafkaConnectBuild> {
    /**
     * A build found in the cluster.
     *
     * @param builder the builder that runs it (`buildah`, `kaniko`, `openshift`), or null when it cannot be told
     */
    record ExistingBuild(String name, String uid, String revision, String builder, BuildOutcome outcome, Instant startTime,
                         Instant finishTime) {
        /** Tells this build from an earlier one of the same name. */
        String identity() {
            return uid != null ? uid : name + "@" + startTime;
        }
    }

    /** The build of this KafkaConnect that exists now (the newest one on OpenShift), or null. */
    ExistingBuild find(Reconciliation reconciliation, B build);

    /**
     * Removes or cancels a stale build if needed and starts a build; returns it as {@link #find} will find it.
     *
     * @throws BuildNotStartedException when the cluster refuses the build
     */
    ExistingBuild start(Reconciliation reconciliation, KafkaConnect connect, B build, ExistingBuild stale);

    /** After a successful build, or one that must not go on (an image that cannot be pulled): removes it. */
    void cleanUp(Reconciliation reconciliation, String buildName);

    /** `.spec.build` was removed: deletes every build (the inputs are pruned as kept objects). */
    void deleteAll(Reconciliation reconciliation);

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
