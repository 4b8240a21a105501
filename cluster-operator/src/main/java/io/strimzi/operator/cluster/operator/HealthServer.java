package io.strimzi.operator.cluster.operator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.function.BooleanSupplier;

/** Serves `/healthy`, `/ready` and `/metrics` (Prometheus text format) on one port. */
public final class HealthServer {
    private final Vertx vertx;
    private final OperatorMetrics metrics;
    private final BooleanSupplier ready;
    private HttpServer server;

    public HealthServer(Vertx vertx, OperatorMetrics metrics, BooleanSupplier ready) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.ready = ready;
    }

    /** Starts listening; port 0 picks a free port. Completes with the port. */
    public Future<Integer> start(int port) {
        server = vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/healthy" -> request.response().setStatusCode(200).end("ok\n");
                case "/ready" -> {
                    boolean isReady = ready.getAsBoolean();
                    request.response().setStatusCode(isReady ? 200 : 503).end(isReady ? "ready\n" : "not ready\n");
                }
                case "/metrics" -> request.response().setStatusCode(200)
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(metrics.scrape());
                default -> request.response().setStatusCode(404).end();
            }
        });
        return server.listen(port).map(HttpServer::actualPort);
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
