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
 * image reference as its termination message, as the Buildah script writes it; the digest is derived from the KafkaConnect
 * and the build's revision, so each revision has a digest of its own. Nothing runs (unlike local-cluster's
 * FakeKubelet, which runs a Pod's commands): the operator benchmarks measure the operator, not a build.
 */
final class InstantBuildCompleter implements AutoCloseable {
    private final KubernetesClient client;
    private final ExecutorService writer = Executors.newFixedThreadPool(4);
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final AtomicInteger completed = new AtomicInteger();
    private final BuildLedger ledger;
    private final Watch watch;

    InstantBuildCompleter(KubernetesClient client, String namespace) {
        this(client, namespace, new BuildLedger());
    }

    /** Records every build Pod it sees (by KafkaConnect and revision) in the ledger. */
    InstantBuildCompleter(KubernetesClient client, String namespace, BuildLedger ledger) {
        this.client = client;
        this.ledger = ledger;
        this.watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED && isBuildPod(pod) && finished.add(pod.getMetadata().getUid())) {
                    ledger.built(connectOf(pod), pod.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION));
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

    private static String connectOf(Pod pod) {
        return pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> "KafkaConnect".equals(o.getKind())).map(OwnerReference::getName).findFirst().orElseThrow();
    }

    /** Writes the terminated status with the digest of this KafkaConnect's revision (Connects.builtImage). */
    private void finish(Pod pod) {
        String revision = pod.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(p -> Connects.terminated(p, Connects.builtImage(connectOf(pod), revision)));
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
