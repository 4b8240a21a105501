package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Drives the assembly operator while this replica holds the leader Lease: the operator's caches (and with them the
 * reconciliation of every change) and one periodic full reconciliation. The informers do not resync: the periodic pass
 * is the only one, and it reads from the caches. Losing the Lease stops both; another replica takes over.
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
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private volatile boolean leading;
    private long periodicTimer = -1;
    private CompletableFuture<?> election;

    /** With the configuration's Lease timings. */
    public KafkaConnectController(Vertx vertx, KubernetesClient client, ClusterOperatorConfig config, KafkaConnectAssemblyOperator operator) {
        this(vertx, client, config, operator, Duration.ofMillis(config.leaseDurationMs()), Duration.ofMillis(config.leaseRenewDeadlineMs()),
                Duration.ofMillis(config.leaseRetryPeriodMs()));
    }

    /** With a Lease duration of its own, renewed within 2/3 of it and retried every 1/5 (tests). */
    public KafkaConnectController(Vertx vertx, KubernetesClient client, ClusterOperatorConfig config,
                                  KafkaConnectAssemblyOperator operator, Duration leaseDuration) {
        this(vertx, client, config, operator, leaseDuration, leaseDuration.multipliedBy(2).dividedBy(3), leaseDuration.dividedBy(5));
    }

    private KafkaConnectController(Vertx vertx, KubernetesClient client, ClusterOperatorConfig config, KafkaConnectAssemblyOperator operator,
                                   Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
        this.operator = operator;
        this.identity = config.leaderIdentity() != null ? config.leaderIdentity() : "operator-" + UUID.randomUUID();
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.retryPeriod = retryPeriod;
    }

    /** Joins leader election; reconciling starts when this replica leads. */
    public void start() {
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(LEASE_NAME)
                .withLock(new LeaseLock(config.leaseNamespace(), LEASE_NAME, identity))
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(renewDeadline)
                .withRetryPeriod(retryPeriod)
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

    /** Ready: a follower is ready to take over; a leader once its caches are filled. */
    public boolean isReady() {
        return !leading || operator.isRunning();
    }

    public String identity() {
        return identity;
    }

    private synchronized void startLeading() {
        LOGGER.info("{} became the leader; watching KafkaConnect in {}", identity, config.namespaces());
        leading = true;
        operator.start().onFailure(e -> {
            if (e instanceof StopSignal.OperatorStoppedException) {
                LOGGER.info("{}: stopped before its caches were filled", identity);
            } else {
                LOGGER.error("{}: the caches could not start: {}", identity, e.getMessage(), e);
            }
        });
        periodicTimer = vertx.setPeriodic(config.fullReconciliationIntervalMs(), id -> fullReconciliation());
    }

    private synchronized void stopLeading() {
        if (!leading) {
            return;
        }
        LOGGER.info("{} stopped leading", identity);
        leading = false;
        if (periodicTimer >= 0) {
            vertx.cancelTimer(periodicTimer);
            periodicTimer = -1;
        }
        operator.stop();
    }

    /**
     * Reconciles every KafkaConnect the caches know, so that what no event reported is repaired too. The result completes
     * when all of them have (the periodic timer ignores it; each failure is logged by the operator).
     */
    Future<Void> fullReconciliation() {
        return leading ? operator.reconcileAll() : Future.succeededFuture();
    }
}
