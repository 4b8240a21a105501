package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildAdoptionTest extends ConnectBuildTestBase {
    private static final BuildRetryPolicy SLOW_RETRY = new BuildRetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30));

    @Test
    void aTimedOutBuildIsLeftRunningAndAdoptedByTheNextReconcile() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator(config("+UseConnectBuildWithBuildah", 500), Platform.KUBERNETES, SLOW_RETRY);
        apply(connectYaml("slow", "https://example.com/echo-1.jar", ""));
        join(op.reconcile(NS, "slow"));

        Condition ready = condition("slow", "Ready");
        assertEquals("BuildTimeout", ready.getReason());
        assertTrue(ready.getMessage().contains("did not finish within 500 ms"), ready.getMessage());
        Pod pod = buildPod("slow");
        assertNotNull(pod, "the Pod keeps running after the time-out");

        drainRequests();
        Future<Void> next = op.reconcile(NS, "slow");
        // Give the adopting reconcile its watch before finishing the build; it must not start a second Pod.
        Thread.sleep(200);
        finishBuild("slow", 0, OUTPUT + "@" + DIGEST);
        join(next);
        assertEquals(List.of(), podCreations(writeRequests()));
        assertEquals("True", condition("slow", "Ready").getStatus());
        assertEquals(OUTPUT + "@" + DIGEST, deployment("slow").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aRestartedOperatorAdoptsTheRunningBuild() throws InterruptedException {
        KafkaConnectAssemblyOperator first = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY);
        apply(connectYaml("restart", "https://example.com/echo-1.jar", ""));
        Future<Void> firstRun = first.reconcile(NS, "restart");
        String uid = awaitBuildPod("restart").getMetadata().getUid();
        await().atMost(20, TimeUnit.SECONDS).until(() -> condition("restart", "Ready") != null);
        first.stop();
        // Stopping ends the first operator's wait at once (the build has not finished): it writes nothing more, so it
        // cannot race the new operator (no 409 on the ConfigMap, no ERROR in the log, which the base class checks).
        join(firstRun);

        // A new operator instance (as after a restart) knows nothing but what is in the cluster.
        KafkaConnectAssemblyOperator second = operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES, SLOW_RETRY);
        drainRequests();
        Future<Void> adopted = second.reconcile(NS, "restart");
        Thread.sleep(200);
        assertEquals(uid, buildPod("restart").getMetadata().getUid(), "the same build Pod");
        finishBuild("restart", 0, OUTPUT + "@" + DIGEST);
        join(adopted);
        assertEquals(List.of(), podCreations(writeRequests()));
        assertEquals("True", condition("restart", "Ready").getStatus());
        assertNull(buildPod("restart"));
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
        Future<Void> reconcile = op.reconcile(NS, "malformed");
        awaitBuildPod("malformed");
        finishBuild("malformed", 0, message);
        join(reconcile);

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
