package io.strimzi.operator.cluster.operator;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the in-flight work of an operator that it was stopped (it lost the Lease or is shutting down), so that a
 * stopped operator ends its waits at once and writes nothing more: the new leader owns the resources now.
 */
final class StopSignal {
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    void stop() {
        stopped = true;
        List.copyOf(listeners).forEach(Runnable::run);
    }

    void start() {
        stopped = false;
    }

    boolean isStopped() {
        return stopped;
    }

    /** Fails with {@link OperatorStoppedException} once stopped; call before each write. */
    void check() {
        if (stopped) {
            throw new OperatorStoppedException();
        }
    }

    /**
     * Runs the action when the operator stops (at once when it already has).
     *
     * @return removes the action again; call it when the waiting is over
     */
    Runnable onStop(Runnable action) {
        listeners.add(action);
        if (stopped) {
            action.run();
        }
        return () -> listeners.remove(action);
    }

    /** The operator was stopped while this reconciliation ran; it ends without writing anything more. */
    static final class OperatorStoppedException extends RuntimeException {
        OperatorStoppedException() {
            super("the operator was stopped");
        }
    }
}
