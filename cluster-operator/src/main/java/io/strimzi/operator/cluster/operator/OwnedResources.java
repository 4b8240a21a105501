package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.operator.cluster.values.Sha256;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.net.HttpURLConnection.HTTP_CONFLICT;
import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

/**
 * Keeps the objects the operator owns as it wants them. An object is written when a field the operator sets differs
 * from what is stored (see {@link OwnedFields}): the desired state changed, or someone changed or deleted the object.
 * Reads come from the caches; a write carries the cached resourceVersion, so a stale cache ends in a conflict, after
 * which the object is read again and compared again. Blocking: call from a worker thread.
 *
 * <p>The annotation {@link #DESIRED_HASH_ANNOTATION} records a hash of the desired object last written. It is one of the
 * fields compared, so that a field the operator stops setting (a removed template toleration) is removed too: the
 * desired object then has a new hash and replaces the stored one, which field comparison alone would never notice.
 */
final class OwnedResources {
    static final String DESIRED_HASH_ANNOTATION = "strimzi.io/desired-hash";
    private static final Logger LOGGER = LogManager.getLogger(OwnedResources.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Writes of one object that may meet a conflict (a concurrent change) before the reconciliation fails. */
    private static final int WRITE_ATTEMPTS = 3;

    /** What an apply did. */
    enum Change {
        UNCHANGED, CREATED, UPDATED,
        /** Only someone else had changed it (the desired state did not): their change was undone. */
        RESTORED
    }

    /** The outcome of an apply: what is stored now and what was done. */
    record Applied<T>(T resource, Change change) {
        boolean written() {
            return change != Change.UNCHANGED;
        }
    }

    private final KubernetesClient client;
    private final ClusterCaches caches;
    private final StopSignal stop;

    OwnedResources(KubernetesClient client, ClusterCaches caches, StopSignal stop) {
        this.client = client;
        this.caches = caches;
        this.stop = stop;
    }

    /** The stored object of an owned kind, from its cache (a GET where no informer covers the namespace). */
    <T extends HasMetadata> T get(OwnedKind<T> kind, String namespace, String name) {
        ResourceCache<T> cache = caches.of(kind);
        if (cache != null && cache.covers(namespace)) {
            return cache.get(namespace, name);
        }
        try {
            return kind.objects(client, namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw new KubernetesRequestException("reading " + kind + " " + namespace + "/" + name, e);
        }
    }

    /** Creates the object, or updates it where a field the operator sets differs from what is stored. */
    <T extends HasMetadata> Applied<T> apply(Reconciliation r, T model) {
        OwnedKind<T> kind = OwnedKinds.of(model);
        T desired = withHash(model, kind);
        Map<String, Object> desiredTree = tree(desired);
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        var objects = kind.objects(client, namespace);
        T stored = get(kind, namespace, name);
        for (int attempt = 1; ; attempt++) {
            stop.check();
            String operation = (stored == null ? "creating " : "updating ") + kind + " " + namespace + "/" + name;
            ResourceCache<T> cache = caches.of(kind);
            try {
                if (stored == null) {
                    T created = write(cache, namespace, name, () -> objects.resource(desired).create());
                    return new Applied<>(created, Change.CREATED);
                }
                Map<String, Object> storedTree = tree(stored);
                String difference = OwnedFields.firstDifference(desiredTree, storedTree);
                if (difference == null) {
                    return new Applied<>(stored, Change.UNCHANGED);
                }
                boolean drift = hashOf(desired).equals(hashOf(stored));
                T body = SERIALIZATION.convertValue(OwnedFields.merge(desiredTree, storedTree, kind.preservedPaths()), kind.type());
                T updated = write(cache, namespace, name, () -> objects.resource(body).update());
                if (drift) {
                    LOGGER.info("{}: {} {} had been changed by someone else ({} differed); restored it", r, kind, name, difference);
                }
                return new Applied<>(updated, drift ? Change.RESTORED : Change.UPDATED);
            } catch (KubernetesClientException e) {
                boolean retry = (e.getCode() == HTTP_CONFLICT || e.getCode() == HTTP_NOT_FOUND) && attempt < WRITE_ATTEMPTS;
                if (!retry) {
                    throw new KubernetesRequestException(operation, e);
                }
                // Someone else created, changed or deleted it after the cached copy: read it now and compare again.
                LOGGER.debug("{}: {} {}: {}; reading it again", r, kind, name, e.getMessage());
                stored = read(kind, namespace, name);
            }
        }
    }

    /**
     * Deletes the named object when it exists (by the cache); returns whether it did.
     *
     * @param immediately without a grace period (a build Pod, so that its name is free at once)
     */
    <T extends HasMetadata> boolean delete(Reconciliation r, OwnedKind<T> kind, String name, boolean immediately) {
        String namespace = kind.namespaceFor(r.namespace());
        if (get(kind, namespace, name) == null) {
            return false;
        }
        stop.check();
        ResourceCache<T> cache = caches.of(kind);
        if (cache != null) {
            cache.deleting(namespace, name);
        }
        try {
            var resource = kind.objects(client, namespace).withName(name);
            if (immediately) {
                resource.withGracePeriod(0).delete();
            } else {
                resource.delete();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != HTTP_NOT_FOUND) {
                if (cache != null) {
                    cache.notDeleted(namespace, name);
                }
                throw new KubernetesRequestException("deleting " + kind + " " + namespace + "/" + name, e);
            }
        }
        return true;
    }

    /**
     * Deletes the kept objects owned by this KafkaConnect that it no longer has (the build inputs once `.spec.build` is
     * removed, the objects of an old name).
     *
     * @param keep `Kind/name` of every object the KafkaConnect has now, whether or not it is written in this pass
     */
    List<String> pruneExcept(Reconciliation r, Set<String> keep) {
        List<String> deleted = new java.util.ArrayList<>();
        for (OwnedKind<?> kind : caches.keptKinds()) {
            deleted.addAll(prune(r, kind, keep));
        }
        if (!deleted.isEmpty()) {
            LOGGER.info("{}: deleted what it no longer has: {}", r, deleted);
        }
        return deleted;
    }

    /**
     * Deletes the cluster-scoped objects of a KafkaConnect that is gone: they cannot have an owner reference to it, so
     * Kubernetes' garbage collector leaves them (as Strimzi, the operator deletes them itself).
     */
    List<String> deleteClusterScoped(Reconciliation r) {
        List<String> deleted = new java.util.ArrayList<>();
        for (OwnedKind<?> kind : caches.clusterScopedKinds()) {
            deleted.addAll(prune(r, kind, Set.of()));
        }
        if (!deleted.isEmpty()) {
            LOGGER.info("{}: the KafkaConnect is gone; deleted its cluster-scoped objects: {}", r, deleted);
        }
        return deleted;
    }

    private <T extends HasMetadata> List<String> prune(Reconciliation r, OwnedKind<T> kind, Set<String> keep) {
        List<String> deleted = new java.util.ArrayList<>();
        ResourceCache<T> cache = caches.of(kind);
        if (cache == null || !cache.covers(r.namespace())) {
            return deleted;
        }
        for (T object : cache.ownedBy(r.namespace(), r.name())) {
            String id = kind + "/" + object.getMetadata().getName();
            if (!keep.contains(id) && delete(r, kind, object.getMetadata().getName(), false)) {
                deleted.add(id);
            }
        }
        return deleted;
    }

    /** `Kind/name`, as {@link #pruneExcept} takes it. */
    static String id(HasMetadata object) {
        return OwnedKinds.of(object) + "/" + object.getMetadata().getName();
    }

    private <T extends HasMetadata> T read(OwnedKind<T> kind, String namespace, String name) {
        try {
            return kind.objects(client, namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw new KubernetesRequestException("reading " + kind + " " + namespace + "/" + name, e);
        }
    }

    /** Sends a create or update through the cache, which records the answer (without a cache: just sends it). */
    static <T extends HasMetadata> T write(ResourceCache<T> cache, String namespace, String name, java.util.function.Supplier<T> request) {
        return cache != null ? cache.write(namespace, name, request) : request.get();
    }

    /** A copy of the model's object with the hash of its content as an annotation. */
    private static <T extends HasMetadata> T withHash(T model, OwnedKind<T> kind) {
        String hash = hash(model);
        T desired = SERIALIZATION.convertValue(SERIALIZATION.convertValue(model, Map.class), kind.type());
        Map<String, String> annotations = desired.getMetadata().getAnnotations() != null
                ? new HashMap<>(desired.getMetadata().getAnnotations()) : new HashMap<>();
        annotations.put(DESIRED_HASH_ANNOTATION, hash);
        desired.getMetadata().setAnnotations(annotations);
        return desired;
    }

    private static String hashOf(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(DESIRED_HASH_ANNOTATION, "");
    }

    /** The hash of the desired object's content, as the earlier releases computed it (so an upgrade writes nothing). */
    static String hash(HasMetadata desired) {
        return Sha256.hex(SERIALIZATION.asJson(desired), 32);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(HasMetadata object) {
        return SERIALIZATION.convertValue(object, Map.class);
    }
}
