package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.strimzi.api.kafka.model.connect.BuildStatus;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

/**
 * Decides from what exists whether a KafkaConnect needs a build, and starts, follows or adopts it: the image of the
 * current revision is on the Deployment, or a build of it runs, succeeded or failed, or none exists. It never waits for
 * a build; the build Pod's (or OpenShift Build's) next change reconciles the resource again. Blocking: call from a
 * worker thread.
 *
 * <p>A failed build is retried after a back-off that doubles per failure of the same revision and generation. The
 * number of failures and the time of the next attempt are kept in `status.build` (`failedAttempts`,
 * `nextAttemptTime`), so that a restarted operator or a new leader keeps to them.
 */
public final class ConnectBuildOperator {
    private static final Logger LOGGER = LogManager.getLogger(ConnectBuildOperator.class);

    /**
     * Consecutive failures of one revision at one generation, with what was reported.
     *
     * @param build the failed build's identity ({@link BuildBackend.ExistingBuild#identity()}), or null when the build did
     *              not start: seeing the same failed build again is not another failure
     */
    private record Failure(String revision, Long generation, int count, Instant nextAttempt, String reason, String message,
                           BuildStatus status, String build) {
    }

    private final KubernetesClient client;
    private final EventPublisher events;
    private final OperatorMetrics metrics;
    private final BuildRetryPolicy retryPolicy;
    private final long buildTimeoutMs;
    private final Clock clock;
    private final StopSignal stop;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    /** The last finished build whose outcome was counted and announced, per resource: each is reported once. */
    private final Map<String, String> reported = new ConcurrentHashMap<>();

    ConnectBuildOperator(KubernetesClient client, EventPublisher events, OperatorMetrics metrics, BuildRetryPolicy retryPolicy,
                         long buildTimeoutMs, Clock clock, StopSignal stop) {
        this.client = client;
        this.events = events;
        this.metrics = metrics;
        this.retryPolicy = retryPolicy;
        this.buildTimeoutMs = buildTimeoutMs;
        this.clock = clock;
        this.stop = stop;
    }

    /**
     * @param stored  the status as read with the resource: the failures of an earlier operator are in it
     * @param current the Connect Deployment as stored, or null
     */
    <B extends KafkaConnectBuild> BuildResult reconcile(Reconciliation r, KafkaConnect connect, KafkaConnectStatus stored, B build,
                                                      BuildBackend<B> backend, Deployment current) {
        String revision = build.revision();
        // On the KafkaConnect, or on the workload, where Strimzi's documentation puts it.
        boolean force = "true".equals(annotation(connect, BuildNames.FORCE_REBUILD_ANNOTATION))
                || "true".equals(annotation(current, BuildNames.FORCE_REBUILD_ANNOTATION));
        String builtRevision = annotation(current, BuildNames.REVISION_ANNOTATION);
        String builtImage = annotation(current, BuildNames.IMAGE_ANNOTATION);
        if (current == null && stored != null && BuildPhase.SUCCEEDED.of(stored.getBuild())) {
            // The Deployment was deleted: the status still names the image built for its revision.
            builtRevision = stored.getBuild().getRevision();
            builtImage = stored.getBuild().getImage();
        }
        boolean built = revision.equals(builtRevision) && builtImage != null;
        BuildBackend.ExistingBuild existing = backend.find(r, build);
        if (force) {
            return start(r, connect, stored, current, build, backend, existing, true);
        }
        if (existing != null && revision.equals(existing.revision())) {
            String builder = existing.builder() != null ? existing.builder() : build.builderName();
            BuildOutcome outcome = existing.outcome();
            if (outcome instanceof BuildOutcome.Running) {
                // Also a forced build of the revision the Deployment runs already.
                return running(r, existing, builder, revision);
            }
            if (outcome instanceof BuildOutcome.Succeeded succeeded) {
                return built && succeeded.image().equals(builtImage)
                        ? built(r, build, revision, builtImage, existing.name())
                        : succeeded(r, connect, existing, builder, revision, succeeded.image());
            }
            if (built) {
                // A forced build of the running revision failed: the Deployment keeps its image, the Pod its logs.
                return built(r, build, revision, builtImage, null);
            }
            BuildOutcome.Failed failed = (BuildOutcome.Failed) outcome;
            Failure failure = failed(r, connect, stored, existing, builder, revision, failed);
            if (ConditionReasons.IMAGE_PULL_FAILED.equals(failed.reason())) {
                // The kubelet would keep pulling (and might start the build long after its failure was reported); the
                // next attempt, after the back-off, starts with a new Pod.
                backend.cleanUp(r, existing.name());
            }
            BuildResult.NotBuilt waiting = withinBackOff(r, connect, failure);
            if (waiting != null) {
                return waiting;
            }
        } else if (built) {
            return built(r, build, revision, builtImage, null);
        } else {
            // No build of this revision exists: a failure that left nothing behind still holds the back-off.
            BuildResult.NotBuilt waiting = withinBackOff(r, connect, known(r, stored, revision));
            if (waiting != null) {
                return waiting;
            }
        }
        return start(r, connect, stored, current, build, backend, existing, false);
    }

