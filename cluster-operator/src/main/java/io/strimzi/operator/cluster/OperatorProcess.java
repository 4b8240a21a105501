package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.concurrent.CountDownLatch;

/**
 * The long-running operator process: connects to Kubernetes and runs until SIGTERM.
 * The reconcilers are started here once they exist.
 */
final class OperatorProcess {
    private static final Logger LOGGER = LogManager.getLogger(OperatorProcess.class);

    private final ClusterOperatorConfig config;

    OperatorProcess(ClusterOperatorConfig config) {
        this.config = config;
    }

    int runUntilStopped() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            LOGGER.info("Connecting to Kubernetes at {}", client.getMasterUrl());
            LOGGER.info("Kubernetes version {}", client.getKubernetesVersion().getGitVersion());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOGGER.info("Stopping");
                stopped.countDown();
            }, "shutdown"));
            LOGGER.info("Watching namespaces {}", config.namespaces());
            stopped.await();
        }
        return 0;
    }
}
