package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.strimzi.operator.cluster.operator.BuildRetryPolicy;
import io.strimzi.operator.cluster.operator.HealthServer;
import io.strimzi.operator.cluster.operator.KafkaConnectAssemblyOperator;
import io.strimzi.operator.cluster.operator.KafkaConnectController;
import io.strimzi.operator.cluster.operator.OperatorMetrics;
import io.strimzi.operator.cluster.operator.PlatformDetector;
import io.vertx.core.Vertx;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The long-running operator process: connects to Kubernetes, serves health and metrics, joins leader election and
 * reconciles KafkaConnect resources while leading. SIGTERM releases the Lease and stops cleanly.
 */
final class OperatorProcess {
    private static final Logger LOGGER = LogManager.getLogger(OperatorProcess.class);

    private final ClusterOperatorConfig config;

    OperatorProcess(ClusterOperatorConfig config) {
        this.config = config;
    }

    int runUntilStopped() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Vertx vertx = Vertx.vertx();
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            LOGGER.info("Connecting to Kubernetes at {}", client.getMasterUrl());
            LOGGER.info("Kubernetes version {}", client.getKubernetesVersion().getGitVersion());
            Platform platform = PlatformDetector.detect(client);
            LOGGER.info("Platform: {}", platform);
            OperatorMetrics metrics = new OperatorMetrics();
            KafkaConnectAssemblyOperator operator = new KafkaConnectAssemblyOperator(vertx, client, config,
                    platform, metrics, BuildRetryPolicy.DEFAULT, Clock.systemUTC());
            KafkaConnectController controller = new KafkaConnectController(vertx, client, config, operator);
            HealthServer health = new HealthServer(vertx, metrics, controller::isReady);
            int port = health.start(config.healthPort()).toCompletionStage().toCompletableFuture().join();
            LOGGER.info("Health, readiness and metrics on port {}", port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOGGER.info("Stopping");
                stopped.countDown();
                try {
                    cleanedUp.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "shutdown"));
            LOGGER.info("Watching namespaces {} as {}", config.namespaces(), controller.identity());
            controller.start();
            stopped.await();
            controller.stop();
            health.stop();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            cleanedUp.countDown();
        }
        return 0;
    }
}