    /**
     * The Deployment runs the image of this revision.
     *
     * @param finishedBuild the finished build of that image, to remove, or null
     */
    private BuildResult.Built built(Reconciliation r, KafkaConnectBuild build, String revision, String image, String finishedBuild) {
        failures.remove(r.key());
        // Only revision and image are known here; the status writer keeps the stored Pod and times of this build.
        return new BuildResult.Built(revision, image, BuildPhase.SUCCEEDED.status(build.builderName(), revision, null, null, null, image),
                finishedBuild);
    }

    /** `.spec.build` is gone: delete the builds and forget the failures. */
    void deleteBuild(Reconciliation r, BuildBackend<?> backend) {
        failures.remove(r.key());
        reported.remove(r.key());
        backend.deleteAll(r);
    }

    /** The resource is gone: forget it. */
    void forget(Reconciliation r) {
        failures.remove(r.key());
        reported.remove(r.key());
    }

    private BuildResult running(Reconciliation r, BuildBackend.ExistingBuild existing, String builder, String revision) {
        Instant started = existing.startTime() != null ? existing.startTime() : clock.instant();
        BuildStatus status = BuildPhase.RUNNING.status(builder, revision, existing.name(), started, null, null);
        Instant deadline = started.plusMillis(buildTimeoutMs);
        if (!clock.instant().isBefore(deadline)) {
            String message = "the build in " + existing.name() + " did not finish within " + buildTimeoutMs + " ms; it keeps "
                    + "running and its image is used when it finishes";
            LOGGER.warn("{}: {}", r, message);
            return new BuildResult.NotBuilt(status, ConditionReasons.BUILD_TIMEOUT, message, null);
        }
        return new BuildResult.InProgress(status, deadline);
    }

    private BuildResult succeeded(Reconciliation r, KafkaConnect connect, BuildBackend.ExistingBuild existing, String builder,
                                  String revision, String image) {
        failures.remove(r.key());
        Instant finished = existing.finishTime() != null ? existing.finishTime() : clock.instant();
        Instant started = existing.startTime() != null ? existing.startTime() : finished;
        if (!existing.identity().equals(reported.put(r.key(), existing.identity()))) {
            metrics.buildSucceeded(builder, Duration.between(started, finished).abs());
            LOGGER.info("{}: build {} of revision {} produced {}", r, existing.name(), revision, image);
            events.normal(connect, "BuildSucceeded", "Build " + existing.name() + " of revision " + revision + " produced " + image);
        }
        return new BuildResult.Built(revision, image, BuildPhase.SUCCEEDED.status(builder, revision, null, started, finished, image),
                existing.name());
    }

