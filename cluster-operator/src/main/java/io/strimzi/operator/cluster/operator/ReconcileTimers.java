package io.strimzi.operator.cluster.operator;

import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * At most one pending reconciliation per resource at a chosen time: a build's next attempt after its back-off, a running
 * build's deadline, the retry of a failed reconciliation. The earliest time wins; a resource that is gone or built has
 * its timer cancelled.
 */
final class ReconcileTimers {
    private record Pending(long timerId, Instant at) {
    }

    private final Vertx vertx;
    private final Clock clock;
    private final Consumer<Reconciliation> reconcile;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    ReconcileTimers(Vertx vertx, Clock clock, Consumer<Reconciliation> reconcile) {
        this.vertx = vertx;
        this.clock = clock;
        this.reconcile = reconcile;
    }

    /** Reconciles the resource at that time, unless one is due earlier already. */
    void at(Reconciliation r, Instant at) {
        pending.compute(r.key(), (key, current) -> {
            if (current != null && !current.at().isAfter(at)) {
                return current;
            }
            if (current != null) {
                vertx.cancelTimer(current.timerId());
            }
            long delay = Math.max(1, at.toEpochMilli() - clock.millis());
            long id = vertx.setTimer(delay, t -> {
                pending.computeIfPresent(key, (k, p) -> p.timerId() == t ? null : p);
                reconcile.accept(r);
            });
            return new Pending(id, at);
        });
    }

    void cancel(Reconciliation r) {
        Pending current = pending.remove(r.key());
        if (current != null) {
            vertx.cancelTimer(current.timerId());
        }
    }

    void cancelAll() {
        pending.values().forEach(p -> vertx.cancelTimer(p.timerId()));
        pending.clear();
    }
}
