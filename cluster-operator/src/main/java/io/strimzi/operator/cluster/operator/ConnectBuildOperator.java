package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.BuildStatus;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.vertx.core.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /**
     * Consecutive failures of one revision at one generation, for the back-off, with what was reported, so that a
     * failure that left no build object behind (a rejected Pod, a missing ImageStream) is reported again unchanged.
     */
    private record Failures(String revision, Long generation, int count, Instant lastFailure, String reason, String message,
                            BuildStatus status) {
        Instant nextAttempt(BuildRetryPolicy policy) {
            return lastFailure.plus(policy.delayAfter(count));
        }
    }

    private final KubernetesClient client;
    private final Blocking blocking;
    private final EventPublisher events;
    private final OperatorMetrics metrics;
    private final BuildRetryPolicy retryPolicy;
    private final long buildTimeoutMs;
    private final Clock clock;
    private final StopSignal stop;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    ConnectBuildOperator(KubernetesClient client, Blocking blocking, EventPublisher events, OperatorMetrics metrics,
                         BuildRetryPolicy retryPolicy, long buildTimeoutMs, Clock clock, StopSignal stop) {
        this.client = client;
        this.blocking = blocking;
        this.events = events;
        this.metrics = metrics;
        this.retryPolicy = retryPolicy;
        this.buildTimeoutMs = buildTimeoutMs;
        this.clock = clock;
        this.stop = stop;
    }

    /**
     * Makes sure an image for the current revision exists.
     *
     * @param current   the Connect Deployment as stored, or null
     * @param onRunning called with the build status when a build is started or adopted, before waiting for it
     */
    <B extends KafkaConnectBuild> Future<Result> reconcile(Reconciliation r, KafkaConnect connect, B build, BuildBackend<B> backend, Deployment current,
                             Function<BuildStatus, Future<Void>> onRunning) {
        String revision = build.revision();
        // On the KafkaConnect, or on the workload, where Strimzi's documentation puts it.
        boolean force = "true".equals(annotation(connect, BuildNames.FORCE_REBUILD_ANNOTATION))
                || current != null && "true".equals(annotation(current, BuildNames.FORCE_REBUILD_ANNOTATION));
        String builtRevision = current != null ? annotation(current, BuildNames.REVISION_ANNOTATION) : null;
        String builtImage = current != null ? annotation(current, BuildNames.IMAGE_ANNOTATION) : null;
        if (!force && revision.equals(builtRevision) && builtImage != null) {
            failures.remove(r.key());
            // Only revision and image are known here; writing the status keeps the stored Pod and times of this build.
            return Future.succeededFuture(new Result(builtImage, revision,
                    status("Succeeded", build.builderName(), revision, null, null, null, builtImage),
                    null, null, null));
        }
        return backend.find(r, build).compose(existing -> {
            if (force) {
                return startBuild(r, connect, build, backend, existing, true, onRunning);
            }
            if (existing != null && revision.equals(existing.revision())) {
                BuildOutcome outcome = existing.outcome();
                String builder = existing.builder() != null ? existing.builder() : build.builderName();
                if (outcome instanceof BuildOutcome.Running) {
                    LOGGER.info("{}: adopting the running build {} of revision {} ({})", r, existing.name(), revision, builder);
                    BuildStatus status = status("Running", builder, revision, existing.name(), existing.startTime(), null, null);
                    return onRunning.apply(status).compose(v -> awaitBuild(r, connect, build, backend, existing.name(), status));
                }
                if (outcome instanceof BuildOutcome.Succeeded) {
                    BuildStatus status = status("Running", builder, revision, existing.name(), existing.startTime(), null, null);
                    return finish(r, connect, build, backend, existing.name(), status, outcome);
                }
                BuildOutcome.Failed failed = (BuildOutcome.Failed) outcome;
                Failures f = failureRecord(r, connect, revision, existing.finishTime(), failed.reason(), failed.message(),
                        status("Failed", builder, revision, existing.name(), existing.startTime(), existing.finishTime(), null));
                Result waiting = withinBackOff(r, connect, f);
                if (waiting != null) {
                    return Future.succeededFuture(waiting);
                }
            } else {
                // No build of this revision exists: a failure that left nothing behind still holds the back-off.
                Failures f = failures.get(r.key());
                Result waiting = f != null && f.revision().equals(revision) ? withinBackOff(r, connect, f) : null;
                if (waiting != null) {
                    return Future.succeededFuture(waiting);
                }
            }
            return startBuild(r, connect, build, backend, existing, false, onRunning);
        });
    }

    /** `.spec.build` is gone: delete the build objects and forget the failures. */
    Future<Void> deleteBuild(Reconciliation r, BuildBackend<?> backend) {
        failures.remove(r.key());
        return backend.deleteAll(r);
    }

    private <B extends KafkaConnectBuild> Future<Result> startBuild(Reconciliation r, KafkaConnect connect, B build, BuildBackend<B> backend,
                                      BuildBackend.ExistingBuild stale, boolean force,
                                      Function<BuildStatus, Future<Void>> onRunning) {
        String revision = build.revision();
        Instant start = clock.instant();
        return blocking.run(() -> {
            stop.check();
            return null;
        }).compose(v -> backend.start(r, connect, build, stale)).compose(name -> {
            LOGGER.info("{}: started build {} of revision {} with {}", r, name, revision, build.builderName());
            metrics.buildStarted(build.builderName());
            return blocking.run(() -> {
                events.normal(connect, "BuildStarted", "Started build " + name + " of revision " + revision + " with "
                        + build.builderName() + ", pushing to " + build.outputImage());
                if (force) {
                    removeForceRebuild(r);
                }
                return name;
            });
        }).compose(name -> {
            BuildStatus status = status("Running", build.builderName(), revision, name, start, null, null);
            return onRunning.apply(status).compose(v -> awaitBuild(r, connect, build, backend, name, status));
        }, error -> {
            if (error instanceof BuildBackend.BuildNotStartedException notStarted) {
                Instant now = clock.instant();
                BuildStatus status = status("Failed", build.builderName(), revision, null, start, now, null);
                Failures f = recordFailure(r, connect, revision, notStarted.reason(), notStarted.getMessage(), status);
                metrics.buildFailed(build.builderName(), notStarted.reason());
                LOGGER.warn("{}: the build of revision {} could not start ({}): {}", r, revision, notStarted.reason(),
                        notStarted.getMessage());
                return blocking.run(() -> {
                    events.warning(connect, ConditionReasons.BUILD_FAILED, notStarted.reason() + ": " + notStarted.getMessage());
                    return failedResult(f);
                });
            }
            return Future.failedFuture(error);
        });
    }

    private <B extends KafkaConnectBuild> Future<Result> awaitBuild(Reconciliation r, KafkaConnect connect, B build, BuildBackend<B> backend,
                                      String name, BuildStatus running) {
        metrics.buildWaitStarted();
        return backend.await(r, build, name, buildTimeoutMs, stop)
                .andThen(ar -> metrics.buildWaitEnded())
                .compose(outcome -> finish(r, connect, build, backend, name, running, outcome), error -> {
                    if (error instanceof BuildBackend.BuildTimeoutException) {
                        LOGGER.warn("{}: {}", r, error.getMessage());
                        return Future.succeededFuture(new Result(null, build.revision(), running, ConditionReasons.BUILD_TIMEOUT,
                                error.getMessage(), retryPolicy.initial()));
                    }
                    return Future.failedFuture(error);
                });
    }

    private <B extends KafkaConnectBuild> Future<Result> finish(Reconciliation r, KafkaConnect connect, B build, BuildBackend<B> backend, String name,
                                  BuildStatus running, BuildOutcome outcome) {
        String revision = build.revision();
        Instant finished = clock.instant();
        Instant started = running.getStartTime() != null ? Instant.parse(running.getStartTime()) : finished;
        Duration duration = Duration.between(started, finished).abs();
        if (outcome instanceof BuildOutcome.Succeeded succeeded) {
            failures.remove(r.key());
            metrics.buildSucceeded(running.getBuilder(), duration);
            LOGGER.info("{}: build {} of revision {} produced {}", r, name, revision, succeeded.image());
            BuildStatus status = status("Succeeded", running.getBuilder(), revision, null, started, finished, succeeded.image());
            return blocking.run(() -> {
                stop.check();
                return null;
            }).compose(v -> backend.cleanUp(r, name)).compose(v -> blocking.run(() -> {
                events.normal(connect, "BuildSucceeded", "Build " + name + " of revision " + revision + " produced "
                        + succeeded.image());
                return new Result(succeeded.image(), revision, status, null, null, null);
            }));
        }
        BuildOutcome.Failed failed = (BuildOutcome.Failed) outcome;
        metrics.buildFailed(running.getBuilder(), failed.reason(), duration);
        BuildStatus status = status("Failed", running.getBuilder(), revision, name, started, finished, null);
        Failures f = recordFailure(r, connect, revision, failed.reason(), failed.message(), status);
        LOGGER.warn("{}: build {} of revision {} failed ({}): {}; next attempt at {}", r, name, revision, failed.reason(),
                failed.message(), f.nextAttempt(retryPolicy));
        return blocking.run(() -> {
            stop.check();
            events.warning(connect, ConditionReasons.BUILD_FAILED, failed.reason() + ": " + failed.message());
            return failedResult(f);
        });
    }

    private Failures recordFailure(Reconciliation r, KafkaConnect connect, String revision, String reason, String message,
                                   BuildStatus status) {
        Long generation = connect.getMetadata().getGeneration();
        Instant now = clock.instant();
        return failures.compute(r.key(), (k, f) -> f != null && f.revision().equals(revision) && Objects.equals(f.generation(), generation)
                ? new Failures(revision, generation, f.count() + 1, now, reason, message, status)
                : new Failures(revision, generation, 1, now, reason, message, status));
    }

    /**
     * The failure record of a failed build found in the cluster. After an operator restart the build's finish time
     * stands in for the forgotten record.
     */
    private Failures failureRecord(Reconciliation r, KafkaConnect connect, String revision, Instant finished, String reason,
                                   String message, BuildStatus status) {
        Failures f = failures.get(r.key());
        if (f == null || !f.revision().equals(revision)) {
            f = new Failures(revision, connect.getMetadata().getGeneration(), 1, finished != null ? finished : clock.instant(),
                    reason, message, status);
            failures.put(r.key(), f);
        }
        return f;
    }

    /**
     * The failed result to report while the back-off of a failed revision lasts, or null when it may be built again:
     * after the back-off, or at once when the spec changed (a new generation).
     */
    private Result withinBackOff(Reconciliation r, KafkaConnect connect, Failures f) {
        if (!Objects.equals(f.generation(), connect.getMetadata().getGeneration())
                || !clock.instant().isBefore(f.nextAttempt(retryPolicy))) {
            return null;
        }
        LOGGER.info("{}: revision {} failed; next attempt at {}", r, f.revision(), f.nextAttempt(retryPolicy));
        return failedResult(f);
    }

    /** The message names the time of the next attempt, not a countdown, so that it stays the same between reconciles. */
    private Result failedResult(Failures f) {
        Instant next = f.nextAttempt(retryPolicy);
        Duration wait = Duration.between(clock.instant(), next);
        return new Result(null, f.revision(), f.status(), f.reason(),
                f.message() + " (next attempt at " + next.truncatedTo(ChronoUnit.SECONDS) + ")",
                wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
    }

    /** Once the forced build started: the annotation goes from the KafkaConnect and the Connect Deployment. */
    private void removeForceRebuild(Reconciliation r) {
        KafkaConnect stored = client.resources(KafkaConnect.class).inNamespace(r.namespace()).withName(r.name()).get();
        if (stored != null && annotation(stored, BuildNames.FORCE_REBUILD_ANNOTATION) != null) {
            client.resources(KafkaConnect.class).inNamespace(r.namespace()).withName(r.name()).edit(kc -> {
                kc.getMetadata().getAnnotations().remove(BuildNames.FORCE_REBUILD_ANNOTATION);
                return kc;
            });
            LOGGER.info("{}: removed the {} annotation from the KafkaConnect", r, BuildNames.FORCE_REBUILD_ANNOTATION);
        }
        var deployment = client.apps().deployments().inNamespace(r.namespace()).withName(KafkaConnectCluster.deploymentName(r.name()));
        Deployment workload = deployment.get();
        if (workload != null && annotation(workload, BuildNames.FORCE_REBUILD_ANNOTATION) != null) {
            deployment.edit(d -> {
                d.getMetadata().getAnnotations().remove(BuildNames.FORCE_REBUILD_ANNOTATION);
                return d;
            });
            LOGGER.info("{}: removed the {} annotation from the Deployment", r, BuildNames.FORCE_REBUILD_ANNOTATION);
        }
    }

    private static BuildStatus status(String phase, String builder, String revision, String podName, Instant start,
                                      Instant finish, String image) {
        BuildStatus s = new BuildStatus();
        s.setPhase(phase);
        s.setBuilder(builder);
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
