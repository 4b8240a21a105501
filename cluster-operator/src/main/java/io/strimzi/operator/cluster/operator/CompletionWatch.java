package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

/**
 * Waits for one object (a build Pod or an OpenShift Build) to reach a final state by watching it, bounded by a
 * time-out and ended early when the operator stops.
 */
final class CompletionWatch {
    /** Closing a watch right after its event can stall the API server mock; a short delay costs nothing in production. */
    private static final long WATCH_CLOSE_DELAY_MS = 250;

    private CompletionWatch() {
    }

    /**
     * @return the object in its final state, or an empty Optional when it was deleted first; fails with
     *         {@link BuildBackend.BuildTimeoutException} after the time-out or
     *         {@link StopSignal.OperatorStoppedException} when the operator stops
     */
    static <T extends HasMetadata> Future<Optional<T>> await(Blocking blocking, Resource<T> resource, Predicate<T> isDone,
                                                            long timeoutMs, String timeoutMessage, StopSignal stop) {
        Promise<Optional<T>> done = Promise.promise();
        Watcher<T> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, T object) {
                if (action == Action.DELETED) {
                    done.tryComplete(Optional.empty());
                } else if (isDone.test(object)) {
                    done.tryComplete(Optional.of(object));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                done.tryFail(new IllegalStateException("the watch closed: " + cause.getMessage(), cause));
            }
        };
        Runnable unregister = stop.onStop(() -> done.tryFail(new StopSignal.OperatorStoppedException()));
        return blocking.run(() -> resource.watch(watcher)).compose(watch -> {
            long timer = blocking.vertx().setTimer(timeoutMs,
                    id -> done.tryFail(new BuildBackend.BuildTimeoutException(timeoutMessage)));
            // The object may have reached its final state (or gone) before the watch started.
            blocking.run(resource::get).onSuccess(object -> {
                if (object == null) {
                    done.tryComplete(Optional.empty());
                } else if (isDone.test(object)) {
                    done.tryComplete(Optional.of(object));
                }
            });
            return done.future().andThen(ar -> {
                unregister.run();
                blocking.vertx().cancelTimer(timer);
                close(blocking, watch, stop);
            });
        }, error -> {
            unregister.run();
            return Future.failedFuture(error);
        });
    }

    private static void close(Blocking blocking, Watch watch, StopSignal stop) {
        if (stop.isStopped()) {
            // Shutting down or no longer leading: Vert.x may close before a delayed close runs, which would leave the
            // watch to the client's own close, racing its event loop. Its first event is long past, so close now.
            watch.close();
            return;
        }
        blocking.vertx().setTimer(WATCH_CLOSE_DELAY_MS, id -> {
            try {
                blocking.run(() -> {
                    watch.close();
                    return null;
                });
            } catch (RejectedExecutionException e) {
                // Vert.x is shutting down and its workers are gone: close here.
                watch.close();
            }
        });
    }
}
