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
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds with a Pod (Buildah or Kaniko) on Kubernetes. The Pod is found in the shared, label-selected informer of build
 * Pods, whose changes reconcile its KafkaConnect: its completion needs no watch of its own.
 */
final class PodBuildBackend implements BuildBackend<PodBuild> {
    private static final Logger LOGGER = LogManager.getLogger(PodBuildBackend.class);
    private static final Set<String> IMAGE_PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");
    /** On the build Pod: the builder it runs (`buildah` or `kaniko`). */
    static final String BUILDER_ANNOTATION = "strimzi.io/connect-builder";
    /** Enough for the cause in the builder's last error lines, whose long lines the Buildah script shortens to their first and last 120 characters. */
    private static final int MESSAGE_TAIL_LENGTH = 1500;

    private final KubernetesClient client;
    private final OwnedResources resources;
    private final ResourceCache<Pod> pods;
    private final long operationTimeoutMs;

    PodBuildBackend(KubernetesClient client, OwnedResources resources, ResourceCache<Pod> pods, long operationTimeoutMs) {
        this.client = client;
        this.resources = resources;
        this.pods = pods;
        this.operationTimeoutMs = operationTimeoutMs;
    }

    @Override
    public ExistingBuild find(Reconciliation r, PodBuild build) {
        String podName = BuildNames.buildPodName(r.name());
        Pod pod = resources.get(OwnedKinds.BUILD_PODS, r.namespace(), podName);
        return pod == null ? null : existing(pod, build.outputImage());
    }

    private static ExistingBuild existing(Pod pod, String outputImage) {
        return new ExistingBuild(pod.getMetadata().getName(), pod.getMetadata().getUid(), revisionOf(pod), builderOf(pod), outcome(pod, outputImage),
                startTime(pod), finishTime(pod));
    }

    @Override
    public ExistingBuild start(Reconciliation r, KafkaConnect connect, PodBuild build, ExistingBuild stale) {
        if (stale != null) {
            LOGGER.info("{}: deleting build Pod {} of revision {}", r, stale.name(), stale.revision());
            deletePodAndWait(r, stale.name());
        }
        Pod pod = build.pod();
        // Which builder runs this Pod, so that a build adopted after the gate was switched is shown as what it is.
        Map<String, String> annotations = new HashMap<>(pod.getMetadata().getAnnotations() != null
                ? pod.getMetadata().getAnnotations() : Map.of());
        annotations.put(BUILDER_ANNOTATION, build.builderName());
        pod.getMetadata().setAnnotations(annotations);
        Pod created;
        try {
            created = OwnedResources.write(pods, r.namespace(), pod.getMetadata().getName(),
                    () -> client.pods().inNamespace(r.namespace()).resource(pod).create());
        } catch (KubernetesClientException e) {
            if (e.getCode() <= 0 || e.getCode() >= 500 || e.getCode() == 429 || e.getCode() == 409) {
                // No answer, the API server's own trouble, or a Pod of that name exists after all (the cache had not seen
                // it yet): not a refusal of this Pod. The reconciliation fails and is retried.
                throw new KubernetesRequestException("creating build Pod " + r.namespace() + "/" + pod.getMetadata().getName(), e);
            }
            throw new BuildNotStartedException(ConditionReasons.BUILD_POD_REJECTED, "the build Pod " + pod.getMetadata().getName()
                    + " was rejected by the API server (HTTP " + e.getCode() + "): " + apiMessage(e));
        }
        return existing(created, build.outputImage());
    }

    @Override
    public void cleanUp(Reconciliation r, String podName) {
        resources.delete(r, OwnedKinds.BUILD_PODS, podName, true);
    }

    @Override
    public void deleteAll(Reconciliation r) {
        if (resources.delete(r, OwnedKinds.BUILD_PODS, BuildNames.buildPodName(r.name()), true)) {
            LOGGER.info("{}: .spec.build was removed; deleted the build Pod", r);
        }
    }

    /** Deletes the Pod and waits until the informer has seen it go, so that its name is free for the new one. */
    private void deletePodAndWait(Reconciliation r, String podName) {
        resources.delete(r, OwnedKinds.BUILD_PODS, podName, true);
        try {
            pods.awaitGone(r.namespace(), podName, operationTimeoutMs).toCompletionStage().toCompletableFuture()
                    .get(operationTimeoutMs + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for build Pod " + podName + " to go", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the build Pod " + podName + " was not deleted within " + operationTimeoutMs + " ms", e);
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

    /** Whether a build Pod's build still runs (or waits to). */
    static boolean isRunning(Pod pod) {
        ContainerStatus cs = buildContainerStatus(pod);
        String phase = pod.getStatus() != null ? pod.getStatus().getPhase() : null;
        boolean terminated = cs != null && cs.getState() != null && cs.getState().getTerminated() != null;
        return !terminated && !"Failed".equals(phase) && !"Succeeded".equals(phase);
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