    private Failure failed(Reconciliation r, KafkaConnect connect, KafkaConnectStatus stored, BuildBackend.ExistingBuild existing,
                           String builder, String revision, BuildOutcome.Failed failed) {
        Instant finished = existing.finishTime() != null ? existing.finishTime() : clock.instant();
        BuildStatus status = BuildPhase.FAILED.status(builder, revision, existing.name(), existing.startTime(), finished, null);
        Failure known = known(r, stored, revision);
        boolean seen = known != null && existing.identity().equals(known.build())
                || known != null && known.build() == null && existing.name().equals(known.status().getPodName())
                        && existing.startTime() != null && existing.startTime().toString().equals(known.status().getStartTime());
        if (seen) {
            return known;
        }
        Failure failure = record(r, connect, known, revision, failed.reason(), failed.message(), status, existing.identity(), finished);
        if (!existing.identity().equals(reported.put(r.key(), existing.identity()))) {
            Duration duration = existing.startTime() != null ? Duration.between(existing.startTime(), finished).abs() : Duration.ZERO;
            metrics.buildFailed(builder, failed.reason(), duration);
            events.warning(connect, ConditionReasons.BUILD_FAILED, failed.reason() + ": " + failed.message());
        }
        LOGGER.warn("{}: build {} of revision {} failed ({}): {}; next attempt at {}", r, existing.name(), revision, failed.reason(),
                failed.message(), failure.nextAttempt());
        return failure;
    }

    private <B extends KafkaConnectBuild> BuildResult start(Reconciliation r, KafkaConnect connect, KafkaConnectStatus stored,
                                                           Deployment current, B build, BuildBackend<B> backend,
                                                           BuildBackend.ExistingBuild stale, boolean force) {
        String revision = build.revision();
        stop.check();
        Instant start = clock.instant();
        BuildBackend.ExistingBuild started;
        try {
            started = backend.start(r, connect, build, stale);
        } catch (BuildBackend.BuildNotStartedException notStarted) {
            BuildStatus status = BuildPhase.FAILED.status(build.builderName(), revision, null, start, clock.instant(), null);
            Failure failure = record(r, connect, known(r, stored, revision), revision, notStarted.reason(), notStarted.getMessage(),
                    status, null, clock.instant());
            metrics.buildFailed(build.builderName(), notStarted.reason());
            LOGGER.warn("{}: the build of revision {} could not start ({}): {}", r, revision, notStarted.reason(), notStarted.getMessage());
            events.warning(connect, ConditionReasons.BUILD_FAILED, notStarted.reason() + ": " + notStarted.getMessage());
            return notBuilt(failure);
        }
        String name = started.name();
        LOGGER.info("{}: started build {} of revision {} with {}", r, name, revision, build.builderName());
        metrics.buildStarted(build.builderName());
        events.normal(connect, "BuildStarted", "Started build " + name + " of revision " + revision + " with "
                + build.builderName() + ", pushing to " + build.outputImage());
        if (force) {
            removeForceRebuild(r, connect, current);
        }
        // As a later reconciliation reports it from the build it finds: the same status, not written twice.
        return running(r, started, build.builderName(), revision);
    }

    /**
     * A new failure of the revision: one more in a row when the last one was of the same revision and generation, else
     * the first. The back-off runs from now.
     */
    private Failure record(Reconciliation r, KafkaConnect connect, Failure known, String revision, String reason, String message,
                           BuildStatus status, String build, Instant failedAt) {
        Long generation = connect.getMetadata().getGeneration();
        int count = known != null && known.revision().equals(revision) && java.util.Objects.equals(known.generation(), generation)
                ? known.count() + 1 : 1;
        Instant next = (failedAt.isAfter(clock.instant()) ? clock.instant() : failedAt).plus(retryPolicy.delayAfter(count));
        status.setFailedAttempts(count);
        status.setNextAttemptTime(next.toString());
        Failure failure = new Failure(revision, generation, count, next, reason, message, status, build);
        failures.put(r.key(), failure);
        return failure;
    }

