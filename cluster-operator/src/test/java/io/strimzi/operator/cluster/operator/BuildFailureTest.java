package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds that cannot start or cannot run, and a gate switched while a build runs. */
class BuildFailureTest extends ConnectBuildTestBase {
    private static final BuildRetryPolicy SLOW_RETRY = new BuildRetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "403|Forbidden|pods \"rejected-connect-build\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false",
        "422|Invalid|Pod \"rejected-connect-build\" is invalid: spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit",
    })
    void aBuildPodRejectedByTheApiServerIsReportedAndNotRetriedInALoop(int code, String reason, String message)
            throws InterruptedException {
        OperatorMetrics metrics = new OperatorMetrics();
        KafkaConnectAssemblyOperator op = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY,
                metrics);
        api.refuseOnce("POST", "/api/v1/namespaces/" + NS + "/pods", code, reason, message);
        apply(connectYaml("rejected", "https://example.com/echo-1.jar", ""));
        reconcile(op, "rejected");

        Condition ready = condition("rejected", "Ready");
        assertEquals("False", ready.getStatus());
        assertEquals("BuildPodRejected", ready.getReason());
        assertTrue(ready.getMessage().contains("HTTP " + code), ready.getMessage());
        assertTrue(ready.getMessage().contains(message), ready.getMessage());
        assertTrue(ready.getMessage().contains("next attempt at "), ready.getMessage());
        assertNull(buildPod("rejected"));
        assertNull(deployment("rejected"));
        assertEquals("Failed", get("rejected").getStatus().getBuild().getPhase());
        assertTrue(events("rejected").stream().anyMatch(e -> "BuildFailed".equals(e.getReason())
                && e.getMessage().contains("BuildPodRejected")));
        assertTrue(metrics.scrape().contains("strimzi_connect_builds_failed_total{builder=\"buildah\",reason=\"BuildPodRejected\"} 1.0"),
                metrics.scrape());

        // Nothing is left in the cluster to hold the back-off, yet the next reconcile (as the status update's own event
        // would cause) neither creates a Pod nor rewrites the status.
        drainRequests();
        reconcile(op, "rejected");
        assertEquals(List.of(), writeRequests());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ErrImagePull|failed to pull and unpack image \"quay.io/strimzi/buildah:0.49.0\": 401 Unauthorized",
        "ImagePullBackOff|Back-off pulling image \"quay.io/strimzi/buildah:0.49.0\"",
    })
    void aBuilderImageThatCannotBePulledFailsTheBuildAndRemovesThePod(String waitingReason, String waitingMessage) {
        KafkaConnectAssemblyOperator op = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY);
        apply(connectYaml("nopull", "https://example.com/echo-1.jar", ""));
        reconcile(op, "nopull");
        awaitBuildPod("nopull");
        // The kubelet's part: the build container waits for its image.
        client.pods().inNamespace(NS).withName(BuildNames.buildPodName("nopull")).editStatus(p -> new PodBuilder(p)
                .withNewStatus()
                    .withPhase("Pending")
                    .addNewContainerStatus()
                        .withName(BuildNames.buildContainerName("nopull"))
                        .withImage(p.getSpec().getContainers().get(0).getImage())
                        .withNewState().withNewWaiting().withReason(waitingReason).withMessage(waitingMessage).endWaiting().endState()
                    .endContainerStatus()
                .endStatus()
                .build());
        awaitBuildDone("nopull");

        Condition ready = condition("nopull", "Ready");
        assertEquals("False", ready.getStatus());
        assertEquals("ImagePullFailed", ready.getReason());
        assertTrue(ready.getMessage().contains("quay.io/strimzi/buildah:0.49.0"), ready.getMessage());
        assertTrue(ready.getMessage().contains(waitingReason), ready.getMessage());
        assertTrue(ready.getMessage().contains(waitingMessage), ready.getMessage());
        assertNull(buildPod("nopull"), "the Pod is deleted so that the kubelet stops pulling; the next attempt makes a new one");
        assertNull(deployment("nopull"));
    }

    @Test
    void aFailedBuildRecordsItsDurationWithTheFailedOutcome() {
        OperatorMetrics metrics = new OperatorMetrics();
        KafkaConnectAssemblyOperator op = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY,
                metrics);
        apply(connectYaml("timed", "https://example.com/echo-1.jar", ""));
        reconcile(op, "timed");
        awaitBuildPod("timed");
        finishBuild("timed", 1, "wget: server returned error: HTTP/1.1 404 Not Found");
        awaitBuildDone("timed");
        String scrape = metrics.scrape();
        assertTrue(scrape.contains("strimzi_connect_build_duration_seconds_count{builder=\"buildah\",outcome=\"failed\"} 1"), scrape);
        assertTrue(scrape.contains("strimzi_connect_builds_failed_total{builder=\"buildah\",reason=\"BuildFailed\"} 1.0"), scrape);

        String failedPod = buildPod("timed").getMetadata().getUid();
        client.resources(KafkaConnect.class).inNamespace(NS).withName("timed").edit(kc -> {
            kc.getSpec().setReplicas(1);
            return kc;
        });
        // The failed Pod is still there until the operator replaces it: finish the new one, not that one.
        Pod retried = awaitBuildPod("timed");
        assertNotEquals(failedPod, retried.getMetadata().getUid());
        finishBuild("timed", 0, OUTPUT + "@" + DIGEST);
        assertEquals("True", awaitBuildDone("timed").getStatus());
        scrape = metrics.scrape();
        assertTrue(scrape.contains("strimzi_connect_build_duration_seconds_count{builder=\"buildah\",outcome=\"succeeded\"} 1"), scrape);
        assertTrue(scrape.contains("strimzi_connect_build_duration_seconds_count{builder=\"buildah\",outcome=\"failed\"} 1"), scrape);
    }

    @Test
    void aGateSwitchedWhileABuildRunsAdoptsThatBuildAndTheNextBuildUsesTheNewBuilder() throws InterruptedException {
        KafkaConnectAssemblyOperator buildah = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY);
        apply(connectYaml("switch", "https://example.com/echo-1.jar", ""));
        buildah.reconcile(NS, "switch");
        Pod running = awaitBuildPod("switch");
        assertEquals("quay.io/strimzi/buildah:0.49.0", running.getSpec().getContainers().get(0).getImage());
        buildah.stop();

        // The operator restarts with the gate disabled: the build of the same revision keeps running and is used.
        KafkaConnectAssemblyOperator kaniko = operator(config("-UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY);
        drainRequests();
        reconcile(kaniko, "switch");
        await().atMost(20, TimeUnit.SECONDS).until(() -> get("switch").getStatus() != null
                && get("switch").getStatus().getBuild() != null && "Running".equals(get("switch").getStatus().getBuild().getPhase()));
        assertEquals("buildah", get("switch").getStatus().getBuild().getBuilder(), "the status names the builder that runs");
        assertEquals(running.getMetadata().getUid(), buildPod("switch").getMetadata().getUid(), "the same build Pod");
        finishBuild("switch", 0, OUTPUT + "@" + DIGEST);
        awaitBuildDone("switch");
        assertEquals(List.of(), podCreations(writeRequests()));
        assertEquals(OUTPUT + "@" + DIGEST, deployment("switch").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("True", condition("switch", "Ready").getStatus());

        // The next build (a plugin changed) runs with Kaniko.
        client.resources(KafkaConnect.class).inNamespace(NS).withName("switch").edit(kc -> {
            ((JarArtifact) kc.getSpec().getBuild().getPlugins().get(0).getArtifacts().get(0)).setUrl("https://example.com/echo-2.jar");
            return kc;
        });
        reconcile(kaniko, "switch");
        Pod kanikoPod = awaitBuildPod("switch");
        assertEquals("quay.io/strimzi/kaniko-executor:0.49.0", kanikoPod.getSpec().getContainers().get(0).getImage());
        assertEquals("kaniko", kanikoPod.getMetadata().getAnnotations().get(PodBuildBackend.BUILDER_ANNOTATION));
        finishBuild("switch", 0, OUTPUT + "@" + DIGEST2);
        awaitBuildDone("switch");
        assertEquals("kaniko", get("switch").getStatus().getBuild().getBuilder());
        assertEquals(OUTPUT + "@" + DIGEST2, deployment("switch").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertNotNull(condition("switch", "Ready"));
    }
}
