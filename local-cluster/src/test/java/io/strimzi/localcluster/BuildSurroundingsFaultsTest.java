package io.strimzi.localcluster;

import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.BuildStatus;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of what a Buildah build depends on, each of which ends on its own: an artifact server whose connections are
 * reset (a TCP proxy in front of it answers with RST), and a node whose disk is full (the fake kubelet makes the build's
 * scratch emptyDir a tmpfs no larger than the node's free disk, which the test sets). Each fails the build of a new
 * revision with a condition naming the cause, leaves the running Connect Deployment on its image, and the operator's own
 * retry after the back-off in status.build (30 s, the default) builds it once the fault is over: three builds in all,
 * none twice. The registry down at push time is ConnectBuildScenariosTest's scenario 4.
 */
class BuildSurroundingsFaultsTest extends OperatorScenarios {
    private static final String NAMESPACE = "surroundings";
    /** The node's free disk for a build's scratch volume: unlimited (each sizeLimit holds) unless a test fills it. */
    private static final AtomicLong NODE_DISK_FREE = new AtomicLong(Long.MAX_VALUE);
    private static ResettingProxy artifactProxy;

    @BeforeAll
    static void startEverything() {
        startParts(NAMESPACE, Map.of(), options -> options.withEmptyDirLimits(NODE_DISK_FREE::get));
        artifactProxy = ResettingProxy.start(URI.create(artifacts.url("/")).getPort());
    }

    @AfterAll
    static void stopEverything() {
        stopParts(artifactProxy);
    }

    @Test
    void resetConnectionsToTheArtifactServerFailClearlyAndTheRetryAfterBackOffBuilds() {
        create(connect("reset", registry.address() + "/surroundings/reset:v1", plugin("plugin", viaProxy("/reset/first.jar", "first"))));
        String previous = awaitReadyImage("reset", 1);

        artifactProxy.resetting(true);
        JarArtifact second = viaProxy("/reset/second.jar", "second");
        long generation = update("reset", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(second)));
        Condition failed = awaitFailure("reset", generation, previous);
        assertTrue(failed.getMessage().contains("reset by peer"), () -> failed.getMessage() + "\n" + builderLog("reset"));
        assertTrue(artifactProxy.resets() > 0);
        artifactProxy.resetting(false);

        assertRetriedOnceAfterTheBackOff("reset", generation, previous);
    }

    /** The build's first write to its scratch volume (pulling the base image) meets a full node disk: ENOSPC. */
    @Test
    void aFullNodeDiskFailsTheBuildClearlyAndTheRetryAfterBackOffBuildsOnceItIsFreed() {
        create(connect("disk", registry.address() + "/surroundings/disk:v1", plugin("plugin", jar("/disk/first.jar", bytes("first")))));
        String previous = awaitReadyImage("disk", 1);

        NODE_DISK_FREE.set(64 * 1024);
        byte[] big = new byte[256 * 1024];
        new Random(7).nextBytes(big);
        long generation = update("disk", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/disk/second.jar", big))));
        Condition failed = awaitFailure("disk", generation, previous);
        assertTrue(failed.getMessage().toLowerCase(java.util.Locale.ROOT).contains("no space left on device"),
                () -> failed.getMessage() + "\n" + builderLog("disk"));
        NODE_DISK_FREE.set(Long.MAX_VALUE);

        assertRetriedOnceAfterTheBackOff("disk", generation, previous);
    }

    /** Ready=False (BuildFailed) for the generation, the first failure with its next attempt, the Deployment untouched. */
    private static Condition awaitFailure(String name, long generation, String previous) {
        Condition failed = awaitNotReady(name, generation);
        assertEquals("BuildFailed", failed.getReason(), failed.getMessage());
        BuildStatus build = status(name);
        assertEquals(1, build.getFailedAttempts(), "the first failure of the revision");
        assertTrue(failed.getMessage().contains("next attempt at"), failed.getMessage());
        assertEquals(previous, deploymentImage(name), "the running Connect cluster keeps its image");
        return failed;
    }

    /**
     * The operator retries on its own (no spec change) at the time status.build named, not before, and that build
     * succeeds: the Deployment on the new digest, three builds of the resource in all.
     */
    private static void assertRetriedOnceAfterTheBackOff(String name, long generation, String previous) {
        Instant nextAttempt = Instant.parse(status(name).getNextAttemptTime());
        String rebuilt = awaitReadyImage(name, generation);
        String repository = NAMESPACE + "/" + name;
        assertEquals(registry.address() + "/" + repository + "@" + registry.requireDigestOf(repository, "v1"), rebuilt);
        assertNotEquals(previous, rebuilt);
        List<FakeKubelet.Run> runs = parts.kubelet().runs().stream()
                .filter(run -> run.pod().equals(NAMESPACE + "/" + BuildNames.buildPodName(name))).toList();
        assertEquals(3, runs.size(), "the first build, the failed one and its retry");
        Instant retried = Instant.parse(runs.get(2).spec().getMetadata().getCreationTimestamp());
        assertFalse(retried.isBefore(nextAttempt.truncatedTo(ChronoUnit.SECONDS)), "retried at " + retried + ", before " + nextAttempt);
    }

    private static BuildStatus status(String name) {
        return client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName(name).get().getStatus().getBuild();
    }

    /** A jar served by the artifact server, its URL through the resetting proxy. */
    private static JarArtifact viaProxy(String path, String content) {
        byte[] jar = TestArtifacts.jar(Map.of("Reset.class", content));
        artifacts.serve(path, jar);
        return downloadable(new JarArtifact(), "http://127.0.0.1:" + artifactProxy.port() + path, TestArtifacts.sha512(jar));
    }
}
