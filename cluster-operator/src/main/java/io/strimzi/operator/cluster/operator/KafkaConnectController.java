package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Drives the assembly operator while this replica holds the leader Lease: informers on KafkaConnect in the watched
 * namespaces and a periodic full reconciliation. Losing the Lease stops both; another replica takes over.
 */
public final class KafkaConnectController {
    public static final String LEASE_NAME = "strimzi-cluster-operator";
    private static final Logger LOGGER = LogManager.getLogger(KafkaConnectController.class);

    private final Vertx vertx;
    private final KubernetesClient client;
    private final ClusterOperatorConfig config;
    private final KafkaConnectAssemblyOperator operator;
    private final String identity;
    private final Duration leaseDuration;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private volatile boolean leading;
    private volatile boolean synced;
    private long periodicTimer = -1;
    private CompletableFuture<?> election;

    public KafkaConnectController(Vertx vertx, KubernetesClient client, ClusterOperatorConfig config,
                                  KafkaConnectAssemblyOperator operator, Duration leaseDuration) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
        this.operator = operator;
        this.identity = config.leaderIdentity() != null ? config.leaderIdentity() : "operator-" + UUID.randomUUID();
        this.leaseDuration = leaseDuration;
    }

    /** Joins leader election; reconciling starts when this replica leads. */
    public void start() {
        Duration renew = leaseDuration.multipliedBy(2).dividedBy(3);
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(LEASE_NAME)
                .withLock(new LeaseLock(config.leaseNamespace(), LEASE_NAME, identity))
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(renew)
                .withRetryPeriod(leaseDuration.dividedBy(5))
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
                        leader -> LOGGER.info("The leader is now {}", leader)))
                .build()).build().start();
    }

    /** Leaves leader election (releasing the Lease) and stops reconciling. */
    public void stop() {
        if (election != null) {
            election.cancel(true);
        }
        stopLeading();
    }

    public boolean isLeading() {
        return leading;
    }

    /** Ready: a follower is ready to take over; a leader once its informers have synced. */
    public boolean isReady() {
        return !leading || synced;
    }

    public String identity() {
        return identity;
    }

    private synchronized void startLeading() {
        LOGGER.info("{} became the leader; watching KafkaConnect in {}", identity, config.namespaces());
        leading = true;
        operator.start();
        ResourceEventHandler<GenericKubernetesResource> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource kc) {
                enqueue(kc);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource kc) {
                enqueue(kc);
            }

            @Override
            public void onDelete(GenericKubernetesResource kc, boolean deletedFinalStateUnknown) {
                enqueue(kc);
            }
        };
        // Generic objects: the operator reads each one into the model itself, so that one it cannot read gets a
        // condition saying why instead of breaking the informer (see KafkaConnectAssemblyOperator).
        var resources = client.genericKubernetesResources(KafkaConnectAssemblyOperator.KAFKA_CONNECTS);
        long resync = config.fullReconciliationIntervalMs();
        Map<String, SharedIndexInformer<GenericKubernetesResource>> byNamespace = new HashMap<>();
        if (config.watchesAnyNamespace()) {
            informers.add(resources.inAnyNamespace().runnableInformer(resync));
        } else {
            for (String ns : config.namespaces()) {
                SharedIndexInformer<GenericKubernetesResource> informer = resources.inNamespace(ns).runnableInformer(resync);
                informers.add(informer);
                byNamespace.put(ns, informer);
            }
        }
        // The operator reads KafkaConnects from these stores before they fill, so that every read of this term comes
        // from them and never goes back in time; what is not there yet is reconciled by its add event.
        SharedIndexInformer<GenericKubernetesResource> anyNamespace = config.watchesAnyNamespace() ? informers.get(0) : null;
        operator.readConnectsFrom(ns -> {
            SharedIndexInformer<GenericKubernetesResource> informer = anyNamespace != null ? anyNamespace : byNamespace.get(ns);
            return informer != null ? informer.getStore() : null;
        });
        for (SharedIndexInformer<GenericKubernetesResource> informer : informers) {
            informer.addEventHandler(handler);
            informer.run();
        }
        synced = true;
        periodicTimer = vertx.setPeriodic(config.fullReconciliationIntervalMs(), id -> fullReconciliation());
    }

    private synchronized void stopLeading() {
        if (!leading) {
            return;
        }
        LOGGER.info("{} stopped leading", identity);
        leading = false;
        synced = false;
        operator.stop();
        operator.readConnectsFrom(null);
        if (periodicTimer >= 0) {
            vertx.cancelTimer(periodicTimer);
            periodicTimer = -1;
        }
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
    }

    /**
     * Reconciles every KafkaConnect the informers know, so that drift is repaired without an event. The result
     * completes when all of them have (the periodic timer ignores it; each failure is logged by the operator).
     */
    Future<Void> fullReconciliation() {
        List<Future<Void>> reconciliations = new ArrayList<>();
        for (SharedIndexInformer<GenericKubernetesResource> informer : List.copyOf(informers)) {
            informer.getStore().list().forEach(kc -> reconciliations.add(enqueue(kc)));
        }
        return Future.join(reconciliations).mapEmpty();
    }

    private Future<Void> enqueue(GenericKubernetesResource kc) {
        if (leading) {
            return operator.reconcile(kc.getMetadata().getNamespace(), kc.getMetadata().getName());
        }
        return Future.succeededFuture();
    }
}
