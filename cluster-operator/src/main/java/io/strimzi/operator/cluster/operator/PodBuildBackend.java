package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.BuildTerminationMessage;
import io.strimzi.operator.cluster.model.connectbuild.PodBuild;
import io.vertx.core.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Builds with a Pod (Buildah or Kaniko) on Kubernetes. */
final class PodBuildBackend implements BuildBackend<PodBuild> {
    private static final Logger LOGGER = LogManager.getLogger(PodBuildBackend.class);
    private static final Set<String> IMAGE_PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");
    /** On the build Pod: the builder it runs (`buildah` or `kaniko`). */
    static final String BUILDER_ANNOTATION = "strimzi.io/connect-builder";
    /** Enough for the cause in the builder's last error lines, whose long lines the Buildah script shortens to their first and last 120 characters. */
    private static final int MESSAGE_TAIL_LENGTH = 1500;

    private final KubernetesClient client;
    private final Blocking blocking;
    private final long operationTimeoutMs;

    PodBuildBackend(KubernetesClient client, Blocking blocking, long operationTimeoutMs) {
        this.client = client;
        this.blocking = blocking;
        this.operationTimeoutMs = operationTimeoutMs;
    }

    @Override
    public Future<ExistingBuild> find(Reconciliation r, PodBuild build) {
        String podName = BuildNames.buildPodName(r.name());
        return blocking.run(() -> client.pods().inNamespace(r.namespace()).withName(podName).get())
                .map(pod -> pod == null ? null : new ExistingBuild(podName, revisionOf(pod), builderOf(pod),
                        outcome(pod, build.outputImage()), startTime(pod), finishTime(pod)));
    }

    @Override
    public Future<String> start(Reconciliation r, KafkaConnect connect, PodBuild build, ExistingBuild stale) {
        return blocking.run(() -> {
            if (stale != null) {
                LOGGER.info("{}: deleting build Pod {} of revision {}", r, stale.name(), stale.revision());
                deletePodAndWait(r, stale.name());
            }
            var configMaps = client.configMaps().inNamespace(r.namespace());
            ResourceWriter.apply(configMaps, build.inputConfigMap());
            ResourceWriter.apply(client.serviceAccounts().inNamespace(r.namespace()), build.serviceAccount());
            Pod pod = build.pod();
            // Which builder runs this Pod, so that a build adopted after the gate was switched is shown as what it is.
            Map<String, String> annotations = new HashMap<>(pod.getMetadata().getAnnotations() != null
                    ? pod.getMetadata().getAnnotations() : Map.of());
            annotations.put(BUILDER_ANNOTATION, build.builderName());
            pod.getMetadata().setAnnotations(annotations);
            try {
                client.pods().inNamespace(r.namespace()).resource(pod).create();
            } catch (KubernetesClientException e) {
                throw new BuildNotStartedException(ConditionReasons.BUILD_POD_REJECTED, "the build Pod " + pod.getMetadata().getName()
                        + " was rejected by the API server (HTTP " + e.getCode() + "): " + apiMessage(e));
            }
            return pod.getMetadata().getName();
        });
    }

    @Override
    public Future<BuildOutcome> await(Reconciliation r, PodBuild build, String podName, long timeoutMs, StopSignal stop) {
        return CompletionWatch.await(blocking, client.pods().inNamespace(r.namespace()).withName(podName),
                        p -> outcome(p, build.outputImage()).isDone(), timeoutMs,
                        "the build in Pod " + podName + " did not finish within " + timeoutMs + " ms; it keeps running and "
                                + "the next reconciliation waits for it", stop)
                .map(finished -> finished.isEmpty()
                        ? new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the build Pod " + podName + " was deleted before it finished")
                        : outcome(finished.get(), build.outputImage()))
                .compose(outcome -> outcome instanceof BuildOutcome.Failed failed && ConditionReasons.IMAGE_PULL_FAILED.equals(failed.reason())
                        // The kubelet would keep pulling (and might start the build long after its failure was
                        // reported); the next attempt, after the back-off, starts with a new Pod.
                        ? cleanUp(r, podName).map(outcome)
                        : Future.succeededFuture(outcome));
    }

    @Override
    public Future<Void> cleanUp(Reconciliation r, String podName) {
        return blocking.run(() -> {
            client.pods().inNamespace(r.namespace()).withName(podName).delete();
            return null;
        });
    }

