package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches the Pods of a namespace for the whole of a test and remembers every one ever seen (by UID, with each phase
 * it was seen in), and the most that existed at once under one name: so a test can tell that a build ran exactly once,
 * even when its Pod was created and deleted while the test looked elsewhere.
 */
final class PodRecorder implements AutoCloseable {
    private final SharedIndexInformer<Pod> informer;
    private final Map<String, Set<String>> uidsByName = new ConcurrentHashMap<>();
    private final Map<String, List<String>> phasesByUid = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> liveByName = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();

    private PodRecorder(KubernetesClient client, String namespace) {
        informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                seen(newPod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                Set<String> live = liveByName.get(pod.getMetadata().getName());
                if (live != null) {
                    live.remove(pod.getMetadata().getUid());
                }
            }
        }, 0);
    }

    static PodRecorder start(KubernetesClient client, String namespace) {
        return new PodRecorder(client, namespace);
    }

    private synchronized void seen(Pod pod) {
        String name = pod.getMetadata().getName();
        String uid = pod.getMetadata().getUid();
        uidsByName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(uid);
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
        List<String> phases = phasesByUid.computeIfAbsent(uid, u -> new CopyOnWriteArrayList<>());
        if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
            phases.add(phase);
        }
        Set<String> live = liveByName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
        live.add(uid);
        mostAtOnce.computeIfAbsent(name, n -> new AtomicInteger()).accumulateAndGet(live.size(), Math::max);
    }

    /** The UIDs of every Pod of that name seen so far. */
    Set<String> uids(String name) {
        return Set.copyOf(uidsByName.getOrDefault(name, Set.of()));
    }

    /** The phases the Pods of that name were seen in, in order ("" before the kubelet wrote one), Pod after Pod. */
    List<String> phases(String name) {
        List<String> phases = new java.util.ArrayList<>();
        uids(name).forEach(uid -> phases.addAll(phasesByUid.getOrDefault(uid, List.of())));
        return phases;
    }

    /** The most Pods of that name that existed at the same time. */
    int mostAtOnce(String name) {
        AtomicInteger most = mostAtOnce.get(name);
        return most == null ? 0 : most.get();
    }

    @Override
    public void close() {
        informer.close();
    }
}
