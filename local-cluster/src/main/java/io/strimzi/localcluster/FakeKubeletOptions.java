package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Pod;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Settings of a {@link FakeKubelet}; {@code insecureRegistries} are the host:port of local plain-HTTP registries,
 * {@code images} the root filesystems that images name.
 */
public record FakeKubeletOptions(Path workDir, Collection<String> insecureRegistries, LocalImages images,
                                 Predicate<Pod> podFilter, Listener listener, boolean keepPodDirectories,
                                 ToLongFunction<Pod> nodeDiskFreeBytes) {
    public static FakeKubeletOptions defaults(Collection<String> insecureRegistries) {
        return new FakeKubeletOptions(null, List.copyOf(insecureRegistries), LocalImages.fromCache().withConnectBuilder(),
                pod -> true, new Listener() { }, false, null);
    }

    public FakeKubeletOptions withPodFilter(Predicate<Pod> filter) {
        return new FakeKubeletOptions(workDir, insecureRegistries, images, filter, listener, keepPodDirectories,
                nodeDiskFreeBytes);
    }

    public FakeKubeletOptions withListener(Listener newListener) {
        return new FakeKubeletOptions(workDir, insecureRegistries, images, podFilter, newListener, keepPodDirectories,
                nodeDiskFreeBytes);
    }

    /**
     * Each emptyDir with a {@code sizeLimit} becomes a tmpfs of that size, so that writing past the limit fails with
     * "No space left on device" (a node would evict the Pod instead). Off by default: a tmpfs holds its data in memory.
     */
    public FakeKubeletOptions withEmptyDirLimits() {
        return withEmptyDirLimits(pod -> Long.MAX_VALUE);
    }

    /**
     * As {@link #withEmptyDirLimits()}, each Pod on a node whose disk has nodeDiskFreeBytes free when the Pod starts: a
     * tmpfs is no larger than that, so a test can fill a node's disk and free it again without changing the Pod.
     */
    public FakeKubeletOptions withEmptyDirLimits(ToLongFunction<Pod> nodeDiskFreeBytes) {
        return new FakeKubeletOptions(workDir, insecureRegistries, images, podFilter, listener, keepPodDirectories,
                nodeDiskFreeBytes);
    }

    /** Receives what happens to the Pods this kubelet runs; called from its threads. */
    public interface Listener {
        /** The container started; pid is that of its runc process. */
        default void started(String pod, long pid) {
        }

        /** One line of the container's stdout or stderr. */
        default void output(String pod, String line) {
        }

        default void finished(String pod, int exitCode, String terminationMessage) {
        }

        /** The Pod could not be started yet or at all (a missing ConfigMap or image, a refused security context). */
        default void problem(String pod, String message) {
        }
    }
}