    /**
     * The last failure of this revision: this operator's record, else the one a status of an earlier operator (or
     * leader) holds.
     */
    private Failure known(Reconciliation r, KafkaConnectStatus stored, String revision) {
        Failure failure = failures.get(r.key());
        if (failure != null && failure.revision().equals(revision)) {
            return failure;
        }
        BuildStatus build = stored != null ? stored.getBuild() : null;
        if (!BuildPhase.FAILED.of(build) || !revision.equals(build.getRevision()) || build.getNextAttemptTime() == null) {
            return null;
        }
        var ready = stored.getConditions() == null ? null : stored.getConditions().stream()
                .filter(c -> StatusConditions.READY.equals(c.getType()) && "False".equals(c.getStatus())).findFirst().orElse(null);
        String message = ready != null && ready.getMessage() != null ? ready.getMessage().replaceFirst(" \\(next attempt at [^)]*\\)$", "") : "";
        try {
            failure = new Failure(revision, stored.getObservedGeneration(), build.getFailedAttempts() != null ? build.getFailedAttempts() : 1,
                    Instant.parse(build.getNextAttemptTime()), ready != null ? ready.getReason() : ConditionReasons.BUILD_FAILED, message,
                    build, null);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
        failures.put(r.key(), failure);
        return failure;
    }

    /**
     * The failed result to report while the back-off of a failed revision lasts, or null when it may be built again:
     * after the back-off, or at once when the spec changed (a new generation).
     */
    private BuildResult.NotBuilt withinBackOff(Reconciliation r, KafkaConnect connect, Failure failure) {
        if (failure == null || !java.util.Objects.equals(failure.generation(), connect.getMetadata().getGeneration())
                || !clock.instant().isBefore(failure.nextAttempt())) {
            return null;
        }
        LOGGER.debug("{}: revision {} failed; next attempt at {}", r, failure.revision(), failure.nextAttempt());
        return notBuilt(failure);
    }

    /** The message names the time of the next attempt, not a countdown, so that it stays the same between reconciles. */
    private static BuildResult.NotBuilt notBuilt(Failure failure) {
        return new BuildResult.NotBuilt(failure.status(), failure.reason(),
                failure.message() + " (next attempt at " + failure.nextAttempt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")",
                failure.nextAttempt());
    }

    /** Once the forced build started: the annotation goes from the KafkaConnect and the Connect Deployment. */
    private void removeForceRebuild(Reconciliation r, KafkaConnect connect, Deployment current) {
        if (annotation(connect, BuildNames.FORCE_REBUILD_ANNOTATION) != null) {
            removeAnnotation(r, client.genericKubernetesResources(KafkaConnectAssemblyOperator.KAFKA_CONNECTS).inNamespace(r.namespace())
                    .withName(r.name()), "KafkaConnect");
        }
        if (annotation(current, BuildNames.FORCE_REBUILD_ANNOTATION) != null) {
            removeAnnotation(r, client.apps().deployments().inNamespace(r.namespace()).withName(current.getMetadata().getName()),
                    "Deployment");
        }
    }

    private void removeAnnotation(Reconciliation r, io.fabric8.kubernetes.client.dsl.Resource<?> resource, String kind) {
        try {
            // A JSON patch: it removes just this key, whatever else changed meanwhile.
            resource.patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/"
                    + BuildNames.FORCE_REBUILD_ANNOTATION.replace("~", "~0").replace("/", "~1") + "\"}]");
        } catch (KubernetesClientException e) {
            if (e.getCode() != 422 && e.getCode() != HTTP_NOT_FOUND) {
                // 422: someone removed it already.
                throw new KubernetesRequestException("removing the " + BuildNames.FORCE_REBUILD_ANNOTATION + " annotation of the "
                        + kind + " of " + r.key(), e);
            }
        }
        LOGGER.info("{}: removed the {} annotation from the {}", r, BuildNames.FORCE_REBUILD_ANNOTATION, kind);
    }

    private static String annotation(HasMetadata resource, String key) {
        if (resource == null) {
            return null;
        }
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
