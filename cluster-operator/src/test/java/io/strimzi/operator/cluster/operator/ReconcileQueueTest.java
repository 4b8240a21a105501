package io.strimzi.operator.cluster.operator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue with work the test finishes by hand: no threads, no timing. */
class ReconcileQueueTest {
    private final ReconcileQueue queue = new ReconcileQueue();
    /** The names of the work items started, in order. */
    private final List<String> started = new ArrayList<>();
    /** The promise of each started item, in order, for the test to complete. */
    private final List<Promise<Void>> running = new ArrayList<>();

    private Supplier<Future<Void>> work(String name) {
        return () -> {
            started.add(name);
            Promise<Void> promise = Promise.promise();
            running.add(promise);
            return promise.future();
        };
    }

    @Test
    void oneRunAtATimePerResource() {
        Future<Void> first = queue.submit("kafka/a", work("a1"));
        Future<Void> second = queue.submit("kafka/a", work("a2"));

        assertEquals(List.of("a1"), started, "the second waits for the first");
        assertTrue(queue.isRunning("kafka/a"));
        running.get(0).complete();

        assertTrue(first.succeeded());
        assertEquals(List.of("a1", "a2"), started);
        assertFalse(second.isComplete());
        running.get(1).complete();

        assertTrue(second.succeeded());
        assertFalse(queue.isRunning("kafka/a"));
    }

    @Test
    void requestsArrivingDuringARunMergeIntoOneFollowUp() {
        queue.submit("kafka/a", work("a1"));
        Future<Void> second = queue.submit("kafka/a", work("a2"));
        Future<Void> third = queue.submit("kafka/a", work("a3"));
        Future<Void> fourth = queue.submit("kafka/a", work("a4"));

        running.get(0).complete();
        assertEquals(List.of("a1", "a4"), started, "one follow-up, with the latest work");
        running.get(1).complete();

        assertTrue(second.succeeded() && third.succeeded() && fourth.succeeded(), "every merged caller hears the outcome");
        assertFalse(queue.isRunning("kafka/a"));
    }

    @Test
    void differentResourcesRunSideBySide() {
        queue.submit("kafka/a", work("a1"));
        queue.submit("kafka/b", work("b1"));
        queue.submit("other/a", work("other-a1"));
        assertEquals(List.of("a1", "b1", "other-a1"), started);
    }

    @Test
    void aFailureIsReportedAndTheQueueCarriesOn() {
        Future<Void> failing = queue.submit("kafka/a", work("a1"));
        Future<Void> next = queue.submit("kafka/a", work("a2"));
        running.get(0).fail(new IllegalStateException("API server unavailable"));

        assertEquals("API server unavailable", failing.cause().getMessage());
        assertEquals(List.of("a1", "a2"), started, "the follow-up still runs");
        running.get(1).complete();
        assertTrue(next.succeeded());
    }

    @Test
    void workThatThrowsFailsItsFutureAndFreesTheResource() {
        Future<Void> thrown = queue.submit("kafka/a", () -> {
            throw new IllegalArgumentException("bug");
        });
        assertEquals("bug", thrown.cause().getMessage());
        assertFalse(queue.isRunning("kafka/a"));

        queue.submit("kafka/a", work("a2"));
        assertEquals(List.of("a2"), started);
    }

    @Test
    void aMergedFollowUpSeesTheOutcomeOfItsOwnRun() {
        queue.submit("kafka/a", work("a1"));
        Future<Void> followUp = queue.submit("kafka/a", work("a2"));
        running.get(0).complete();
        running.get(1).fail(new IllegalStateException("second run failed"));
        assertEquals("second run failed", followUp.cause().getMessage());
    }
}
