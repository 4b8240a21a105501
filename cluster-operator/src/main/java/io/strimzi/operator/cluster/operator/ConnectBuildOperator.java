package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.BuildStatus;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.build.KafkaConnectBuild;
import io.vertx.core.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides whether a KafkaConnect needs a build, starts or adopts it, waits for it and reads the image back.
 * The platform specifics live in a {@link BuildBackend}.
 */
public final class ConnectBuildOperator {
    private static final Logger LOGGER = LogManager.getLogger(ConnectBuildOperator.class);

    /** What the build step hands to the rest of the reconciliation. */
    public record Result(String image, String revision, BuildStatus status, String failureReason, String failureMessage,
                         Duration retryAfter) {
        boolean succeeded() {
            return failureReason == null;
        }
    }

    /** Consecutive failures of one revision at one generation, for the back-off. */
    private record Failures(String revision, Long generation, int count, Instant lastFailure) {
    }

    private final KubernetesClient client;
    private final Blocking blocking;
    private final EventPublisher events;
    private final OperatorMetrics metrics;
    private final BuildRetryPolicy retryPolicy;
    private final long buildTimeoutMs;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    ConnectBuildOperator(KubernetesClient client, Blocking blocking, EventPublisher events, OperatorMetrics metrics,
                         BuildRetryPolicy retryPolicy, long buildTimeoutMs, Clock clock) {
        this.client = client;
        this.blocking = blocking;
        this.events = events;
        this.metrics = metrics;
        this.retryPolicy = retryPolicy;
        this.buildTimeoutMs = buildTimeoutMs;
        this.clock = clock;
    }

    /**
     * Makes sure an image for the current revision exists.
     *
     * @param current   the Connect Deployment as stored, or null
     * @param onRunning called with the build status when a build is started or adopted, before waiting for it
     */
    Future<Result> reconcile(Reconciliation r, KafkaConnect connect, BuildPlan plan, BuildBackend backend, Deployment current,
                             Function<BuildStatus, Future<Void>> onRunning) {
        String revision = plan.revision();
        boolean force = "true".equals(annotation(connect, KafkaConnectBuild.FORCE_REBUILD_ANNOTATION));
        String builtRevision = current != null ? annotation(current, KafkaConnectBuild.REVISION_ANNOTATION) : null;
        String builtImage = current != null ? annotation(current, KafkaConnectBuild.IMAGE_ANNOTATION) : null;
        if (!force && revision.equals(builtRevision) && builtImage != null) {
            failures.remove(r.key());
            return Future.succeededFuture(new Result(builtImage, revision, carriedStatus(connect, plan, revision, builtImage),
                    null, null, null));
        }
        return backend.find(r, plan).compose(existing -> {
            if (existing != null && revision.equals(existing.revision()) && !force) {
                BuildOutcome outcome = existing.outcome();
                if (outcome instanceof BuildOutcome.Running) {
                    LOGGER.info("{}: adopting the running build {} of revision {}", r, existing.name(), revision);
                    BuildStatus status = status("Running", plan, revision, existing.name(), existing.startTime(), null, null);
                    return onRunning.apply(status).compose(v -> awaitBuild(r, connect, plan, backend, existing.name(), status));
                }
                if (outcome instanceof BuildOutcome.Succeeded) {
                    BuildStatus status = status("Running", plan, revision, existing.name(), existing.startTime(), null, null);
                    return finish(r, connect, plan, backend, existing.name(), status, outcome);
                }
                BuildOutcome.Failed failed = (BuildOutcome.Failed) outcome;
                Duration wait = remainingBackOff(r, connect, revision, existing.finishTime());
                if (!wait.isZero()) {
                    LOGGER.info("{}: build {} of revision {} failed; next attempt in {} s", r, existing.name(), revision,
                            wait.toSeconds());
                    BuildStatus status = status("Failed", plan, revision, existing.name(), existing.startTime(),
                            existing.finishTime(), null);
                    return Future.succeededFuture(new Result(null, revision, status, failed.reason(),
                            failed.message() + " (next attempt in " + wait.toSeconds() + " s)", wait));
                }
            }
            return startBuild(r, connect, plan, backend, existing, force, onRunning);
        });
    }

    /** `.spec.build` is gone: delete the build objects and forget the failures. */
    Future<Void> deleteBuild(Reconciliation r, BuildBackend backend) {
        failures.remove(r.key());
        return backend.deleteAll(r);
    }

    private Future<Result> startBuild(Reconciliation r, KafkaConnect connect, BuildPlan plan, BuildBackend backend,
                                      BuildBackend.ExistingBuild stale, boolean force,
                                      Function<BuildStatus, Future<Void>> onRunning) {
        String revision = plan.revision();
        Instant start = clock.instant();
        return backend.start(r, connect, plan, stale).compose(name -> {
            LOGGER.info("{}: started build {} of revision {} with {}", r, name, revision, plan.builderName());
            metrics.buildStarted(plan.builderName());
            return blocking.run(() -> {
                events.normal(connect, "BuildStarted", "Started build " + name + " of revision " + revision + " with "
                        + plan.builderName() + ", pushing to " + plan.outputImage());
                if (force) {
                    removeForceRebuild(r);
                }
                return name;
            });
        }).compose(name -> {
            BuildStatus status = status("Running", plan, revision, name, start, null, null);
            return onRunning.apply(status).compose(v -> awaitBuild(r, connect, plan, backend, name, status));
        }, error -> {
            if (error instanceof PodBuildBackend.BuildRejectedException) {
                recordFailure(r, connect, revision);
                metrics.buildFailed(plan.builderName(), ConditionReasons.BUILD_POD_REJECTED);
                return blocking.run(() -> {
                    events.warning(connect, "BuildFailed", error.getMessage());
                    return new Result(null, revision, status("Failed", plan, revision, null, start, clock.instant(), null),
                            ConditionReasons.BUILD_POD_REJECTED, error.getMessage(), currentBackOff(r));
                });
            }
            return Future.failedFuture(error);
        });
    }

