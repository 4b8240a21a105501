package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.mockwebserver.http.MockResponse;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator killed with {@code kill -9} (SIGKILL to its process: no shutdown hook, no Lease released) at each step of a
 * build, then started again as a restarted container would be (same identity, so it takes its own Lease at once); and two
 * replicas with leader election, the leader killed mid-build. Each ends with exactly one build Pod ever created for the
 * revision (a recorder watches the Pods the whole time), the Deployment on the digest the registry reports and
 * Ready=True.
 *
 * <p>The moments are found through signals, never sleeps: the operator's own write of an object, seen by an interceptor
 * in the mock API server that kills the operator before or after the write is stored and before the operator hears the
 * answer (so it cannot take the next step); or a build Pod's artifact download, which the artifact server holds while the
 * kill happens, so that the build is certainly running.
 */
class KilledOperatorTest extends OperatorScenarios {
    private static final String NAMESPACE = "killed";
    /** Lease timings short enough that a replica takes over within seconds of the leader's death. */
    private static final Map<String, String> LEASE = Map.of(
            "STRIMZI_LEADER_ELECTION_LEASE_DURATION_MS", "8000",
            "STRIMZI_LEADER_ELECTION_RENEW_DEADLINE_MS", "6000",
            "STRIMZI_LEADER_ELECTION_RETRY_PERIOD_MS", "1000");
    /** The current operator's leader identity, also the prefix of its lines (startParts' operator: "operator"). */
    private static String identity = "operator";
    private static PodRecorder pods;

    @BeforeAll
    static void startEverything() {
        startParts(NAMESPACE, env(identity));
        pods = PodRecorder.start(client, NAMESPACE);
    }

    @AfterAll
    static void stopEverything() {
        stopParts(pods);
    }

    /** A test that failed half-way may have left the operator killed (and an interceptor set). */
    @BeforeEach
    void anOperatorRuns() {
        parts.apiServer().intercept(null);
        if (!operator.isAlive()) {
            restart();
        }
    }

    @Test
    void killedOnceTheDockerfileConfigMapIsStored() {
        String name = "after-dockerfile";
        killAndRestart(name, "configmaps", BuildNames.dockerfileConfigMapName(name), true, () -> {
            assertNotNull(client.configMaps().inNamespace(NAMESPACE).withName(BuildNames.dockerfileConfigMapName(name)).get());
            assertEquals(Set.of(), pods.uids(BuildNames.buildPodName(name)), "no build Pod before the kill");
        });
    }

    @Test
    void killedOnceTheBuildPodIsCreated() {
        String name = "after-pod";
        killAndRestart(name, "pods", BuildNames.buildPodName(name), true, () -> {
            assertNotNull(client.pods().inNamespace(NAMESPACE).withName(BuildNames.buildPodName(name)).get());
            assertNull(readyAt(name).ready(), "the operator died before it wrote a status");
        });
    }

