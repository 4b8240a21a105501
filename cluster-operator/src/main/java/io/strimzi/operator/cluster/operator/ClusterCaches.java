package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The informer caches of everything the operator reads in steady state: its KafkaConnects and every owned kind of
 * {@link OwnedKinds} that exists on the platform, each label-selected to the operator's own objects. While they run, a
 * reconciliation of an unchanged resource sends no request. Changes by others go to one listener with the namespace
 * and name of the KafkaConnect concerned.
 */
final class ClusterCaches {
    private final ResourceCache<GenericKubernetesResource> connects;
    private final Map<OwnedKind<?>, ResourceCache<?>> owned = new LinkedHashMap<>();

    ClusterCaches(KubernetesClient client, Vertx vertx, Platform platform, List<String> namespaces) {
        this.connects = new ResourceCache<>("KafkaConnect",
                namespace -> informable(client.genericKubernetesResources(KafkaConnectAssemblyOperator.KAFKA_CONNECTS), namespace, Map.of()),
                namespaces, vertx);
        for (OwnedKind<?> kind : OwnedKinds.on(platform)) {
            owned.put(kind, cache(client, vertx, kind, namespaces));
        }
    }

    private static <T extends HasMetadata> ResourceCache<T> cache(KubernetesClient client, Vertx vertx, OwnedKind<T> kind,
                                                                 List<String> namespaces) {
        // A cluster-scoped kind has no namespaces: one informer sees all of its objects.
        return new ResourceCache<>(kind.kind(), namespace -> informable(kind.operation(client), namespace, kind.selector()),
                kind.namespaced() ? namespaces : List.of("*"), vertx);
    }

    private static <T extends HasMetadata> Informable<T> informable(MixedOperation<T, ?, ?> operation, String namespace,
                                                                    Map<String, String> selector) {
        if (namespace == null) {
            return selector.isEmpty() ? operation.inAnyNamespace() : operation.inAnyNamespace().withLabels(selector);
        }
        return selector.isEmpty() ? operation.inNamespace(namespace) : operation.inNamespace(namespace).withLabels(selector);
    }

    /**
     * Calls the listener with `(namespace, name)` of the KafkaConnect whenever someone else changes it or one of its
     * objects.
     */
    void onChange(BiConsumer<String, String> listener) {
        connects.onChange(kc -> listener.accept(kc.getMetadata().getNamespace(), kc.getMetadata().getName()));
        for (ResourceCache<?> cache : owned.values()) {
            cache.onChange(object -> {
                String owner = ResourceCache.ownerKey(object);
                int slash = owner == null ? -1 : owner.indexOf('/');
                // A cluster-scoped object may belong to a KafkaConnect of a namespace another operator watches.
                if (slash > 0 && connects.covers(owner.substring(0, slash))) {
                    listener.accept(owner.substring(0, slash), owner.substring(slash + 1));
                }
            });
        }
    }

    /** Starts every informer; completes when all have listed. */
    CompletableFuture<Void> start() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        started.add(connects.start());
        owned.values().forEach(cache -> started.add(cache.start()));
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    void stop() {
        connects.stop();
        owned.values().forEach(ResourceCache::stop);
    }

    ResourceCache<GenericKubernetesResource> connects() {
        return connects;
    }

    /** The cache of an owned kind; null when the kind does not exist on this platform. */
    @SuppressWarnings("unchecked")
    <T extends HasMetadata> ResourceCache<T> of(OwnedKind<T> kind) {
        return (ResourceCache<T>) owned.get(kind);
    }

    /** The kept cluster-scoped kinds: what Kubernetes' garbage collector does not delete with a KafkaConnect. */
    List<OwnedKind<?>> clusterScopedKinds() {
        return keptKinds().stream().filter(kind -> !kind.namespaced()).toList();
    }

    /** The kept kinds of this platform (those whose objects are compared, restored and pruned). */
    List<OwnedKind<?>> keptKinds() {
        return owned.keySet().stream().filter(OwnedKind::kept).toList();
    }
}
