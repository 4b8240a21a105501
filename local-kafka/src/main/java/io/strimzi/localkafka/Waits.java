package io.strimzi.localkafka;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Waiting on a signal (a REST answer, a log line, a process end), polled briefly; never a fixed sleep. */
final class Waits {
    private static final Duration POLL = Duration.ofMillis(100);

    private Waits() {
    }

    /**
     * Waits until the condition holds. An exception from the condition ends the wait at once (a dead process, say);
     * on time-out the message names what was awaited and adds the diagnostics (a log's end, say).
     */
    static void until(String what, Duration timeout, Supplier<String> diagnostics, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .pollInSameThread().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                    + "\n" + diagnostics.get(), e);
        }
    }
}
