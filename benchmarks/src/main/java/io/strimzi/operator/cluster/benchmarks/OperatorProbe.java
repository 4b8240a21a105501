package io.strimzi.operator.cluster.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load benchmarks sample of the operator running in this JVM: used heap, live threads, the established TCP
 * connections of this JVM to the mock server's port (the harness reaches the server through a relay on another port,
 * so these are the operator client's) and the watches the operator's client has opened so far.
 */
final class OperatorProbe {
    private static final Pattern SOCKET_LINK = Pattern.compile("^socket:\\[(\\d+)]$");
    /** /proc/net/tcp state ESTABLISHED. */
    private static final String ESTABLISHED = "01";

    /** One sample; heap in bytes (used, not collected first unless the caller collected). */
    record Sample(long heapBytes, int threads, int connections, long watchesOpened) {
        String describe() {
            return String.format(Locale.ROOT, "heap %.1f MiB, %d threads, %d connections, %d watches opened",
                    Jvm.mib(heapBytes), threads, connections, watchesOpened);
        }
    }

    private final int serverPort;
    private final RequestCounter requests;

    OperatorProbe(int serverPort, RequestCounter requests) {
        this.serverPort = serverPort;
        this.requests = requests;
    }

    /** A sample with the heap as it is (for peaks). */
    Sample sample() throws IOException {
        return sample(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** A sample with the heap after full collections (for comparing over time). */
    Sample sampleAfterGc() throws IOException, InterruptedException {
        return sample(Jvm.heapUsedAfterGc());
    }

    private Sample sample(long heap) throws IOException {
        return new Sample(heap, ManagementFactory.getThreadMXBean().getThreadCount(), connections(), requests.watchesOpened());
    }

    /** Established connections of this process to 127.0.0.1:serverPort. */
    int connections() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path path = Path.of(table);
            if (Files.exists(path)) {
                lines.addAll(Files.readAllLines(path));
            }
        }
        return established(lines, socketInodes(), serverPort);
    }

    private static Set<Long> socketInodes() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher m = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(Long.parseLong(m.group(1)));
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return inodes;
    }

    /**
     * Counts the lines of /proc/net/tcp{,6} that are ESTABLISHED, connect to remotePort and belong to one of the given
     * socket inodes (this process's). Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode.
     */
    static int established(List<String> tcpLines, Set<Long> inodes, int remotePort) {
        int count = 0;
        for (String line : tcpLines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":")) {
                continue; // the header
            }
            String remote = f[2];
            int port = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
            if (port == remotePort && ESTABLISHED.equals(f[3]) && inodes.contains(Long.parseLong(f[9]))) {
                count++;
            }
        }
        return count;
    }
}
