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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of what a Buildah build depends on, each of which ends on its own: an artifact server whose connections are
 * reset (a TCP proxy in front of it answers with RST), and a node whose disk is full (the fake kubelet makes the build's
 * scratch emptyDir a tmpfs no larger than the node's free disk, which the test sets for that resource's build Pods). Each
 * fails the build of a new revision with a condition naming the cause, leaves the running Connect Deployment on its
 * image, and the operator's own retry after the back-off in status.build (30 s, the default) builds it once the fault is
 * over: three builds in all, none twice. The two run side by side, so that their back-offs overlap. The registry down at
 * push time is ConnectBuildScenariosTest's scenario 4.
 */
class BuildSurroundingsFaultsTest extends OperatorScenarios {
    private static final String NAMESPACE = "surroundings";
    /** Whether the node of the "disk" resource's build Pods has a full disk; every other Pod's emptyDirs get their sizeLimit. */
    private static final AtomicBoolean DISK_FULL = new AtomicBoolean();
    private static ResettingProxy artifactProxy;

    @BeforeAll
    static void startEverything() {
        startParts(NAMESPACE, Map.of(), options -> options.withEmptyDirLimits(pod ->
                DISK_FULL.get() && pod.getMetadata().getName().equals(BuildNames.buildPodName("disk")) ? 64 * 1024 : Long.MAX_VALUE));
        artifactProxy = ResettingProxy.start(URI.create(artifacts.url("/")).getPort());
    }

    @AfterAll
    static void stopEverything() {
        stopParts(artifactProxy);
    }

    /**
     * "reset": its new artifact comes through the proxy, which resets every connection. "disk": the build's first write
     * to its scratch volume (pulling the base image) meets a full node disk, ENOSPC.
     */
    @Test
    void resetConnectionsAndAFullDiskFailClearlyAndTheRetryAfterBackOffBuildsOnceTheyEnd() {
        create(connect("reset", registry.address() + "/surroundings/reset:v1", plugin("plugin", viaProxy("/reset/first.jar", "first"))));
        create(connect("disk", registry.address() + "/surroundings/disk:v1", plugin("plugin", jar("/disk/first.jar", bytes("first")))));
        String resetImage = awaitReadyImage("reset", 1);
        String diskImage = awaitReadyImage("disk", 1);

        artifactProxy.resetting(true);
        DISK_FULL.set(true);
        JarArtifact second = viaProxy("/reset/second.jar", "second");
        Map<String, Long> generations = Map.of(
                "reset", update("reset", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(second))),
                "disk", update("disk", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(
                        List.of(jar("/disk/second.jar", bytes("second"))))));
        Map<String, Runnable> faultEnds = Map.of("reset", () -> artifactProxy.resetting(false), "disk", () -> DISK_FULL.set(false));
        Map<String, Condition> failures = new ConcurrentHashMap<>();
        Map<String, BuildStatus> failedBuilds = new ConcurrentHashMap<>();
        // Each fault ends as soon as its own failure is seen, well before the retry 30 s later.
        await("both builds failed", () -> {
            generations.forEach((name, generation) -> {
                ReadyAt at = readyAt(name);
                if (!failures.containsKey(name) && at.settledFor(generation) && "False".equals(at.ready().getStatus())) {
                    faultEnds.get(name).run();
                    failures.put(name, at.ready());
                    failedBuilds.put(name, status(name));
                }
            });
            return failures.size();
        }, failed -> failed == generations.size());

        Condition reset = checkFailure("reset", failures.get("reset"), failedBuilds.get("reset"), resetImage);
        assertTrue(reset.getMessage().contains("reset by peer"), () -> reset.getMessage() + "\n" + builderLog("reset"));
        assertTrue(artifactProxy.resets() > 0);
        Condition full = checkFailure("disk", failures.get("disk"), failedBuilds.get("disk"), diskImage);
        assertTrue(full.getMessage().toLowerCase(Locale.ROOT).contains("no space left on device"),
                () -> full.getMessage() + "\n" + builderLog("disk"));

        assertRetriedOnceAfterTheBackOff("reset", generations.get("reset"), resetImage, Instant.parse(failedBuilds.get("reset").getNextAttemptTime()));
        assertRetriedOnceAfterTheBackOff("disk", generations.get("disk"), diskImage, Instant.parse(failedBuilds.get("disk").getNextAttemptTime()));
    }

    /** BuildFailed, the first failure of the revision with its next attempt, the Deployment untouched. */
    private static Condition checkFailure(String name, Condition failed, BuildStatus build, String previous) {
        assertEquals("BuildFailed", failed.getReason(), failed.getMessage());
        assertEquals(1, build.getFailedAttempts(), "the first failure of the revision");
        assertTrue(failed.getMessage().contains("next attempt at"), failed.getMessage());
        assertEquals(previous, deploymentImage(name), "the running Connect cluster keeps its image");
        return failed;
    }

    /**
     * The operator retries on its own (no spec change) at the time status.build named, not before, and that build
     * succeeds: the Deployment on the new digest, three builds of the resource in all.
     */
    private static void assertRetriedOnceAfterTheBackOff(String name, long generation, String previous, Instant nextAttempt) {
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
