package io.strimzi.operator.cluster.operator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/** Runs the blocking fabric8 calls on Vert.x worker threads, unordered so that resources never wait on each other. */
final class Blocking {
    private final Vertx vertx;

    Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    <T> Future<T> run(Callable<T> call) {
        return vertx.executeBlocking(call, false);
    }

    Vertx vertx() {
        return vertx;
    }
}
