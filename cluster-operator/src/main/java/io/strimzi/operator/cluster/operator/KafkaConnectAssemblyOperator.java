package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orchestrates the reconciliation of KafkaConnects: one at a time per resource ({@link ReconcileQueue}), each the
 * sequence of {@link ConnectReconciliation} with the operator's {@link ReconcileSteps}. Level-based: each pass reads what
 * exists and writes only what differs.
 *
 * <p>Reads come from {@link ClusterCaches}, which {@link #start} fills and keeps current: the KafkaConnect, its
 * Deployment, ConfigMap, Service, build Pod and the build's inputs. An unchanged resource costs no request. Every change
 * by someone else of a KafkaConnect or of an object it owns (an edit, a deletion, a build Pod's progress) reconciles that
 * KafkaConnect at once; the periodic full reconciliation ({@link #reconcileAll}) is a safety net.
 *
 * <p>KafkaConnects are read as generic objects of the storage version (v1beta2: with conversion None the API server
 * serves objects written through v1 there too, and v1beta2 holds every v1 field), and each is turned into the model
 * by {@link KafkaConnectReader}: so an object that does not fit the model gets a Ready=False condition naming the field,
 * instead of breaking the informer for every resource.
 *
 * <p>A reconciliation that fails (the API server refused or did not answer) is retried with a back-off per resource
 * (1 s, doubling to {@link #MAX_FAILURE_BACKOFF}) and, where the API server lets it, says so in the status.
 */
public final class KafkaConnectAssemblyOperator {
    private static final Logger LOGGER = LogManager.getLogger(KafkaConnectAssemblyOperator.class);
    /** KafkaConnects as generic objects of the storage version. */
    public static final ResourceDefinitionContext KAFKA_CONNECTS = new ResourceDefinitionContext.Builder()
            .withGroup(KafkaConnect.GROUP).withVersion(KafkaConnect.VERSION).withKind(KafkaConnect.KIND)
            .withPlural(KafkaConnect.PLURAL).withNamespaced(true).build();
    static final BuildRetryPolicy FAILURE_BACKOFF = new BuildRetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5));
    static final Duration MAX_FAILURE_BACKOFF = FAILURE_BACKOFF.max();

    private final KubernetesClient client;
    private final ClusterOperatorConfig config;
    private final Platform platform;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final Blocking blocking;
    private final ClusterCaches caches;
    private final ConnectBuildOperator buildOperator;
    private final StatusWriter statusWriter;
    private final ReconcileTimers timers;
    private final ReconcileSteps.Services services;
    private final ReconcileQueue queue = new ReconcileQueue();
    private final StopSignal stop = new StopSignal();
    /** Consecutive failed reconciliations per resource, for their back-off. */
    private final Map<String, Integer> failedReconciliations = new ConcurrentHashMap<>();
    /** Until when a failed resource waits for its next attempt, and the generation that failed. */
    private final Map<String, BackOff> backOffs = new ConcurrentHashMap<>();

    private record BackOff(java.time.Instant until, Long generation) {
    }
    private volatile Promise<Void> started = Promise.promise();
    private volatile boolean running;

    public KafkaConnectAssemblyOperator(Vertx vertx, KubernetesClient client, ClusterOperatorConfig config,
                                        Platform platform, OperatorMetrics metrics, BuildRetryPolicy retryPolicy, Clock clock) {
        this.client = client;
        this.config = config;
        this.platform = platform;
        this.metrics = metrics;
        this.clock = clock;
        this.blocking = new Blocking(vertx);
        this.caches = new ClusterCaches(client, vertx, platform, List.copyOf(config.namespaces()));
        OwnedResources resources = new OwnedResources(client, caches, stop);
        this.buildOperator = new ConnectBuildOperator(client, new EventPublisher(client), metrics, retryPolicy,
                config.connectBuildTimeoutMs(), clock, stop);
        this.statusWriter = new StatusWriter(client, caches, resources, clock, stop);
        this.timers = new ReconcileTimers(vertx, clock, r -> reconcile(r.namespace(), r.name()));
        PodBuildBackend podBackend = new PodBuildBackend(client, resources, caches.of(OwnedKinds.BUILD_PODS), config.operationTimeoutMs());
        OpenShiftBuildBackend openShiftBackend = new OpenShiftBuildBackend(client, resources, caches.of(OwnedKinds.BUILDS));
        // The platform is fixed for the operator's life: on OpenShift builds run as OpenShift Builds.
        // The platform is fixed for the operator's life: on OpenShift builds run as OpenShift Builds, except the layer
        // builder's, which run in Pods there too.
        List<BuildBackend<?>> buildBackends = platform == Platform.KUBERNETES ? List.of(podBackend)
                : config.featureGates().useConnectBuildWithLayerAppend() ? List.of(openShiftBackend, podBackend) : List.of(openShiftBackend);
        this.services = new ReconcileSteps.Services(client, blocking, resources, statusWriter, buildOperator, podBackend,
                openShiftBackend, buildBackends, new ConnectRestApi(), timers, stop);
        caches.onChange((namespace, name) -> {
            if (running && !backingOff(namespace, name)) {
                reconcile(namespace, name);
            }
        });
        metrics.countBuildsInProgress(() -> running ? runningBuilds() : 0);
    }

    /**
     * Starts the caches and, once every one has listed its objects, reconciles every KafkaConnect they hold; from then
     * on every change reconciles the KafkaConnect concerned. Completes when the caches are filled.
     */
    public synchronized Future<Void> start() {
        stop.start();
        Promise<Void> ready = Promise.promise();
        started = ready;
        caches.start().whenComplete((v, e) -> {
            if (stoppedSince(ready)) {
                // Stopped before the caches were filled (leadership lost, shutdown): their failure is the stop's.
                ready.tryFail(new StopSignal.OperatorStoppedException());
                return;
            }
            if (e != null) {
                ready.tryFail(e);
                return;
            }
            running = true;
            // Again after publishing it: stop() signals before it clears running, so one of the two sees the other.
            if (stoppedSince(ready)) {
                running = false;
                ready.tryFail(new StopSignal.OperatorStoppedException());
                return;
            }
            ready.tryComplete();
            LOGGER.info("Caches filled: {} KafkaConnects", caches.connects().list().size());
            reconcileAll();
        });
        return ready.future();
    }

    /** Whether the operator was stopped (or started again) since the start that made this promise. */
    private boolean stoppedSince(Promise<Void> ready) {
        return started != ready || stop.isStopped();
    }

    /**
     * Stops reconciling (on losing leadership or shutting down): the caches stop, no more retries, and running
     * reconciliations write nothing more. A build that runs is left running for the next leader to adopt.
     */
    public synchronized void stop() {
        stop.stop();
        running = false;
        timers.cancelAll();
        // Without their timers, back-offs would hold resources back from the next start's full reconciliation.
        backOffs.clear();
        caches.stop();
        started.tryFail(new StopSignal.OperatorStoppedException());
    }

    /** Reconciles the named KafkaConnect; concurrent calls for the same resource are serialised and coalesced. */
    public Future<Void> reconcile(String namespace, String name) {
        Reconciliation r = new Reconciliation(namespace, name);
        Future<Void> ready = started.future();
        return queue.submit(r.key(), () -> ready.compose(v -> reconcileNow(r), e -> Future.succeededFuture()));
    }

    /**
     * Reconciles every KafkaConnect in the caches (the periodic full reconciliation), and the owner of every
     * cluster-scoped object whose KafkaConnect is gone (deleted while no operator ran), which deletes the object.
     * Resources waiting for the back-off of a failed reconciliation are left to its timer.
     */
    public Future<Void> reconcileAll() {
        List<Future<Void>> reconciliations = new ArrayList<>();
        java.util.Set<String> owners = new java.util.LinkedHashSet<>();
        for (GenericKubernetesResource kc : caches.connects().list()) {
            owners.add(kc.getMetadata().getNamespace() + "/" + kc.getMetadata().getName());
        }
        for (OwnedKind<?> kind : caches.clusterScopedKinds()) {
            caches.of(kind).list().forEach(object -> {
                String owner = ResourceCache.ownerKey(object);
                // Only of the namespaces this operator watches: another operator may own the others.
                if (owner != null && owner.indexOf('/') > 0 && caches.connects().covers(owner.substring(0, owner.indexOf('/')))) {
                    owners.add(owner);
                }
            });
        }
        for (String owner : owners) {
            int slash = owner.indexOf('/');
            if (backingOff(owner.substring(0, slash), owner.substring(slash + 1))) {
                continue;
            }
            reconciliations.add(reconcile(owner.substring(0, slash), owner.substring(slash + 1)));
        }
        return Future.join(reconciliations).mapEmpty();
    }

    /** The caches (tests wait on them to know what the operator has seen). */
    ClusterCaches caches() {
        return caches;
    }

    /** Whether the caches are filled and changes are being followed. */
    public boolean isRunning() {
        return running;
    }

    private GenericKubernetesResource readConnect(Reconciliation r) {
        ResourceCache<GenericKubernetesResource> cache = caches.connects();
        if (cache.covers(r.namespace())) {
            return cache.get(r.namespace(), r.name());
        }
        try {
            return client.genericKubernetesResources(KAFKA_CONNECTS).inNamespace(r.namespace()).withName(r.name()).get();
        } catch (KubernetesClientException e) {
            throw new KubernetesRequestException("reading KafkaConnect " + r.key(), e);
        }
    }

    private Future<Void> reconcileNow(Reconciliation r) {
        if (stop.isStopped()) {
            return Future.succeededFuture();
        }
        metrics.reconciliation(KafkaConnect.KIND);
        return blocking.run(() -> readConnect(r))
                .compose(resource -> {
                    if (resource == null || resource.getMetadata().getDeletionTimestamp() != null) {
                        LOGGER.debug("{}: gone; its objects are garbage-collected through their owner references", r);
                        timers.cancel(r);
                        buildOperator.forget(r);
                        services.connectApi().forget(r);
                        failedReconciliations.remove(r.key());
                        backOffs.remove(r.key());
                        // Except the cluster-scoped ones, which cannot have an owner reference (those of its namespaces).
                        if (!caches.connects().covers(r.namespace())) {
                            return Future.succeededFuture();
                        }
                        return blocking.run(() -> services.resources().deleteClusterScoped(r)).mapEmpty();
                    }
                    return ConnectReconciliation.run(() -> KafkaConnectReader.read(resource), config, platform,
                                    new ReconcileSteps(r, resource, services))
                            .onSuccess(v -> {
                                failedReconciliations.remove(r.key());
                                backOffs.remove(r.key());
                            })
                            .recover(e -> failed(r, resource, e));
                })
                .recover(e -> {
                    // A request cut off by the operator's own shutdown is no failure of the resource.
                    if (e instanceof StopSignal.OperatorStoppedException || stop.isStopped()) {
                        LOGGER.info("{}: the operator was stopped; the reconciliation ends here ({})", r, e.getMessage());
                        return Future.succeededFuture();
                    }
                    return Future.failedFuture(e);
                });
    }

    /**
     * Whether a change event of the resource waits for the back-off of its failed reconciliation (whose timer reconciles
     * it then): until that time, only a new generation of the KafkaConnect (a change of its spec) reconciles it at once.
     * Other events (the echo of the failure's own status write, an owned object's change) would otherwise start attempts
     * early, against an API server that is failing.
     */
    private boolean backingOff(String namespace, String name) {
        BackOff backOff = backOffs.get(namespace + "/" + name);
        if (backOff == null || !clock.instant().isBefore(backOff.until())) {
            return false;
        }
        GenericKubernetesResource current = caches.connects().get(namespace, name);
        return current != null && java.util.Objects.equals(current.getMetadata().getGeneration(), backOff.generation());
    }

    /** A failed reconciliation: logged, said in the status where possible, and retried after a back-off. */
    private Future<Void> failed(Reconciliation r, GenericKubernetesResource resource, Throwable e) {
        if (e instanceof StopSignal.OperatorStoppedException || stop.isStopped()) {
            // Stopped meanwhile (its client may be closed already): the next leader reconciles.
            return Future.failedFuture(new StopSignal.OperatorStoppedException());
        }
        metrics.reconciliationFailed(KafkaConnect.KIND);
        int failures = failedReconciliations.merge(r.key(), 1, Integer::sum);
        Duration delay = FAILURE_BACKOFF.delayAfter(failures);
        if (e instanceof KubernetesRequestException request && request.retryAfter() != null && request.retryAfter().compareTo(delay) > 0) {
            delay = request.retryAfter();
        }
        java.time.Instant next = clock.instant().plus(delay);
        backOffs.put(r.key(), new BackOff(next, resource.getMetadata().getGeneration()));
        if (e instanceof KubernetesRequestException) {
            LOGGER.error("{}: reconciliation failed: {}; next attempt at {}", r, e.getMessage(), next);
        } else {
            LOGGER.error("{}: reconciliation failed: {}; next attempt at {}", r, e.getMessage(), next, e);
        }
        timers.at(r, next);
        String message = e.getMessage() + " (next attempt at " + next.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
        return blocking.run(() -> {
            statusWriter.writeFailure(r, resource, message);
            return null;
        }).otherwise(statusError -> {
            LOGGER.warn("{}: could not write the status either: {}", r, statusError.getMessage());
            return null;
        }).compose(v -> Future.failedFuture(e));
    }

    private int runningBuilds() {
        int count = 0;
        ResourceCache<io.fabric8.kubernetes.api.model.Pod> pods = caches.of(OwnedKinds.BUILD_PODS);
        if (pods != null) {
            count += (int) pods.list().stream().filter(PodBuildBackend::isRunning).count();
        }
        ResourceCache<GenericKubernetesResource> builds = caches.of(OwnedKinds.BUILDS);
        if (builds != null) {
            count += (int) builds.list().stream().filter(OpenShiftBuildBackend::isRunning).count();
        }
        return count;
    }
}
