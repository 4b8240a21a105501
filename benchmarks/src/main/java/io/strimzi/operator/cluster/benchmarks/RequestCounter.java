package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the API requests one client sends, by resource (plural, with `/status` for the subresource) and by kind of
 * access: GET (get, list, watch) is a read; POST, PUT, PATCH and DELETE are writes. Installed as a fabric8 HTTP
 * interceptor, so it sees every request of the operator's client and none of the harness's.
 */
final class RequestCounter implements Interceptor {
    static final String NAME = "benchmark-request-counter";

    /** Reads and writes of one resource. */
    record Count(long reads, long writes) {
        long total() {
            return reads + writes;
        }
    }

    private static final java.util.regex.Pattern CONNECT_NAME = java.util.regex.Pattern.compile("^(connect-\\d{4})(?![0-9]).*");

    private final Map<String, AtomicLong> reads = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();
    /** Requests that name an object of one of the benchmarks' KafkaConnects, by KafkaConnect (never reset). */
    private final Map<String, AtomicLong> byConnect = new ConcurrentHashMap<>();
    private final AtomicLong watchesOpened = new AtomicLong();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        record(request.method(), request.uri());
    }

    void record(String method, URI uri) {
        Map<String, AtomicLong> target = "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method) ? reads : writes;
        target.computeIfAbsent(resourceOf(uri.getPath()), k -> new AtomicLong()).incrementAndGet();
        String connect = connectOf(uri.getPath());
        if (connect != null) {
            byConnect.computeIfAbsent(connect, k -> new AtomicLong()).incrementAndGet();
        }
        if (uri.getQuery() != null && uri.getQuery().matches("(.*&)?watch=(true|1)(&.*)?")) {
            watchesOpened.incrementAndGet();
        }
    }

    /** Watch requests sent since this counter was made (an informer that loses its watch opens a new one). */
    long watchesOpened() {
        return watchesOpened.get();
    }

    /** Requests so far that named an object of this KafkaConnect (its own, its build Pod, Deployment, ...). */
    long requestsFor(String connect) {
        AtomicLong count = byConnect.get(connect);
        return count == null ? 0 : count.get();
    }

    void reset() {
        reads.clear();
        writes.clear();
    }

    /** The counts since the last reset, by resource, sorted by name. */
    Map<String, Count> snapshot() {
        Map<String, Count> result = new TreeMap<>();
        for (String key : union()) {
            AtomicLong r = reads.get(key);
            AtomicLong w = writes.get(key);
            result.put(key, new Count(r == null ? 0 : r.get(), w == null ? 0 : w.get()));
        }
        return result;
    }

    /** Every request since the last reset (all resources). */
    long total() {
        return reads.values().stream().mapToLong(AtomicLong::get).sum() + writes.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private java.util.Set<String> union() {
        java.util.Set<String> keys = new java.util.HashSet<>(reads.keySet());
        keys.addAll(writes.keySet());
        return keys;
    }

    /**
     * The benchmark KafkaConnect (`connect-NNNN`) whose object a request path names, or null for a collection (list,
     * watch, create) or another object: `.../kafkaconnects/connect-0007/status` and `.../pods/connect-0007-connect-build`
     * → `connect-0007`.
     */
    static String connectOf(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        int namespaces = java.util.Arrays.asList(parts).indexOf("namespaces");
        if (namespaces < 0 || parts.length < namespaces + 4) {
            return null;
        }
        java.util.regex.Matcher m = CONNECT_NAME.matcher(parts[namespaces + 3]);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * The resource a request path addresses: `/api/v1/namespaces/ns/pods/x` → `pods`,
     * `/apis/g/v/namespaces/ns/kafkaconnects/x/status` → `kafkaconnects/status`, `/version` → `version`.
     */
    static String resourceOf(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        int start;
        if (parts.length >= 2 && parts[0].equals("api")) {
            start = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            start = 3;
        } else {
            return parts.length == 0 || parts[0].isEmpty() ? "/" : parts[0];
        }
        if (parts.length <= start) {
            return parts[0] + " (discovery)";
        }
        int i = start;
        if (parts[i].equals("namespaces") && parts.length > i + 2) {
            i += 2;
        }
        String resource = parts[i];
        // parts[i + 1] is the object's name; anything after it is a subresource.
        return parts.length > i + 2 ? resource + "/" + parts[i + 2] : resource;
    }
}
