package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache of one kind against the mock API server: it reads the operator's own writes at once, reports changes by
 * others (and deletions), and not the echo of its own writes.
 */
class ResourceCacheTest extends ConnectBuildTestBase {
    private ResourceCache<ConfigMap> cache;
    private final List<String> reported = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCache() {
        cache = new ResourceCache<>("ConfigMap", namespace -> client.configMaps().inNamespace(namespace), List.of(NS), vertx);
        cache.onChange(cm -> reported.add(cm.getMetadata().getName() + "@" + cm.getMetadata().getResourceVersion()));
        cache.start().join();
    }

    @AfterEach
    void stopCache() {
        cache.stop();
    }

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata().addToData("a", value).build();
    }

    private ConfigMap write(ConfigMap desired) {
        return cache.write(NS, desired.getMetadata().getName(), () -> client.configMaps().inNamespace(NS).resource(desired).create());
    }

    @Test
    void theOperatorsOwnWritesAreReadAtOnceAndTheirEchoIsNotReported() {
        ConfigMap created = write(configMap("own", "1"));
        assertEquals(created.getMetadata().getResourceVersion(), cache.get(NS, "own").getMetadata().getResourceVersion(),
                "read at once, whether or not the informer has delivered it");
        ConfigMap updated = cache.write(NS, "own", () -> client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder(created)
                .addToData("a", "2").build()).update());
        assertEquals("2", cache.get(NS, "own").getData().get("a"));

        // Someone else's change comes after the operator's in the same watch: when it is reported, the echoes are past.
        client.configMaps().inNamespace(NS).withName("own").edit(cm -> new ConfigMapBuilder(cm).addToData("b", "x").build());
        await().atMost(20, TimeUnit.SECONDS).until(() -> !reported.isEmpty());
        assertEquals(1, reported.size(), reported.toString());
        assertFalse(reported.get(0).endsWith("@" + updated.getMetadata().getResourceVersion()), reported.toString());
        await().atMost(20, TimeUnit.SECONDS).until(() -> "x".equals(cache.get(NS, "own").getData().get("b")));
    }

    /**
     * The informer puts a version into its store before its event reaches the handler. An own write whose answer comes
     * in between (the store has the version, the handler has not seen it: common on a loaded machine) still has its
     * echo recognised. The handler is held on another object's event meanwhile, so the order is certain.
     */
    @Test
    void anEchoStillOnItsWayToTheHandlerWhenTheStoreHasItIsNotReported() throws Exception {
        java.util.concurrent.CountDownLatch handlerHeld = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        cache.onChange(cm -> {
            if ("blocker".equals(cm.getMetadata().getName())) {
                handlerHeld.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        client.configMaps().inNamespace(NS).resource(configMap("blocker", "1")).create();
        assertTrue(handlerHeld.await(20, TimeUnit.SECONDS));

        ConfigMap created = cache.write(NS, "late", () -> {
            ConfigMap answer = client.configMaps().inNamespace(NS).resource(configMap("late", "1")).create();
            // The answer reaches the cache only once the informer's store holds the same version.
            await().atMost(20, TimeUnit.SECONDS).until(() -> cache.list().stream().anyMatch(cm -> "late".equals(cm.getMetadata().getName())
                    && answer.getMetadata().getResourceVersion().equals(cm.getMetadata().getResourceVersion())));
            return answer;
        });
        release.countDown();

        // Someone else's change after it: once that is reported, the echo has been handled too.
        client.configMaps().inNamespace(NS).withName("late").edit(cm -> new ConfigMapBuilder(cm).addToData("b", "x").build());
        await().atMost(20, TimeUnit.SECONDS).until(() -> reported.stream().anyMatch(r -> r.startsWith("late@")));
        List<String> late = reported.stream().filter(r -> r.startsWith("late@")).toList();
        assertEquals(1, late.size(), reported.toString());
        assertFalse(late.get(0).endsWith("@" + created.getMetadata().getResourceVersion()), reported.toString());
    }

    @Test
    void aDeletionBySomeoneElseIsReportedAndTheOperatorsOwnIsNot() throws Exception {
        write(configMap("theirs", "1"));
        write(configMap("mine", "1"));
        cache.deleting(NS, "mine");
        client.configMaps().inNamespace(NS).withName("mine").delete();
        assertNull(cache.get(NS, "mine"), "gone at once for the operator");
        cache.awaitGone(NS, "mine", 20_000).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        client.configMaps().inNamespace(NS).withName("theirs").delete();
        await().atMost(20, TimeUnit.SECONDS).until(() -> cache.get(NS, "theirs") == null);
        await().atMost(20, TimeUnit.SECONDS).until(() -> reported.stream().anyMatch(r -> r.startsWith("theirs@")));
        assertEquals(List.of(), reported.stream().filter(r -> r.startsWith("mine@")).toList());
    }

    @Test
    void aWriteThatFailsReleasesTheChangesHeldBackMeanwhile() {
        write(configMap("conflicting", "1"));
        ConfigMap stale = cache.get(NS, "conflicting");
        client.configMaps().inNamespace(NS).withName("conflicting").edit(cm -> new ConfigMapBuilder(cm).addToData("a", "theirs").build());
        try {
            cache.write(NS, "conflicting", () -> client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder(stale)
                    .addToData("a", "mine").build()).update());
        } catch (RuntimeException expected) {
            // 409: the stale resourceVersion
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> reported.stream().anyMatch(r -> r.startsWith("conflicting@")));
        await().atMost(20, TimeUnit.SECONDS).until(() -> "theirs".equals(cache.get(NS, "conflicting").getData().get("a")));
    }
}
