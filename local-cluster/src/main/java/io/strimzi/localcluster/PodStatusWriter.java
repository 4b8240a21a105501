package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;

/** Writes a Pod's status as a kubelet does: phase, start time and the single container's state. */
final class PodStatusWriter {
    private final KubernetesClient client;
    private final BiConsumer<String, String> problems;

    /** @param problems receives (pod, message) when a status cannot be written */
    PodStatusWriter(KubernetesClient client, BiConsumer<String, String> problems) {
        this.client = client;
        this.problems = problems;
    }

    void running(Pod pod, Container container, Instant startedAt) {
        write(pod, container, "Running", true,
                new ContainerStateBuilder().withNewRunning().withStartedAt(timestamp(startedAt)).endRunning().build(), startedAt);
    }

    /** Pending with a waiting reason such as ContainerCreating, ErrImagePull or CreateContainerConfigError. */
    void waiting(Pod pod, Container container, String reason, String message) {
        write(pod, container, "Pending", false,
                new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build(), Instant.now());
    }

    void terminated(Pod pod, Container container, int exitCode, String reason, String message, Instant startedAt) {
        write(pod, container, exitCode == 0 ? "Succeeded" : "Failed", false, new ContainerStateBuilder().withNewTerminated()
                .withExitCode(exitCode)
                .withReason(reason)
                .withMessage(message)
                .withStartedAt(timestamp(startedAt))
                .withFinishedAt(timestamp(Instant.now()))
                .endTerminated().build(), startedAt);
    }

    private void write(Pod pod, Container container, String phase, boolean running, ContainerState state, Instant startedAt) {
        String uid = pod.getMetadata().getUid();
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).editStatus(current -> {
                if (!uid.equals(current.getMetadata().getUid())) {
                    return current; // a new Pod of the same name: not ours to report on
                }
                return new PodBuilder(current)
                        .editOrNewStatus()
                            .withPhase(phase)
                            .withStartTime(timestamp(startedAt))
                            .withContainerStatuses(new ContainerStatusBuilder()
                                    .withName(container.getName())
                                    .withImage(container.getImage())
                                    .withImageID("")
                                    .withReady(running)
                                    .withStarted(running)
                                    .withRestartCount(0)
                                    .withState(state)
                                    .build())
                        .endStatus()
                        .build();
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                problems.accept(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
                        "cannot write the Pod status: " + e.getMessage());
            }
        }
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