    private Future<Result> awaitBuild(Reconciliation r, KafkaConnect connect, BuildPlan plan, BuildBackend backend,
                                      String name, BuildStatus running) {
        metrics.buildWaitStarted();
        return backend.await(r, plan, name, buildTimeoutMs)
                .andThen(ar -> metrics.buildWaitEnded())
                .compose(outcome -> finish(r, connect, plan, backend, name, running, outcome), error -> {
                    if (error instanceof BuildBackend.BuildTimeoutException) {
                        LOGGER.warn("{}: {}", r, error.getMessage());
                        return Future.succeededFuture(new Result(null, plan.revision(), running, ConditionReasons.BUILD_TIMEOUT,
                                error.getMessage(), retryPolicy.initial()));
                    }
                    return Future.failedFuture(error);
                });
    }

    private Future<Result> finish(Reconciliation r, KafkaConnect connect, BuildPlan plan, BuildBackend backend, String name,
                                  BuildStatus running, BuildOutcome outcome) {
        String revision = plan.revision();
        Instant finished = clock.instant();
        if (outcome instanceof BuildOutcome.Succeeded succeeded) {
            failures.remove(r.key());
            Instant started = running.getStartTime() != null ? Instant.parse(running.getStartTime()) : finished;
            metrics.buildSucceeded(plan.builderName(), Duration.between(started, finished).abs());
            LOGGER.info("{}: build {} of revision {} produced {}", r, name, revision, succeeded.image());
            BuildStatus status = status("Succeeded", plan, revision, null, started, finished, succeeded.image());
            return backend.cleanUp(r, name).compose(v -> blocking.run(() -> {
                events.normal(connect, "BuildSucceeded", "Build " + name + " of revision " + revision + " produced "
                        + succeeded.image());
                return new Result(succeeded.image(), revision, status, null, null, null);
            }));
        }
        BuildOutcome.Failed failed = (BuildOutcome.Failed) outcome;
        recordFailure(r, connect, revision);
        metrics.buildFailed(plan.builderName(), failed.reason());
        Duration retryAfter = currentBackOff(r);
        LOGGER.warn("{}: build {} of revision {} failed ({}): {}; next attempt in {} s", r, name, revision, failed.reason(),
                failed.message(), retryAfter.toSeconds());
        BuildStatus status = status("Failed", plan, revision, name,
                running.getStartTime() != null ? Instant.parse(running.getStartTime()) : null, finished, null);
        return blocking.run(() -> {
            events.warning(connect, "BuildFailed", failed.reason() + ": " + failed.message());
            return new Result(null, revision, status, failed.reason(), failed.message(), retryAfter);
        });
    }

    private void recordFailure(Reconciliation r, KafkaConnect connect, String revision) {
        Long generation = connect.getMetadata().getGeneration();
        failures.compute(r.key(), (k, f) -> f != null && f.revision().equals(revision) && Objects.equals(f.generation(), generation)
                ? new Failures(revision, generation, f.count() + 1, clock.instant())
                : new Failures(revision, generation, 1, clock.instant()));
    }

    private Duration currentBackOff(Reconciliation r) {
        Failures f = failures.get(r.key());
        return retryPolicy.delayAfter(f == null ? 1 : f.count());
    }

    /**
     * How long until a failed revision may be built again. A changed generation retries at once; after an operator
     * restart the failed build's finish time stands in for the forgotten failure record.
     */
    private Duration remainingBackOff(Reconciliation r, KafkaConnect connect, String revision, Instant podFinished) {
        Long generation = connect.getMetadata().getGeneration();
        Failures f = failures.get(r.key());
        if (f == null || !f.revision().equals(revision)) {
            f = new Failures(revision, generation, 1, podFinished != null ? podFinished : clock.instant());
            failures.put(r.key(), f);
        }
        if (!Objects.equals(f.generation(), generation)) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(clock.instant(), f.lastFailure().plus(retryPolicy.delayAfter(f.count())));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private void removeForceRebuild(Reconciliation r) {
        client.resources(KafkaConnect.class).inNamespace(r.namespace()).withName(r.name()).edit(kc -> {
            if (kc.getMetadata().getAnnotations() != null) {
                kc.getMetadata().getAnnotations().remove(KafkaConnectBuild.FORCE_REBUILD_ANNOTATION);
            }
            return kc;
        });
        LOGGER.info("{}: removed the {} annotation", r, KafkaConnectBuild.FORCE_REBUILD_ANNOTATION);
    }

    /** The stored build status when it describes the image in use; otherwise a fresh one. */
    private BuildStatus carriedStatus(KafkaConnect connect, BuildPlan plan, String revision, String image) {
        BuildStatus stored = connect.getStatus() != null ? connect.getStatus().getBuild() : null;
        if (stored != null && revision.equals(stored.getRevision()) && image.equals(stored.getImage())
                && "Succeeded".equals(stored.getPhase())) {
            return stored;
        }
        return status("Succeeded", plan, revision, null, null, null, image);
    }

    private static BuildStatus status(String phase, BuildPlan plan, String revision, String podName, Instant start,
                                      Instant finish, String image) {
        BuildStatus s = new BuildStatus();
        s.setPhase(phase);
        s.setBuilder(plan.builderName());
        s.setRevision(revision);
        s.setPodName(podName);
        s.setStartTime(start != null ? start.toString() : null);
        s.setFinishTime(finish != null ? finish.toString() : null);
        s.setImage(image);
        return s;
    }

    private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata resource, String key) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
