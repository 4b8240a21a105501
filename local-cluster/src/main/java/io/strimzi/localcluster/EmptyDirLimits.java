package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * emptyDir {@code sizeLimit}s made real: each such volume's directory becomes a tmpfs of exactly that size, mounted
 * before the container starts and unmounted after it ended. A node evicts a Pod over its limit; here a write past the
 * limit fails with ENOSPC instead, which is what a full node disk gives, so a builder's "no space" handling can be tested.
 */
final class EmptyDirLimits implements AutoCloseable {
    private final List<Path> mounted;

    private EmptyDirLimits(List<Path> mounted) {
        this.mounted = mounted;
    }

    /**
     * Mounts a tmpfs of the limit's size on volumesDir/NAME for each emptyDir with a sizeLimit, or of nodeDiskFreeBytes
     * where the node's disk has less free than the limit.
     */
    static EmptyDirLimits mount(Pod pod, Path volumesDir, long nodeDiskFreeBytes) {
        List<Path> mounted = new ArrayList<>();
        for (Volume volume : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
            if (volume.getEmptyDir() == null || volume.getEmptyDir().getSizeLimit() == null) {
                continue;
            }
            Path dir = volumesDir.resolve(volume.getName());
            if (!Files.isDirectory(dir)) {
                continue; // no container mounts it
            }
            long bytes = Math.min(nodeDiskFreeBytes, Quantity.getAmountInBytes(volume.getEmptyDir().getSizeLimit()).longValue());
            Commands.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=1777", "tmpfs", dir.toString()), Map.of());
            mounted.add(dir);
        }
        return new EmptyDirLimits(mounted);
    }

    @Override
    public void close() {
        for (Path dir : mounted) {
            Commands.run(List.of("umount", dir.toString()), Map.of());
        }
    }
}
