package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * An HTTP proxy in front of the mock API server that answers or delays chosen requests as a failing API server would:
 * an error status (500, 429 with Retry-After, 409), latency, or watches closed by the server. Every request is recorded
 * (method and path), so a test can count what the operator sent. Watches are WebSockets (fabric8's), proxied frame by
 * frame.
 */
final class FaultProxy implements AutoCloseable {
    /** What to do with a request that matches. */
    record Fault(BiPredicate<String, String> matches, int status, String retryAfter, long delayMs) {
        static Fault status(BiPredicate<String, String> matches, int status) {
            return new Fault(matches, status, null, 0);
        }

        static Fault tooManyRequests(BiPredicate<String, String> matches, int retryAfterSeconds) {
            return new Fault(matches, 429, Integer.toString(retryAfterSeconds), 0);
        }

        static Fault latency(BiPredicate<String, String> matches, long delayMs) {
            return new Fault(matches, 0, null, delayMs);
        }
    }

    /** A request as it reached the proxy, with whether a fault answered it. */
    record Request(String method, String path, boolean watch, int faultStatus, long atNanos) {
        @Override
        public String toString() {
            return method + " " + path + (faultStatus > 0 ? " -> " + faultStatus : "");
        }
    }

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient upstream;
    private final WebSocketClient upstreamWatches;
    private final URI target;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<ServerWebSocket> watches = ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    /** @param targetUrl the mock server's URL, e.g. `http://localhost:1234/` */
    FaultProxy(String targetUrl) {
        this.target = URI.create(targetUrl);
        this.upstream = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(target.getHost()).setDefaultPort(target.getPort()),
                new PoolOptions().setHttp1MaxSize(200));
        this.upstreamWatches = vertx.createWebSocketClient();
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    /** The URL for the operator's client. */
    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/";
    }

    void inject(Fault fault) {
        faults.add(fault);
    }

    void heal() {
        faults.clear();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    /** Closes every open watch from the server's side, as an API server does when it restarts or times a watch out. */
    int closeWatches() {
        int closed = 0;
        for (ServerWebSocket watch : List.copyOf(watches)) {
            watch.close((short) 1000, "closed by the server");
            closed++;
        }
        return closed;
    }

    int openWatches() {
        return watches.size();
    }

    private Fault fault(String method, String path) {
        for (Fault fault : faults) {
            if (fault.matches().test(method, path)) {
                return fault;
            }
        }
        return null;
    }

    private void handle(HttpServerRequest request) {
        String method = request.method().name();
        String path = request.uri();
        boolean watch = request.canUpgradeToWebSocket();
        Fault fault = fault(method, path);
        requests.add(new Request(method, path, watch, fault != null ? fault.status() : 0, System.nanoTime()));
        if (fault != null && fault.status() > 0) {
            var response = request.response().setStatusCode(fault.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            if (fault.retryAfter() != null) {
                response.putHeader("Retry-After", fault.retryAfter());
            }
            // As a Kubernetes API server answers: a Status, with the Retry-After also in its details.
            StatusBuilder status = new StatusBuilder().withStatus("Failure").withCode(fault.status())
                    .withReason(reason(fault.status())).withMessage("injected by the test: HTTP " + fault.status());
            if (fault.retryAfter() != null) {
                status.withNewDetails().withRetryAfterSeconds(Integer.parseInt(fault.retryAfter())).endDetails();
            }
            response.end(SERIALIZATION.asJson(status.build()));
            return;
        }
        request.pause();
        Runnable forward = () -> {
            if (watch) {
                forwardWatch(request);
            } else {
                forward(request);
            }
        };
        if (fault != null && fault.delayMs() > 0) {
            vertx.setTimer(fault.delayMs(), id -> forward.run());
        } else {
            forward.run();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            default -> "InternalError";
        };
    }

    private void forward(HttpServerRequest request) {
        upstream.request(request.method(), request.uri()).onComplete(ar -> {
            if (ar.failed()) {
                request.response().setStatusCode(502).end();
                return;
            }
            var out = ar.result();
            copyHeaders(request.headers(), out.headers());
            request.resume();
            request.body().compose(out::send).onComplete(sent -> {
                if (sent.failed()) {
                    request.response().setStatusCode(502).end();
                    return;
                }
                HttpClientResponse in = sent.result();
                var response = request.response().setStatusCode(in.statusCode()).setStatusMessage(in.statusMessage());
                copyHeaders(in.headers(), response.headers());
                in.body().onSuccess(response::end).onFailure(e -> response.setStatusCode(502).end());
            });
        });
    }

    private void forwardWatch(HttpServerRequest request) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.getHost()).setPort(target.getPort())
                .setURI(request.uri());
        request.headers().forEach((name, value) -> {
            if (!isHopByHop(name) && !name.toLowerCase().startsWith("sec-websocket")) {
                options.addHeader(name, value);
            }
        });
        upstreamWatches.connect(options).onComplete(ar -> {
            if (ar.failed()) {
                request.resume();
                request.response().setStatusCode(502).end();
                return;
            }
            WebSocket upstreamWatch = ar.result();
            request.resume();
            request.toWebSocket().onSuccess(client -> {
                watches.add(client);
                upstreamWatch.textMessageHandler(client::writeTextMessage);
                upstreamWatch.binaryMessageHandler(client::writeBinaryMessage);
                client.textMessageHandler(upstreamWatch::writeTextMessage);
                client.binaryMessageHandler(upstreamWatch::writeBinaryMessage);
                upstreamWatch.closeHandler(v -> {
                    watches.remove(client);
                    client.close();
                });
                client.closeHandler(v -> {
                    watches.remove(client);
                    upstreamWatch.close();
                });
            }).onFailure(e -> upstreamWatch.close());
        });
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach((name, value) -> {
            if (!isHopByHop(name)) {
                to.add(name, value);
            }
        });
    }

    private static boolean isHopByHop(String name) {
        String lower = name.toLowerCase();
        return lower.equals("host") || lower.equals("connection") || lower.equals("upgrade") || lower.equals("transfer-encoding")
                || lower.equals("keep-alive") || lower.equals("content-length");
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    static BiPredicate<String, String> writesTo(String resource) {
        return (method, path) -> !"GET".equals(method) && path.contains("/" + resource);
    }

    static BiPredicate<String, String> anyRequest() {
        return (method, path) -> true;
    }
}
