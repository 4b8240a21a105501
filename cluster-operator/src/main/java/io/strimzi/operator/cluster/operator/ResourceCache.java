package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The objects of one kind in the watched namespaces, from a label-selected informer per namespace (or one for every
 * namespace), plus what the operator itself wrote and the informer has not delivered yet. So a reconciliation reads
 * its own writes (a Deployment it just updated, a build Pod it just deleted) and never decides from a cache that lags
 * behind it, which would, for example, start a second build. Everything else comes from the informer, which may lag
 * behind other writers: a write carries the cached resourceVersion, so a stale copy ends in a conflict, never in an
 * overwrite.
 *
 * <p>Changes made by others (and deletions) go to the listener; the informer's echo of the operator's own write does
 * not, so a write does not cause another reconciliation. The objects returned are shared: read them, copy before
 * changing.
 */
final class ResourceCache<T extends HasMetadata> {
    /** The index of objects by the KafkaConnect that owns them, `namespace/name`. */
    static final String OWNER_INDEX = "owner";
    private static final Logger LOGGER = LogManager.getLogger(ResourceCache.class);
    /** An own write the informer never confirmed (its watch restarted and listed a newer version) stops counting then. */
    private static final long OWN_WRITE_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** An own write or deletion (object null) not yet delivered by the informer. */
    private record OwnWrite<T>(T object, String resourceVersion, long atNanos) {
    }

    private final String kind;
    private final Function<String, Informable<T>> informables;
    private final List<String> namespaces;
    private final Vertx vertx;
    private final Map<String, SharedIndexInformer<T>> informers = new LinkedHashMap<>();
    private final Map<String, OwnWrite<T>> ownWrites = new ConcurrentHashMap<>();
    private final Map<String, List<Promise<Void>>> goneWaiters = new ConcurrentHashMap<>();
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    /** Objects the operator is writing now: a change of one is held back until the write's answer tells whose it is. */
    private final Map<String, T> heldBack = new LinkedHashMap<>();
    private final java.util.Set<String> writing = new java.util.HashSet<>();

    /**
     * @param informables the informable objects of a namespace (null: every namespace), already label-selected
     * @param namespaces  the namespaces to watch, or just {@code *}
     */
    ResourceCache(String kind, Function<String, Informable<T>> informables, List<String> namespaces, Vertx vertx) {
        this.kind = kind;
        this.informables = informables;
        this.namespaces = List.copyOf(namespaces);
        this.vertx = vertx;
    }

    String kind() {
        return kind;
    }

    /** Someone other than this operator changed, created or deleted an object (the deleted object then). */
    void onChange(Consumer<T> listener) {
        listeners.add(listener);
    }

    /** Starts the informers; completes when every one has listed its objects. */
    synchronized CompletableFuture<Void> start() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (String namespace : namespaces) {
            boolean any = "*".equals(namespace);
            // No resync: the controller's periodic full reconciliation is the only one.
            SharedIndexInformer<T> informer = informables.apply(any ? null : namespace).runnableInformer(0);
            informer.addIndexers(Map.of(OWNER_INDEX, object -> {
                String owner = ownerKey(object);
                return owner == null ? List.of() : List.of(owner);
            }));
            informer.addEventHandler(new Handler());
            // The default keeps a started informer retrying; a failed first list is retried as well.
            informer.exceptionHandler((isStarted, t) -> {
                LOGGER.warn("{} informer ({}): {}; retrying", kind, any ? "all namespaces" : namespace, t.getMessage());
                return true;
            });
            informers.put(namespace, informer);
            started.add(informer.start().toCompletableFuture());
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    synchronized void stop() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
        ownWrites.clear();
        goneWaiters.values().forEach(waiters -> waiters.forEach(p -> p.tryFail(new StopSignal.OperatorStoppedException())));
        goneWaiters.clear();
    }

    /** Whether an informer covers this namespace (else the caller reads from the API server). */
    synchronized boolean covers(String namespace) {
        return informer(namespace) != null;
    }

