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

    private final Map<String, AtomicLong> reads = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        record(request.method(), request.uri());
    }

    void record(String method, URI uri) {
        Map<String, AtomicLong> target = "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method) ? reads : writes;
        target.computeIfAbsent(resourceOf(uri.getPath()), k -> new AtomicLong()).incrementAndGet();
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
