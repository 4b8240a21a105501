package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.BuildStatus;
import io.strimzi.api.kafka.model.connect.ConnectorPlugin;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.connect.ConnectLogging;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connect.ReferencedResources;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.OpenShiftBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.model.connectbuild.PodBuild;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static java.net.HttpURLConnection.HTTP_CONFLICT;
import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

/**
 * Reconciles one KafkaConnect at a time per resource: validate → deprecation warnings → build (with `.spec.build`) →
 * Connect workload → status. Level-based: each pass reads what exists and writes only what differs.
 *
 * <p>KafkaConnects are read as generic objects of the storage version (v1beta2: with conversion None the API server
 * serves objects written through v1 there too, and v1beta2 holds every v1 field), and each is turned into the model
 * by {@link KafkaConnectReader}: so an object that does not fit the model (possible where no API server validated it)
 * gets a Ready=False condition naming the field, instead of breaking the informer for every resource.
 *
 * <p>Reads: while the controller leads, the KafkaConnect comes from its informer's store (no GET), otherwise from a
 * GET. The status is compared with the status of that same object, and the Deployment read for the build decision is
 * reused for the workload, so an unchanged resource costs one GET each for Deployment, ConfigMap and Service. A cached
 * or earlier read may be stale, so it only ever proves that nothing needs writing: a write starts from a fresh GET
 * (the status write also carries that resourceVersion, and a conflict reads and compares again). Every read of a
 * KafkaConnect comes from the cache, which never goes back in time, so a stale copy only delays a change until the
 * informer's event for it, which reconciles again.
 */
public final class KafkaConnectAssemblyOperator {
    private static final Logger LOGGER = LogManager.getLogger(KafkaConnectAssemblyOperator.class);
    /** Status writes per call that may meet a conflict (a concurrent change) before the reconciliation fails. */
    private static final int STATUS_WRITE_ATTEMPTS = 3;
    /** KafkaConnects as generic objects of the storage version. */
    public static final ResourceDefinitionContext KAFKA_CONNECTS = new ResourceDefinitionContext.Builder()
            .withGroup(KafkaConnect.GROUP).withVersion(KafkaConnect.VERSION).withKind(KafkaConnect.KIND)
            .withPlural(KafkaConnect.PLURAL).withNamespaced(true).build();

    private final Vertx vertx;
    private final KubernetesClient client;
    private final ClusterOperatorConfig config;
    private final Platform platform;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final Blocking blocking;
    private final ConnectBuildOperator buildOperator;
    private final PodBuildBackend podBackend;
    private final OpenShiftBuildBackend openShiftBackend;
    private final ReconcileQueue queue = new ReconcileQueue();
    private final ConnectRestApi connectApi = new ConnectRestApi();
    private final Map<String, Long> retryTimers = new ConcurrentHashMap<>();
    private final StopSignal stop = new StopSignal();
    /** The informer store holding a namespace's KafkaConnects, or null when none covers it (then a GET). */
    private volatile Function<String, Store<GenericKubernetesResource>> connectStores = namespace -> null;