    @Override
    public Future<Void> deleteAll(Reconciliation r) {
        return blocking.run(() -> {
            String ns = r.namespace();
            boolean any = ResourceWriter.deleteIfExists(client.pods().inNamespace(ns), BuildNames.buildPodName(r.name()));
            for (String configMap : BuildNames.inputConfigMapNames(r.name())) {
                any |= ResourceWriter.deleteIfExists(client.configMaps().inNamespace(ns), configMap);
            }
            any |= ResourceWriter.deleteIfExists(client.serviceAccounts().inNamespace(ns), BuildNames.serviceAccountName(r.name()));
            if (any) {
                LOGGER.info("{}: .spec.build was removed; deleted the build objects", r);
            }
            return null;
        });
    }

    private void deletePodAndWait(Reconciliation r, String podName) {
        var pod = client.pods().inNamespace(r.namespace()).withName(podName);
        pod.withGracePeriod(0).delete();
        if (pod.get() != null) {
            pod.waitUntilCondition(Objects::isNull, operationTimeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    private static String builderOf(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(BUILDER_ANNOTATION);
    }

    static String revisionOf(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(BuildNames.REVISION_ANNOTATION);
    }

    /** What a build Pod says about its build, with the termination message checked against the output image. */
    static BuildOutcome outcome(Pod pod, String outputImage) {
        ContainerStatus cs = buildContainerStatus(pod);
        String phase = pod.getStatus() != null ? pod.getStatus().getPhase() : null;
        if (cs != null && cs.getState() != null) {
            ContainerStateTerminated terminated = cs.getState().getTerminated();
            if (terminated != null) {
                int exitCode = terminated.getExitCode() != null ? terminated.getExitCode() : -1;
                if (exitCode == 0) {
                    BuildTerminationMessage message = BuildTerminationMessage.parse(terminated.getMessage(), outputImage);
                    return message.isValid()
                            ? new BuildOutcome.Succeeded(message.imageReference())
                            : new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the build in Pod " + pod.getMetadata().getName()
                                    + " exited with code 0 but its result is unusable: " + message.failure());
                }
                return new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the build in Pod " + pod.getMetadata().getName()
                        + " failed with exit code " + exitCode
                        + (terminated.getReason() != null ? " (" + terminated.getReason() + ")" : "")
                        + ": " + tail(terminated.getMessage()));
            }
            ContainerStateWaiting waiting = cs.getState().getWaiting();
            if (waiting != null && IMAGE_PULL_FAILURES.contains(waiting.getReason())) {
                return new BuildOutcome.Failed(ConditionReasons.IMAGE_PULL_FAILED, "the builder image " + cs.getImage() + " of Pod "
                        + pod.getMetadata().getName() + " cannot be pulled (" + waiting.getReason() + "): " + tail(waiting.getMessage()));
            }
        }
        if ("Failed".equals(phase)) {
            return new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the build Pod " + pod.getMetadata().getName() + " failed ("
                    + pod.getStatus().getReason() + "): " + tail(pod.getStatus().getMessage()));
        }
        if ("Succeeded".equals(phase)) {
            return new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the build Pod " + pod.getMetadata().getName()
                    + " succeeded without a terminated build container status");
        }
        return new BuildOutcome.Running();
    }

    private static ContainerStatus buildContainerStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        String name = pod.getSpec() != null && pod.getSpec().getContainers() != null && !pod.getSpec().getContainers().isEmpty()
                ? pod.getSpec().getContainers().get(0).getName() : null;
        return pod.getStatus().getContainerStatuses().stream()
                .filter(cs -> name == null || name.equals(cs.getName()))
                .findFirst()
                .orElse(pod.getStatus().getContainerStatuses().get(0));
    }

    private static Instant startTime(Pod pod) {
        String created = pod.getMetadata().getCreationTimestamp();
        return created != null ? Instant.parse(created) : null;
    }

    private static Instant finishTime(Pod pod) {
        ContainerStatus cs = buildContainerStatus(pod);
        if (cs != null && cs.getState() != null && cs.getState().getTerminated() != null
                && cs.getState().getTerminated().getFinishedAt() != null) {
            return Instant.parse(cs.getState().getTerminated().getFinishedAt());
        }
        return null;
    }

    /** The end of a builder's message: where the error is. */
    static String tail(String message) {
        if (message == null || message.isBlank()) {
            return "(no termination message)";
        }
        String m = message.strip();
        return m.length() > MESSAGE_TAIL_LENGTH ? "…" + m.substring(m.length() - MESSAGE_TAIL_LENGTH) : m;
    }

    static String apiMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
