package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** What the burst and soak benchmarks share: creating many KafkaConnects at once and checking where they ended up. */
final class LoadHarness {
    private LoadHarness() {
    }

    /** Creates the KafkaConnects (variant 0) from 16 threads at once, each expected to be built once. */
    static void createAll(KubernetesClient harness, List<String> names, ClusterOperatorConfig config, BuildLedger ledger) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (String name : names) {
                KafkaConnect kc = Connects.connect(name, 0);
                ledger.expect(name, revision(kc, config));
                created.add(pool.submit(() -> harness.resources(KafkaConnect.class).inNamespace(Connects.NAMESPACE).resource(kc).create()));
            }
            for (Future<?> f : created) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
    }

    static String revision(KafkaConnect kc, ClusterOperatorConfig config) {
        return KafkaConnectBuild.fromCrd(kc, config, Platform.KUBERNETES).revision();
    }

    /**
     * Waits (polling the list every 200 ms) until all n KafkaConnects are Ready with a Succeeded build for their
     * generation; returns the seconds since start, or throws after the time-out with how many were.
     */
    static double awaitAllReady(KubernetesClient harness, int n, long startNanos, long timeoutMs, Runnable whileWaiting) throws InterruptedException {
        long ready = 0;
        while (System.nanoTime() - startNanos < TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
            ready = harness.resources(KafkaConnect.class).inNamespace(Connects.NAMESPACE).list().getItems().stream()
                    .filter(Connects::isReadyAndBuilt).count();
            if (ready == n) {
                return (System.nanoTime() - startNanos) / 1e9;
            }
            whileWaiting.run();
            Thread.sleep(200);
        }
        throw new IllegalStateException("only " + ready + " of " + n + " KafkaConnects were Ready after " + timeoutMs + " ms");
    }

    /**
     * Why KafkaConnects are not done (Connects.notDoneReason) or not on the digest built for their current revision;
     * empty when every one is right.
     */
    static List<String> wrong(KubernetesClient harness, ClusterOperatorConfig config) {
        List<String> wrong = new ArrayList<>(Connects.notDone(harness, config));
        for (KafkaConnect kc : harness.resources(KafkaConnect.class).inNamespace(Connects.NAMESPACE).list().getItems()) {
            String name = kc.getMetadata().getName();
            String expected = Connects.builtImage(name, revision(kc, config));
            Deployment d = harness.apps().deployments().inNamespace(Connects.NAMESPACE).withName(KafkaConnectCluster.deploymentName(name)).get();
            String image = d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            if (!expected.equals(image)) {
                wrong.add(name + ": runs " + image + ", expected " + expected);
            }
        }
        return wrong;
    }

    /** Samples the probe every 250 ms in a daemon thread, keeping the largest of each figure, until stopped. */
    static final class PeakSampler implements AutoCloseable {
        private final AtomicReference<OperatorProbe.Sample> peak = new AtomicReference<>(new OperatorProbe.Sample(0, 0, 0, 0));
        private final Thread thread;

        PeakSampler(OperatorProbe probe) {
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        OperatorProbe.Sample s = probe.sample();
                        peak.accumulateAndGet(s, PeakSampler::max);
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (java.io.IOException e) {
                        // /proc changed under the walk: the next sample counts again
                    }
                }
            }, "peak-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        static OperatorProbe.Sample max(OperatorProbe.Sample a, OperatorProbe.Sample b) {
            return new OperatorProbe.Sample(Math.max(a.heapBytes(), b.heapBytes()), Math.max(a.threads(), b.threads()),
                    Math.max(a.connections(), b.connections()), Math.max(a.watchesOpened(), b.watchesOpened()));
        }

        OperatorProbe.Sample peak() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }
}