    /**
     * Killed after the build Pod terminated, before the Deployment is written: the operator's create of the Deployment (the
     * first write once it saw the Pod succeed) is dropped by the mock API server, and the operator killed, before it is
     * stored. Nothing else can stop it in that window, which lasts milliseconds.
     */
    @Test
    void killedAfterTheBuildPodTerminatedBeforeTheDeploymentIsWritten() {
        String name = "before-deployment";
        killAndRestart(name, "deployments", name + "-connect", false, () -> {
            await("the build Pod Succeeded", () -> pods.phases(BuildNames.buildPodName(name)), phases -> phases.contains("Succeeded"));
            assertNull(client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-connect").get());
        });
    }

    /** As above, but the Deployment is stored before the kill: the status is not written yet. */
    @Test
    void killedAfterTheDeploymentIsWrittenBeforeTheStatus() {
        String name = "before-status";
        killAndRestart(name, "deployments", name + "-connect", true, () -> {
            assertNotNull(deploymentImage(name));
            assertEquals("BuildRunning", readyAt(name).ready().getReason(), "the status still says the build runs");
        });
    }

    @Test
    void killedWhileTheBuildRuns() throws InterruptedException {
        String name = "while-running";
        ArtifactServer.Hold download = createAndHoldItsDownload(name);
        await("the build Pod Running", () -> pods.phases(BuildNames.buildPodName(name)), phases -> phases.contains("Running"));
        operator.kill();
        Instant killed = Instant.now();
        restart();
        awaitLeading(identity, killed);
        download.release();
        assertBuiltOnce(name, awaitReadyImage(name, 1));
    }

    /**
     * Two replicas: the leader is killed while its build downloads; the other takes the Lease once it expires, adopts the
     * running build (no second Pod, at any moment) and finishes it.
     */
    @Test
    void aSecondReplicaTakesTheLeaseAdoptsTheRunningBuildAndFinishesIt() throws InterruptedException {
        String other = identity.equals("replica-b") ? "replica-a" : "replica-b";
        Map<String, LocalOperator> replicas = new java.util.HashMap<>(Map.of(identity, operator,
                other, LocalOperator.start(parts, null, env(other), operatorOutput(other))));
        try {
            String name = "leader-killed";
            ArtifactServer.Hold download = createAndHoldItsDownload(name);
            // Normally the replica started first; on a very busy machine it may have missed a renewal and handed over.
            String leader = leaseHolder();
            String survivor = leader.equals(identity) ? other : identity;
            LocalOperator killed = replicas.remove(leader);
            killed.kill();
            Instant killedAt = Instant.now();
            killed.close();
            await("the Lease taken by " + survivor, KilledOperatorTest::leaseHolder, survivor::equals);
            awaitLeading(survivor, killedAt);
            download.release();
            assertBuiltOnce(name, awaitReadyImage(name, 1));
            operator = replicas.remove(survivor);
            identity = survivor;
        } finally {
            replicas.values().forEach(LocalOperator::close);
        }
    }

    /** Creates the KafkaConnect and returns once its build Pod downloads the artifact, which waits for the hold's release. */
    private static ArtifactServer.Hold createAndHoldItsDownload(String name) throws InterruptedException {
        String path = "/" + NAMESPACE + "/" + name + ".jar";
        KafkaConnect connect = connectWithOnePlugin(name, path);
        ArtifactServer.Hold download = artifacts.hold(path);
        create(connect);
        assertTrue(download.awaitRequest(TIMEOUT), () -> "the build did not download its artifact\n" + builderLog(name));
        return download;
    }

    /**
     * Creates a KafkaConnect that the interceptor waits for: the operator is killed when it creates the named object,
     * after the object is stored or before; then it is started again and must finish the build it began, without another.
     */
    private static void killAndRestart(String name, String plural, String object, boolean stored, Runnable atTheKill) {
        CompletableFuture<Void> killed = killWhenCreated(plural, object, stored);
        create(connectWithOnePlugin(name, "/" + NAMESPACE + "/" + name + ".jar"));
        try {
            await("the operator creating " + plural + " " + object, () -> killed.isDone() || !operator.isAlive(), done -> done);
            assertTrue(killed.isDone(), () -> "the operator exited by itself\n" + builderLog(name));
        } finally {
            parts.apiServer().intercept(null);
        }
        atTheKill.run();
        restart();
        assertBuiltOnce(name, awaitReadyImage(name, 1));
    }

    /** Kills the operator (by its PID, SIGKILL) when it creates the object, before the answer reaches it. */
    private static CompletableFuture<Void> killWhenCreated(String plural, String object, boolean stored) {
        CompletableFuture<Void> killed = new CompletableFuture<>();
        AtomicBoolean fired = new AtomicBoolean();
        LocalOperator victim = operator;
        parts.apiServer().intercept((request, handle) -> {
            if (!isCreateOf(request, plural, object) || !fired.compareAndSet(false, true)) {
                return handle.get();
            }
            MockResponse response = stored ? handle.get() : new MockResponse().setResponseCode(503);
            victim.kill();
            killed.complete(null);
            return response;
        });
        return killed;
    }

    /** A POST to {@code /.../namespaces/NAMESPACE/PLURAL} whose body names the object. */
    @SuppressWarnings("unchecked")
    private static boolean isCreateOf(ApiRequestInterceptor.Request request, String plural, String object) {
        String path = request.path() == null ? "" : request.path().replaceAll("\\?.*", "");
        if (!"POST".equals(request.method()) || !path.endsWith("/namespaces/" + NAMESPACE + "/" + plural)) {
            return false;
        }
        Map<String, Object> body = client.getKubernetesSerialization().unmarshal(request.body(), Map.class);
        return body.get("metadata") instanceof Map<?, ?> metadata && object.equals(metadata.get("name"));
    }

    /** The killed operator's container restarted: the same identity, so it holds the Lease at once. */
    private static void restart() {
        assertFalse(operator.isAlive(), "the operator was killed");
        operator.close();
        operator = LocalOperator.start(parts, null, env(identity), operatorOutput(identity));
    }

    private static void assertBuiltOnce(String name, String image) {
        String repository = NAMESPACE + "/" + name;
        assertEquals(registry.address() + "/" + repository + "@" + registry.requireDigestOf(repository, "v1"), image);
        String pod = BuildNames.buildPodName(name);
        assertEquals(1, pods.uids(pod).size(), () -> "build Pods created: " + pods.uids(pod) + "\n" + builderLog(name));
        assertEquals(1, pods.mostAtOnce(pod));
        assertEquals(1, buildsOf(name), "the kubelet ran the build once");
    }

    private static KafkaConnect connectWithOnePlugin(String name, String path) {
        byte[] jar = TestArtifacts.jar(Map.of(name + ".class", name));
        return connect(name, registry.address() + "/" + NAMESPACE + "/" + name + ":v1", plugin("plugin", jar(path, jar)));
    }

    private static Map<String, String> env(String identity) {
        Map<String, String> env = new java.util.HashMap<>(LEASE);
        env.put("STRIMZI_LEADER_ELECTION_IDENTITY", identity);
        return env;
    }

    /** Waits until the operator of that identity started leading (its caches filled) after the given time. */
    private static void awaitLeading(String identity, Instant after) {
        await(identity + " leading", () -> CACHES_FILLED.get(identity), filled -> filled != null && filled.isAfter(after));
    }

    private static String leaseHolder() {
        Lease lease = client.resources(Lease.class).inNamespace(NAMESPACE).withName("strimzi-cluster-operator").get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }
}
