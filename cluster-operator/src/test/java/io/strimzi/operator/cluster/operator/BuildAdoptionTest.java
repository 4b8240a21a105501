package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildAdoptionTest extends ConnectBuildTestBase {
    private static final BuildRetryPolicy SLOW_RETRY = new BuildRetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30));

    @Test
    void aTimedOutBuildIsLeftRunningAndItsImageIsUsedWhenItFinishes() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator(config("+UseConnectBuildWithBuildah", 500), Platform.KUBERNETES, SLOW_RETRY);
        apply(connectYaml("slow", "https://example.com/echo-1.jar", ""));

        // The build's deadline reconciles the resource: the status says it ran out of time, the Pod keeps running.
        await().atMost(20, TimeUnit.SECONDS).until(() -> condition("slow", "Ready") != null
                && "BuildTimeout".equals(condition("slow", "Ready").getReason()));
        Condition ready = condition("slow", "Ready");
        assertTrue(ready.getMessage().contains("did not finish within 500 ms"), ready.getMessage());
        Pod pod = buildPod("slow");
        assertNotNull(pod, "the Pod keeps running after the time-out");
        drainRequests();

        // Its completion reconciles the resource again (no waiting reconciliation is needed for that), and no second
        // Pod is started.
        finishBuild("slow", 0, OUTPUT + "@" + DIGEST);
        awaitBuildDone("slow");
        assertEquals(List.of(), podCreations(writeRequests()));
        assertEquals("True", condition("slow", "Ready").getStatus());
        assertEquals(OUTPUT + "@" + DIGEST, deployment("slow").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aRestartedOperatorAdoptsTheRunningBuild() throws InterruptedException {
        KafkaConnectAssemblyOperator first = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY);
        apply(connectYaml("restart", "https://example.com/echo-1.jar", ""));
        String uid = awaitBuildPod("restart").getMetadata().getUid();
        // Stopped, it writes nothing more, so it cannot race the new operator (no 409, no ERROR in the log, which the
        // base class checks).
        first.stop();
        drainRequests();

        // A new operator instance (as after a restart) knows nothing but what is in the cluster: its start reconciles
        // every KafkaConnect, and it adopts the running build.
        KafkaConnectAssemblyOperator second = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY);
        reconcile(second, "restart");
        assertEquals(uid, buildPod("restart").getMetadata().getUid(), "the same build Pod");
        finishBuild("restart", 0, OUTPUT + "@" + DIGEST);
        awaitBuildDone("restart");
        await().atMost(20, TimeUnit.SECONDS).until(() -> buildPod("restart") == null);
        assertEquals(List.of(), podCreations(writeRequests()));
        assertEquals("True", condition("restart", "Ready").getStatus());
    }

    /**
     * The back-off of a failed build is in the status, so a restarted operator keeps to it: it builds again only after
     * the time the status names, not at once. The operators' clock is the test's.
     */
    @Test
    void aRestartedOperatorKeepsTheBackOffOfAFailedBuild() throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.now());
        // The build time-out counts from the Pod's creation by the API server's clock, which the test does not move.
        long buildTimeout = TimeUnit.HOURS.toMillis(1);
        KafkaConnectAssemblyOperator first = operator(config("+UseConnectBuildWithBuildah", buildTimeout), Platform.KUBERNETES, SLOW_RETRY,
                new OperatorMetrics(), clock);
        apply(connectYaml("backoff", "https://example.com/echo-1.jar", ""));
        awaitBuildPod("backoff");
        finishBuild("backoff", 1, "wget: server returned error: HTTP/1.1 404 Not Found");
        Condition failed = awaitBuildDone("backoff");
        assertEquals("BuildFailed", failed.getReason());
        var build = get("backoff").getStatus().getBuild();
        assertEquals(1, build.getFailedAttempts());
        Instant next = Instant.parse(build.getNextAttemptTime());
        assertFalse(next.isBefore(clock.instant().plus(SLOW_RETRY.initial()).minusSeconds(60)), "the first back-off: " + next);
        assertTrue(failed.getMessage().contains("next attempt at " + next.truncatedTo(ChronoUnit.SECONDS)), failed.getMessage());
        first.stop();
        drainRequests();

        // Restarted within the back-off: its reconciliations report the same failure and build nothing.
        KafkaConnectAssemblyOperator second = operator(config("+UseConnectBuildWithBuildah", buildTimeout), Platform.KUBERNETES, SLOW_RETRY,
                new OperatorMetrics(), clock);
        reconcile(second, "backoff");
        clock.advance(Duration.between(clock.instant(), next).minusSeconds(1));
        reconcile(second, "backoff");
        assertEquals(List.of(), podCreations(writeRequests()), "no build before " + next);
        assertEquals(build, get("backoff").getStatus().getBuild(), "the same failure, still the first");

        // Once the time the status named has come, the new operator builds again, once.
        clock.advance(Duration.ofSeconds(2));
        reconcile(second, "backoff");
        awaitBuildPod("backoff");
        finishBuild("backoff", 0, OUTPUT + "@" + DIGEST);
        assertEquals("True", awaitBuildDone("backoff").getStatus());
        assertEquals(1, podCreations(writeRequests()).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "registry.example.com/team/connect@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12\n"
            + "registry.example.com/team/connect@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12",
        "registry.example.com/team/connect:latest",
        "registry.example.com/team/other@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12",
        "registry.example.com/team/connect@sha256:tooshort",
    })
    void aMalformedTerminationMessageFailsTheBuildAndKeepsTheImage(String message) {
        KafkaConnectAssemblyOperator op = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY);
        apply(connectYaml("malformed", "https://example.com/echo-1.jar", ""));
        reconcile(op, "malformed");
        awaitBuildPod("malformed");
        finishBuild("malformed", 0, message);
        awaitBuildDone("malformed");

        Condition ready = condition("malformed", "Ready");
        assertEquals("False", ready.getStatus());
        assertEquals("BuildFailed", ready.getReason());
        assertTrue(ready.getMessage().contains("exited with code 0 but its result is unusable"), ready.getMessage());
        if (!message.isEmpty()) {
            String firstLine = message.split("\n")[0];
            assertTrue(ready.getMessage().contains(firstLine), ready.getMessage());
        }
        assertNull(deployment("malformed"), "no Connect Deployment from an unusable build");
    }
}
