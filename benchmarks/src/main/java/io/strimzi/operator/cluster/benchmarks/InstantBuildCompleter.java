package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes build Pods instantly: every new build Pod is marked terminated at once with exit code 0 and the pushed
 * image reference as its termination message, as the Buildah script writes it. Nothing runs (unlike local-cluster's
 * FakeKubelet, which runs a Pod's commands): the operator benchmarks measure the operator, not a build.
 */
final class InstantBuildCompleter implements AutoCloseable {
    private final KubernetesClient client;
    private final ExecutorService writer = Executors.newFixedThreadPool(4);
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final AtomicInteger completed = new AtomicInteger();
    private final Watch watch;

    InstantBuildCompleter(KubernetesClient client, String namespace) {
        this.client = client;
        this.watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED && isBuildPod(pod) && finished.add(pod.getMetadata().getUid())) {
                    writer.execute(() -> finish(pod));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // the benchmark notices missing builds by its own time-out
            }
        });
    }

    int completed() {
        return completed.get();
    }

    private static boolean isBuildPod(Pod pod) {
        return pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey(BuildNames.REVISION_ANNOTATION);
    }

    private void finish(Pod pod) {
        String connect = pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> "KafkaConnect".equals(o.getKind())).map(OwnerReference::getName).findFirst().orElseThrow();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(p -> Connects.terminated(p, Connects.imageReference(connect, 0)));
        completed.incrementAndGet();
    }

    @Override
    public void close() throws InterruptedException {
        // Closing right after an event can stall the mock server (see the shared notes); builds are long done here.
        Thread.sleep(250);
        watch.close();
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