    public KafkaConnectAssemblyOperator(Vertx vertx, KubernetesClient client, ClusterOperatorConfig config,
                                        Platform platform, OperatorMetrics metrics, BuildRetryPolicy retryPolicy, Clock clock) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
        this.platform = platform;
        this.metrics = metrics;
        this.clock = clock;
        this.blocking = new Blocking(vertx);
        EventPublisher events = new EventPublisher(client);
        this.buildOperator = new ConnectBuildOperator(client, blocking, events, metrics, retryPolicy,
                config.connectBuildTimeoutMs(), clock, stop);
        // Which backend runs a build follows from the model's kind of build (see reconcileBuild).
        this.podBackend = new PodBuildBackend(client, blocking, config.operationTimeoutMs());
        this.openShiftBackend = new OpenShiftBuildBackend(client, blocking);
    }

    /** Reconciles the named KafkaConnect; concurrent calls for the same resource are serialised and coalesced. */
    public Future<Void> reconcile(String namespace, String name) {
        Reconciliation r = new Reconciliation(namespace, name);
        return queue.submit(r.key(), () -> reconcileNow(r));
    }

    /**
     * Stops reconciling (on losing leadership or shutting down): no more retries, running reconciliations end their
     * waits at once and write nothing more. A build that runs is left running for the next leader to adopt.
     */
    public void stop() {
        stop.stop();
        retryTimers.values().forEach(vertx::cancelTimer);
        retryTimers.clear();
    }

    public void start() {
        stop.start();
    }

    /**
     * Reads KafkaConnects from these stores from now on (the controller's informers while it leads; null: GET again).
     * A resource missing from a store is treated as gone: the informer's add event reconciles it when it arrives.
     */
    void readConnectsFrom(Function<String, Store<GenericKubernetesResource>> stores) {
        this.connectStores = stores != null ? stores : namespace -> null;
    }

    private GenericKubernetesResource readConnect(Reconciliation r) {
        Store<GenericKubernetesResource> store = connectStores.apply(r.namespace());
        if (store == null) {
            return client.genericKubernetesResources(KAFKA_CONNECTS).inNamespace(r.namespace()).withName(r.name()).get();
        }
        GenericKubernetesResource cached = store.getByKey(Cache.namespaceKeyFunc(r.namespace(), r.name()));
        // A copy: the informer shares its objects with every reader.
        return cached != null ? client.getKubernetesSerialization().clone(cached) : null;
    }

    private Future<Void> reconcileNow(Reconciliation r) {
        if (stop.isStopped()) {
            return Future.succeededFuture();
        }
        metrics.reconciliation(KafkaConnect.KIND);
        return blocking.run(() -> readConnect(r))
                .compose(connect -> {
                    if (connect == null || connect.getMetadata().getDeletionTimestamp() != null) {
                        LOGGER.debug("{}: gone; its objects are garbage-collected through their owner references", r);
                        cancelRetry(r);
                        return Future.succeededFuture();
                    }
                    return reconcile(r, connect);
                })
                .recover(e -> {
                    // A request cut off by the operator's own shutdown is no failure of the resource.
                    if (e instanceof StopSignal.OperatorStoppedException || stop.isStopped()) {
                        LOGGER.info("{}: the operator was stopped; the reconciliation ends here ({})", r, e.getMessage());
                        return Future.succeededFuture();
                    }
                    metrics.reconciliationFailed(KafkaConnect.KIND);
                    LOGGER.error("{}: reconciliation failed: {}", r, e.getMessage(), e);
                    return Future.failedFuture(e);
                });
    }

    private Future<Void> reconcile(Reconciliation r, GenericKubernetesResource resource) {
        // What this reconciliation last knew to be stored: each status write compares with it and replaces it.
        AtomicReference<GenericKubernetesResource> stored = new AtomicReference<>(resource);
        Long generation = resource.getMetadata().getGeneration();
        KafkaConnect connect;
        List<ReferencedResources.Ref> refs;
        try {
            // Validation first: reading (structure, both versions), then the Secrets and ConfigMaps the pods use.
            connect = KafkaConnectReader.read(resource);
            refs = KafkaConnectCluster.references(connect, config);
        } catch (InvalidResourceException e) {
            return invalid(r, generation, stored, e);
        }
        return blocking.run(() -> ReferencedResourcesReader.read(client, r.namespace(), refs))
                .compose(referenced -> reconcile(r, connect, referenced, generation, stored));
    }

    private Future<Void> invalid(Reconciliation r, Long generation, AtomicReference<GenericKubernetesResource> stored,
                                 InvalidResourceException e) {
        LOGGER.warn("{}: invalid resource: {}", r, e.getMessage());
        return writeStatus(r, generation, stored, StatusConditions.notReady(ConditionReasons.INVALID_RESOURCE, e.getMessage()),
                List.of(), null, null, null);
    }

    private Future<Void> reconcile(Reconciliation r, KafkaConnect connect, ReferencedResources referenced, Long generation,
                                   AtomicReference<GenericKubernetesResource> stored) {
        KafkaConnectBuild build;
        try {
            // The workload model with what the pods reference, then the build model.
            KafkaConnectCluster.fromCrd(connect, config, null, Map.of(), referenced);
            build = connect.getSpec().getBuild() != null ? KafkaConnectBuild.fromCrd(connect, config, platform) : null;
        } catch (InvalidResourceException e) {
            return invalid(r, generation, stored, e);
        }
        List<Condition> warnings = build != null ? build.warnings() : List.of();
        for (Condition w : warnings) {
            LOGGER.warn("{}: {}: {}", r, w.getReason(), w.getMessage());
        }
        if (build == null) {
            // The platform is fixed for the operator's life: on OpenShift builds run as OpenShift Builds, except the
            // layer builder's, which run in Pods there too.
            Future<Void> deleted = buildOperator.deleteBuild(r, platform == Platform.OPENSHIFT ? openShiftBackend : podBackend);
            if (platform == Platform.OPENSHIFT && config.featureGates().useConnectBuildWithLayerAppend()) {
                deleted = deleted.compose(v -> buildOperator.deleteBuild(r, podBackend));
            }
            return deleted.compose(v -> reconcileWorkload(r, connect, null, Map.of(), null, referenced))
                    .compose(workload -> writeStatus(r, generation, stored, StatusConditions.ready(), warnings, null,
                            workload.deployment(), workload.plugins()));
        }
        return blocking.run(() -> client.apps().deployments().inNamespace(r.namespace())
                        .withName(KafkaConnectCluster.deploymentName(r.name())).get())
                .compose(current -> reconcileBuild(r, connect, build, current,
                        running -> writeStatus(r, generation, stored, StatusConditions.notReady(ConditionReasons.BUILD_RUNNING,
                                "Building the Connect image (revision " + running.getRevision() + ") with "
                                        + running.getBuilder() + " in " + running.getPodName()), warnings, running, current, null))
                        .compose(result -> {
                            if (!result.succeeded()) {
                                scheduleRetry(r, result.retryAfter());
                                // The Deployment keeps its image: the running Connect cluster is not touched.
                                return writeStatus(r, generation, stored, StatusConditions.notReady(result.failureReason(),
                                        result.failureMessage()), warnings, result.status(), current, null);
                            }
                            cancelRetry(r);
                            Map<String, String> annotations = new LinkedHashMap<>();
                            annotations.put(BuildNames.REVISION_ANNOTATION, result.revision());
                            annotations.put(BuildNames.IMAGE_ANNOTATION, result.image());
                            return reconcileWorkload(r, connect, result.image(), annotations, current, referenced)
                                    .compose(workload -> writeStatus(r, generation, stored, StatusConditions.ready(), warnings,
                                            result.status(), workload.deployment(), workload.plugins()));
                        }));
    }

    /** The build step, by the backend that runs this kind of build. */
    private Future<ConnectBuildOperator.Result> reconcileBuild(Reconciliation r, KafkaConnect connect, KafkaConnectBuild build,
                                                               Deployment current, Function<BuildStatus, Future<Void>> onRunning) {
        if (build instanceof PodBuild pod) {
            return buildOperator.reconcile(r, connect, pod, podBackend, current, onRunning);
        }
        return buildOperator.reconcile(r, connect, (OpenShiftBuild) build, openShiftBackend, current, onRunning);
    }

    /**
     * Writes the ServiceAccount, ConfigMap, Service, PodDisruptionBudget and Deployment where they differ; returns the
     * Deployment as stored.
     *
     * @param seenDeployment the Deployment as read earlier in this reconciliation, or null: spares its second GET
     *                       when it already is as desired
     */
    private Future<Workload> reconcileWorkload(Reconciliation r, KafkaConnect connect, String image, Map<String, String> annotations,
                                               Deployment seenDeployment, ReferencedResources referenced) {
        KafkaConnectCluster cluster = KafkaConnectCluster.fromCrd(connect, config, image, annotations, referenced);
        return blocking.run(() -> {
            stop.check();
            String ns = r.namespace();
            boolean written = ResourceWriter.apply(client.serviceAccounts().inNamespace(ns), cluster.serviceAccount()).written();
            written |= ResourceWriter.apply(client.configMaps().inNamespace(ns), cluster.configMap()).written();
            written |= ResourceWriter.apply(client.services().inNamespace(ns), cluster.service()).written();
            written |= ResourceWriter.apply(client.policy().v1().podDisruptionBudget().inNamespace(ns),
                    cluster.podDisruptionBudget()).written();
            ResourceWriter.Applied<Deployment> deployment = ResourceWriter.apply(client.apps().deployments().inNamespace(ns),
                    cluster.deployment(), seenDeployment);
            written |= deployment.written();
            if (written) {
                LOGGER.info("{}: updated the Connect workload (image {})", r, cluster.image());
            }
            // Pods running: their REST API gets the logger levels and reports the plugins (not an error otherwise).
            List<ConnectorPlugin> plugins = cluster.replicas() == 0 ? null
                    : connectApi.observe(r, KafkaConnectCluster.restApiUrl(ns, r.name()),
                            ConnectLogging.levels(cluster.loggingConfiguration())).plugins().orElse(null);
            return new Workload(deployment.resource(), plugins);
        });
    }

    /** The Deployment as stored, and the plugins the REST API reported (null when it did not answer). */
    private record Workload(Deployment deployment, List<ConnectorPlugin> plugins) {
    }

    /**
     * Writes the status when it differs from the stored one; `lastTransitionTime` moves only on a transition.
     *
     * @param stored     the KafkaConnect as this reconciliation last saw it (from the informer's cache, a GET or its own
     *                   last status write). When its status is already the desired one nothing is written. Otherwise
     *                   the cache may just lag behind a write, so the comparison is made again with a fresh GET; the write
     *                   carries that resourceVersion, so a concurrent change makes it fail with a conflict instead of
     *                   being overwritten, and is then compared again. The status subresource ignores the spec.
     * @param deployment the Connect Deployment as stored (null when there is none or the resource is invalid): its
     *                   `.status.replicas`, the Pods that exist, becomes `.status.replicas`, as the scale subresource of
     *                   a Deployment reports it. It is what was observed, not the desired count; a Deployment without a
     *                   status yet counts 0. It is read on each reconcile (the operator does not watch Deployments),
     *                   so a change of it never causes a write by itself.
     */
    private Future<Void> writeStatus(Reconciliation r, Long generation, AtomicReference<GenericKubernetesResource> stored,
                                     Condition ready, List<Condition> warnings, BuildStatus build, Deployment deployment,
                                     List<ConnectorPlugin> plugins) {
        return blocking.run(() -> {
            stop.check();
            if (desiredStatus(r, generation, KafkaConnectReader.status(stored.get()), ready, warnings, build, deployment, plugins) == null) {
                return null;
            }
            var resources = client.genericKubernetesResources(KAFKA_CONNECTS).inNamespace(r.namespace());
            for (int attempt = 1; ; attempt++) {
                GenericKubernetesResource latest = resources.withName(r.name()).get();
                if (latest == null) {
                    return null;
                }
                stored.set(latest);
                KafkaConnectStatus status = desiredStatus(r, generation, KafkaConnectReader.status(latest), ready, warnings, build,
                        deployment, plugins);
                if (status == null) {
                    return null;
                }
                latest.setAdditionalProperty("status", client.getKubernetesSerialization().convertValue(status, Map.class));
                try {
                    stored.set(resources.resource(latest).updateStatus());
                    LOGGER.info("{}: status {}={}{}", r, ready.getType(), ready.getStatus(),
                            ready.getReason() != null ? " (" + ready.getReason() + ")" : "");
                    return null;
                } catch (KubernetesClientException e) {
                    if (e.getCode() == HTTP_NOT_FOUND) {
                        return null;
                    }
                    if (e.getCode() != HTTP_CONFLICT || attempt == STATUS_WRITE_ATTEMPTS) {
                        throw e;
                    }
                    LOGGER.debug("{}: the KafkaConnect changed while its status was written; reading it again", r);
                }
            }
        });
    }

    /** The status to write over `current` (the stored one), or null when that one already is it. */
    private KafkaConnectStatus desiredStatus(Reconciliation r, Long generation, KafkaConnectStatus current, Condition ready,
                                             List<Condition> warnings, BuildStatus build, Deployment deployment,
                                             List<ConnectorPlugin> plugins) {
        List<Condition> desired = new ArrayList<>();
        desired.add(ready);
        desired.addAll(warnings);
        KafkaConnectStatus status = new KafkaConnectStatus();
        status.setConditions(StatusConditions.withTransitionTimes(desired, current != null ? current.getConditions() : null,
                clock.instant()));
        status.setObservedGeneration(generation);
        // An invalid resource has no URL, replicas or selector to report.
        if (!ConditionReasons.INVALID_RESOURCE.equals(ready.getReason())) {
            status.setUrl(KafkaConnectCluster.restApiUrl(r.namespace(), r.name()));
            status.setReplicas(deployment != null && deployment.getStatus() != null
                    && deployment.getStatus().getReplicas() != null ? deployment.getStatus().getReplicas() : 0);
            status.setLabelSelector(KafkaConnectCluster.labelSelector(r.name()));
            // What the REST API last reported, until it answers again.
            status.setConnectorPlugins(plugins != null ? plugins : current != null ? current.getConnectorPlugins() : null);
        }
        status.setBuild(carriedBuildStatus(build, current != null ? current.getBuild() : null));
        return Objects.equals(status, current) ? null : status;
    }

    /**
     * A succeeded build's status as stored (with its Pod, start and finish times) when it describes the same image:
     * a later reconciliation, possibly working from a cached copy that predates that status, only knows the revision
     * and the image, and must not replace the stored details with less.
     */
    private static BuildStatus carriedBuildStatus(BuildStatus desired, BuildStatus stored) {
        if (desired != null && stored != null && "Succeeded".equals(desired.getPhase()) && "Succeeded".equals(stored.getPhase())
                && Objects.equals(desired.getRevision(), stored.getRevision()) && Objects.equals(desired.getImage(), stored.getImage())) {
            return stored;
        }
        return desired;
    }

    private void scheduleRetry(Reconciliation r, Duration after) {
        if (after == null || stop.isStopped()) {
            return;
        }
        cancelRetry(r);
        long id = vertx.setTimer(Math.max(1, after.toMillis()), t -> {
            retryTimers.remove(r.key());
            reconcile(r.namespace(), r.name());
        });
        retryTimers.put(r.key(), id);
    }

    private void cancelRetry(Reconciliation r) {
        Long id = retryTimers.remove(r.key());
        if (id != null) {
            vertx.cancelTimer(id);
        }
    }
}
