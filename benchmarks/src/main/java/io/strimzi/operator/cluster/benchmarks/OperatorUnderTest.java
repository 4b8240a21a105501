package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.operator.BuildRetryPolicy;
import io.strimzi.operator.cluster.operator.KafkaConnectAssemblyOperator;
import io.strimzi.operator.cluster.operator.KafkaConnectController;
import io.strimzi.operator.cluster.operator.OperatorMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator wired as OperatorProcess wires it (Vert.x with its defaults, the real build model, leader election,
 * informers), with its own client whose requests are counted.
 */
final class OperatorUnderTest implements AutoCloseable {
    private static final Duration LEASE_DURATION = Duration.ofSeconds(15);

    final RequestCounter requests = new RequestCounter();
    final OperatorMetrics metrics = new OperatorMetrics();
    final KubernetesClient client;
    final Vertx vertx;
    final KafkaConnectAssemblyOperator operator;
    final KafkaConnectController controller;

    OperatorUnderTest(MockApiServerProcess server, ClusterOperatorConfig config) {
        this.client = server.client(b -> b.addOrReplaceInterceptor(RequestCounter.NAME, requests));
        this.vertx = Vertx.vertx();
        this.operator = new KafkaConnectAssemblyOperator(vertx, client, config, Platform.KUBERNETES,
                metrics, BuildRetryPolicy.DEFAULT, Clock.systemUTC());
        this.controller = new KafkaConnectController(vertx, client, config, operator, LEASE_DURATION);
    }

    /** Joins leader election and waits until this replica leads (its informers then start). */
    void startAndLead() throws InterruptedException {
        controller.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!controller.isLeading()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the operator did not become the leader within 30 s");
            }
            Thread.sleep(20);
        }
    }

    /**
     * One full reconciliation pass, as the controller's periodic timer runs it: every resource enqueued at once.
     * Returns the number of reconciliations that failed.
     */
    int reconcileAll(List<String> names, String namespace) throws InterruptedException {
        List<Future<Void>> futures = new ArrayList<>(names.size());
        for (String name : names) {
            futures.add(operator.reconcile(namespace, name));
        }
        int failed = 0;
        for (Future<Void> f : futures) {
            try {
                f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                failed++;
            }
        }
        return failed;
    }

    /** The value of one of the operator's counters (summed over its tags), 0 before it was first counted. */
    double counter(String name) {
        return metrics.registry().find(name).counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Override
    public void close() {
        controller.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        client.close();
    }
}