    /** The object as last written by this operator or seen by the informer, or null when there is none. */
    T get(String namespace, String name) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        OwnWrite<T> own = ownWrites.get(key);
        if (own != null && System.nanoTime() - own.atNanos() < OWN_WRITE_MAX_AGE_NANOS) {
            return own.object();
        }
        SharedIndexInformer<T> informer = informer(namespace);
        return informer == null ? null : informer.getStore().getByKey(key);
    }

    /** The objects owned by the KafkaConnect `namespace/name`, own writes included. */
    List<T> ownedBy(String namespace, String connectName) {
        String owner = Cache.namespaceKeyFunc(namespace, connectName);
        Map<String, T> owned = new LinkedHashMap<>();
        SharedIndexInformer<T> informer = informer(namespace);
        if (informer != null) {
            for (T object : informer.getIndexer().byIndex(OWNER_INDEX, owner)) {
                owned.put(Cache.metaNamespaceKeyFunc(object), object);
            }
        }
        ownWrites.forEach((key, own) -> {
            if (own.object() == null) {
                owned.remove(key);
            } else if (owner.equals(ownerKey(own.object()))) {
                owned.put(key, own.object());
            }
        });
        return List.copyOf(owned.values());
    }

    /** Every object the informers know. */
    synchronized List<T> list() {
        List<T> all = new ArrayList<>();
        informers.values().forEach(informer -> all.addAll(informer.getStore().list()));
        return all;
    }

    /**
     * Creates or updates the object by the request and records the answer. While the request runs, the informer's events
     * of the object are held back, since its echo may come before the API server's answer; a change by someone else
     * among them is reported once the answer tells them apart.
     */
    T write(String namespace, String name, java.util.function.Supplier<T> request) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        synchronized (heldBack) {
            writing.add(key);
        }
        T stored;
        try {
            stored = request.get();
        } catch (RuntimeException e) {
            release(key, null);
            throw e;
        }
        wrote(stored);
        return stored;
    }

    /**
     * Records what the API server returned for the operator's create or update of an object, unless the informer has a
     * later version already. The informer's store may hold this very version before its event reaches the handler, so
     * the write is recorded then too, for the event to be known as its echo.
     */
    void wrote(T stored) {
        String key = Cache.metaNamespaceKeyFunc(stored);
        String version = stored.getMetadata().getResourceVersion();
        SharedIndexInformer<T> informer = informer(stored.getMetadata().getNamespace());
        T seen = informer == null ? null : informer.getStore().getByKey(key);
        String seenVersion = seen == null ? null : seen.getMetadata().getResourceVersion();
        if (seenVersion == null || seenVersion.equals(version) || !confirms(seenVersion, version)) {
            ownWrites.put(key, new OwnWrite<>(stored, version, System.nanoTime()));
        }
        release(key, version);
    }

    /** Ends a write: a change held back is reported unless it was the write's own echo. */
    private void release(String key, String ownVersion) {
        T held;
        synchronized (heldBack) {
            writing.remove(key);
            held = heldBack.remove(key);
        }
        if (held != null && !(ownVersion != null && ownVersion.equals(held.getMetadata().getResourceVersion()))) {
            notifyListeners(held);
        }
    }

    /**
     * Records, before it is sent, the operator's deletion of an object (so that its echo is known as such), with the last
     * version the operator knows of it: a later event of that version or an older one is not a new object.
     */
    void deleting(String namespace, String name) {
        T last = get(namespace, name);
        ownWrites.put(Cache.namespaceKeyFunc(namespace, name), new OwnWrite<>(null,
                last != null ? last.getMetadata().getResourceVersion() : null, System.nanoTime()));
    }

    /** The deletion announced by {@link #deleting} failed. */
    void notDeleted(String namespace, String name) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        OwnWrite<T> own = ownWrites.get(key);
        if (own != null && own.object() == null) {
            ownWrites.remove(key, own);
        }
    }

    /**
     * Completes when the informer no longer has the object (its deletion was delivered), or fails after the time-out.
     * A new object of the same name is only created after that, so that the API server does not refuse it.
     */
    Future<Void> awaitGone(String namespace, String name, long timeoutMs) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        Promise<Void> gone = Promise.promise();
        goneWaiters.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(gone);
        SharedIndexInformer<T> informer = informer(namespace);
        if (informer == null || informer.getStore().getByKey(key) == null) {
            gone.tryComplete();
        }
        long timer = vertx.setTimer(timeoutMs, id -> gone.tryFail(new IllegalStateException(
                kind + " " + key + " was not deleted within " + timeoutMs + " ms")));
        return gone.future().andThen(ar -> {
            vertx.cancelTimer(timer);
            List<Promise<Void>> waiters = goneWaiters.get(key);
            if (waiters != null) {
                waiters.remove(gone);
            }
        });
    }

    private SharedIndexInformer<T> informer(String namespace) {
        SharedIndexInformer<T> informer = informers.get(namespace);
        return informer != null ? informer : informers.get("*");
    }

    /**
     * `namespace/name` of the owning KafkaConnect: its owner reference, else the `strimzi.io/cluster` label. A
     * cluster-scoped object (the rack ClusterRoleBinding) has neither namespace nor owner reference: its KafkaConnect's
     * namespace is that of the ServiceAccount it binds.
     */
    static String ownerKey(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        if (namespace == null && object instanceof ClusterRoleBinding binding) {
            namespace = binding.getSubjects() == null ? null : binding.getSubjects().stream()
                    .filter(subject -> "ServiceAccount".equals(subject.getKind()) && subject.getNamespace() != null)
                    .map(Subject::getNamespace).findFirst().orElse(null);
            if (namespace == null) {
                return null;
            }
        }
        if (object.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference owner : object.getMetadata().getOwnerReferences()) {
                if (KafkaConnect.KIND.equals(owner.getKind()) && owner.getApiVersion() != null
                        && owner.getApiVersion().startsWith(KafkaConnect.GROUP + "/")) {
                    return Cache.namespaceKeyFunc(namespace, owner.getName());
                }
            }
        }
        Map<String, String> labels = object.getMetadata().getLabels();
        String cluster = labels == null ? null : labels.get("strimzi.io/cluster");
        return cluster == null ? null : Cache.namespaceKeyFunc(namespace, cluster);
    }

    /** Whether a delivered version is the operator's own write, or later than it; then the own write is not needed. */
    private boolean confirms(String delivered, String own) {
        if (own == null || delivered == null) {
            return false;
        }
        if (own.equals(delivered)) {
            return true;
        }
        try {
            // Kubernetes' resourceVersions are etcd revisions: a later one replaces the own write too (its watch may have
            // restarted past it). Versions that are not numbers only count when equal.
            return Long.parseLong(delivered) > Long.parseLong(own);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private final class Handler implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T object) {
            changed(object);
        }

        @Override
        public void onUpdate(T old, T object) {
            changed(object);
        }

        @Override
        public void onDelete(T object, boolean deletedFinalStateUnknown) {
            String key = Cache.metaNamespaceKeyFunc(object);
            LOGGER.debug("{} {}: deleted (own write pending: {})", kind, key, ownWrites.containsKey(key));
            OwnWrite<T> own = ownWrites.get(key);
            boolean echo = own != null && own.object() == null;
            if (echo || own != null && confirms(object.getMetadata().getResourceVersion(), own.resourceVersion())) {
                // The own deletion arrived, or an own write was deleted since (a recreation by the operator is newer and
                // stays).
                ownWrites.remove(key, own);
            }
            List<Promise<Void>> waiters = goneWaiters.remove(key);
            if (waiters != null) {
                waiters.forEach(Promise::tryComplete);
            }
            if (!echo) {
                notifyListeners(object);
            }
        }

        private void changed(T object) {
            String key = Cache.metaNamespaceKeyFunc(object);
            LOGGER.debug("{} {}: version {} (own write: {})", kind, key, object.getMetadata().getResourceVersion(),
                    ownWrites.containsKey(key) ? ownWrites.get(key).resourceVersion() : null);
            OwnWrite<T> own = ownWrites.get(key);
            String version = object.getMetadata().getResourceVersion();
            boolean echo = own != null && own.object() != null && own.resourceVersion() != null && own.resourceVersion().equals(version);
            // A version older than the own write: an earlier echo, or a change the write was based on (it would have
            // failed with a conflict otherwise). The own write stays what is read.
            boolean older = own != null && own.object() != null && !echo && confirms(own.resourceVersion(), version);
            if (own != null && own.object() == null) {
                // An own deletion is over once the object is back (someone created it again, a version later than the
                // deleted one) and not just being deleted; older versions are late events of the deleted object.
                boolean recreated = object.getMetadata().getDeletionTimestamp() == null
                        && (own.resourceVersion() == null || confirms(version, own.resourceVersion()) && !own.resourceVersion().equals(version));
                if (!recreated) {
                    return;
                }
                ownWrites.remove(key, own);
            } else if (own != null && !older && (echo || confirms(version, own.resourceVersion()))) {
                ownWrites.remove(key, own);
            }
            if (!echo && !older && !holdBack(key, object)) {
                notifyListeners(object);
            }
        }

        /** Whether the change of an object the operator is writing now is held back until that write ends. */
        private boolean holdBack(String key, T object) {
            synchronized (heldBack) {
                if (writing.contains(key)) {
                    heldBack.put(key, object);
                    return true;
                }
                return false;
            }
        }
    }

    private void notifyListeners(T object) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(object);
            } catch (RuntimeException e) {
                LOGGER.warn("{} {}: handling a change failed: {}", kind, Cache.metaNamespaceKeyFunc(object), e.getMessage(), e);
            }
        }
    }
}
