package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Pod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peak disk use of a running Pod's emptyDir volumes, as {@code du -sk} counts it, sampled every two seconds
 * and once more when the container ends. A kubelet would evict a Pod over an emptyDir's {@code sizeLimit}; this
 * one only measures (the build Pod's scratch volume under vfs, with a Kafka-sized base image).
 */
final class EmptyDirUsage implements AutoCloseable {
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private final Map<String, Path> volumes;
    private final Map<String, Long> peaks = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean stopped;

    /** Samples the Pod's emptyDir volumes, each in volumesDir/NAME. */
    static EmptyDirUsage of(Pod pod, Path volumesDir) {
        Map<String, Path> volumes = new LinkedHashMap<>();
        if (pod.getSpec().getVolumes() != null) {
            pod.getSpec().getVolumes().stream().filter(v -> v.getEmptyDir() != null)
                    .forEach(v -> volumes.put(v.getName(), volumesDir.resolve(v.getName())));
        }
        return new EmptyDirUsage(volumes);
    }

    /** @param volumes emptyDir volume name → its directory on the host */
    EmptyDirUsage(Map<String, Path> volumes) {
        this.volumes = Map.copyOf(volumes);
        this.sampler = new Thread(() -> {
            while (!stopped) {
                sample();
                try {
                    Thread.sleep(INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "empty-dir-usage");
        sampler.setDaemon(true);
        if (!volumes.isEmpty()) {
            sampler.start();
        }
    }

    private synchronized void sample() {
        volumes.forEach((name, dir) -> {
            if (Files.isDirectory(dir)) {
                try {
                    long bytes = Long.parseLong(Commands.run(List.of("du", "-sk", dir.toString()), Map.of()).split("\\s+")[0]) * 1024;
                    peaks.merge(name, bytes, Math::max);
                } catch (RuntimeException e) {
                    // files vanished while du walked them: the next sample counts again
                }
            }
        });
    }

    /** Volume name → the most bytes seen. */
    Map<String, Long> peaks() {
        return Map.copyOf(peaks);
    }

    /** Takes the last sample (the container has ended) and stops sampling. */
    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
        sample();
    }
}
