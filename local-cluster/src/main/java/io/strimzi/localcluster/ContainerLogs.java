package io.strimzi.localcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** The last lines each Pod's container printed (stdout and stderr together), as {@code kubectl logs} would show them. */
final class ContainerLogs {
    private static final int KEPT_LINES = 500;

    private final Map<String, Deque<String>> logs = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> listener;

    /** @param listener receives (pod, line) for every line */
    ContainerLogs(BiConsumer<String, String> listener) {
        this.listener = listener;
    }

    /** A fresh log for a Pod that starts (again). */
    void start(String pod) {
        Deque<String> log = logs.computeIfAbsent(pod, ignored -> new ArrayDeque<>());
        synchronized (log) {
            log.clear();
        }
    }

    /** Reads stream line by line into the Pod's log until it ends (the container's pipe closes). */
    void pump(String pod, InputStream stream) {
        Deque<String> log = logs.get(pod);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (log) {
                    log.addLast(line);
                    while (log.size() > KEPT_LINES) {
                        log.removeFirst();
                    }
                }
                listener.accept(pod, line);
            }
        } catch (IOException e) {
            // the container was killed: its pipes are gone
        }
    }

    List<String> lines(String pod) {
        Deque<String> log = logs.get(pod);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }
}
