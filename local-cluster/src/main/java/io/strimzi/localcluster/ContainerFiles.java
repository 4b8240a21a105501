package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** The files a kubelet makes for a container besides its volumes, and the termination message it reads back. */
final class ContainerFiles {
    static final int TERMINATION_MESSAGE_MAX_BYTES = 4096;
    static final int FALLBACK_LOG_LINES = 80;
    static final int FALLBACK_LOG_MAX_BYTES = 2048;
    static final String REGISTRIES_DROP_IN = "/etc/containers/registries.conf.d/99-local-cluster.conf";

    private ContainerFiles() {
    }

    /** /etc/hosts, /etc/hostname, /etc/resolv.conf as a kubelet writes them, and the registries drop-in. */
    static List<OciConfig.Mount> kubeletFiles(Pod pod, LocalImages.Image image, Path dir, Collection<String> insecureRegistries) throws IOException {
        Files.createDirectories(dir);
        String hostname = pod.getMetadata().getName();
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "127.0.0.1\t" + hostname + "\n");
        Path hostnameFile = Files.writeString(dir.resolve("hostname"), hostname + "\n");
        Path resolv = dir.resolve("resolv.conf");
        Path hostResolv = Path.of("/etc/resolv.conf");
        Files.writeString(resolv, Files.isReadable(hostResolv) ? Files.readString(hostResolv) : "");
        List<OciConfig.Mount> mounts = new ArrayList<>(List.of(new OciConfig.Mount("/etc/hosts", hosts, false),
                new OciConfig.Mount("/etc/hostname", hostnameFile, false), new OciConfig.Mount("/etc/resolv.conf", resolv, false)));
        if (Files.isDirectory(image.rootfs().resolve("etc/containers"))) {
            StringBuilder registries = new StringBuilder("# Written by the local cluster's fake kubelet: its plain-HTTP registries\n");
            for (String registry : insecureRegistries) {
                registries.append("[[registry]]\nlocation = \"").append(registry).append("\"\ninsecure = true\n");
            }
            Path dropIn = Files.writeString(dir.resolve("registries.conf"), registries.toString());
            mounts.add(new OciConfig.Mount(REGISTRIES_DROP_IN, dropIn, true));
        }
        return mounts;
    }

    static String passwd(LocalImages.Image image) throws IOException {
        Path passwd = image.rootfs().resolve("etc/passwd");
        return Files.isRegularFile(passwd) ? Files.readString(passwd) : "";
    }

    /** This process's hard limit of one resource, from /proc/self/limits (runc cannot give a container more). */
    static long hardLimit(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith(name)) {
                    String[] fields = line.substring(name.length()).trim().split("\\s+");
                    return fields[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(fields[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + name + " in /proc/self/limits");
    }

    static String terminationMessage(Container container, Path file, int exitCode, List<String> log) throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (content.length > TERMINATION_MESSAGE_MAX_BYTES) {
            content = Arrays.copyOf(content, TERMINATION_MESSAGE_MAX_BYTES);
        }
        String message = new String(content, StandardCharsets.UTF_8);
        if (message.isEmpty() && exitCode != 0 && "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy())) {
            List<String> lines = log;
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - FALLBACK_LOG_LINES), lines.size()));
            byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
            if (tailBytes.length > FALLBACK_LOG_MAX_BYTES) {
                tail = new String(tailBytes, tailBytes.length - FALLBACK_LOG_MAX_BYTES, FALLBACK_LOG_MAX_BYTES, StandardCharsets.UTF_8);
            }
            message = tail;
        }
        return message;
    }
}
