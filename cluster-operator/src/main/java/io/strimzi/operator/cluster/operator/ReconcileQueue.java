package io.strimzi.operator.cluster.operator;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs at most one reconciliation per resource at a time. Requests that arrive while one runs are coalesced into a
 * single follow-up run (reconciliation is level-based, so one more pass sees every change).
 */
final class ReconcileQueue {
    private static final class Slot {
        Promise<Void> next;
        Supplier<Future<Void>> nextWork;
    }

    private final Map<String, Slot> running = new HashMap<>();

    Future<Void> submit(String key, Supplier<Future<Void>> work) {
        Slot slot;
        synchronized (this) {
            slot = running.get(key);
            if (slot != null) {
                if (slot.next == null) {
                    slot.next = Promise.promise();
                }
                slot.nextWork = work;
                return slot.next.future();
            }
            slot = new Slot();
            running.put(key, slot);
        }
        Promise<Void> done = Promise.promise();
        run(key, slot, work, done);
        return done.future();
    }

    synchronized boolean isRunning(String key) {
        return running.containsKey(key);
    }

    private void run(String key, Slot slot, Supplier<Future<Void>> work, Promise<Void> done) {
        Future<Void> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            Promise<Void> next;
            Supplier<Future<Void>> nextWork;
            synchronized (this) {
                next = slot.next;
                nextWork = slot.nextWork;
                slot.next = null;
                slot.nextWork = null;
                if (next == null) {
                    running.remove(key);
                }
            }
            done.handle(ar);
            if (next != null) {
                run(key, slot, nextWork, next);
            }
        });
    }
}
