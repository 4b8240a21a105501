package io.strimzi.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP server on 127.0.0.1 that serves the byte arrays it was given at their paths (GET and HEAD) and
 * answers 404 for anything else. Counts the requests per path so tests can tell whether a build downloaded.
 */
public final class ArtifactServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /**
     * Requests of a held path wait until {@link #release()} (or the server closes) before they are answered: a build
     * that downloads it is certainly running meanwhile.
     */
    public static final class Hold {
        private final CountDownLatch requested = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until a request of the path arrived; false when none did within timeout. */
        public boolean awaitRequest(Duration timeout) throws InterruptedException {
            return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Lets the waiting requests (and every later one) be answered. */
        public void release() {
            released.countDown();
        }

        private void pass() {
            requested.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ArtifactServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static ArtifactServer start() {
        return start(4, 16);
    }

    /**
     * A server for many downloads at once (a build fetching all its artifacts in parallel): workerThreads answer
     * requests, and up to backlog connections wait to be accepted instead of being refused.
     */
    public static ArtifactServer start(int workerThreads, int backlog) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), backlog);
            ExecutorService executor = Executors.newFixedThreadPool(workerThreads, runnable -> {
                Thread thread = new Thread(runnable, "artifact-server");
                thread.setDaemon(true);
                return thread;
            });
            ArtifactServer artifactServer = new ArtifactServer(server, executor);
            server.createContext("/", artifactServer::handle);
            server.setExecutor(executor);
            server.start();
            return artifactServer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves content at path (which starts with '/'), replacing what was there; returns its URL. */
    public String serve(String path, byte[] content) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        artifacts.put(path, content.clone());
        return url(path);
    }

    /** Stops serving path: it answers 404 from now on. */
    public void remove(String path) {
        artifacts.remove(path);
    }

    /** From now on requests of path wait for the returned hold's release. */
    public Hold hold(String path) {
        Hold hold = new Hold();
        holds.put(path, hold);
        return hold;
    }

    /** The URL of path on this server, whether or not something is served there. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How many requests path received, including those answered with 404. */
    public int requestCount(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.computeIfAbsent(path, ignored -> new AtomicInteger()).incrementAndGet();
            Hold hold = holds.get(path);
            if (hold != null) {
                hold.pass();
            }
            String method = exchange.getRequestMethod();
            byte[] content = artifacts.get(path);
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.sendResponseHeaders(405, -1);
            } else if (content == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                boolean head = "HEAD".equals(method);
                exchange.sendResponseHeaders(200, head ? -1 : content.length);
                if (!head) {
                    try (OutputStream body = exchange.getResponseBody()) {
                        body.write(content);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        holds.values().forEach(Hold::release);
        server.stop(0);
        executor.shutdownNow();
    }
}
