package io.strimzi.operator.cluster.operator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BuildRetryPolicyTest {
    @Test
    void defaultDoublesFromThirtySecondsUpToTenMinutes() {
        List<Duration> delays = IntStream.rangeClosed(1, 8).mapToObj(BuildRetryPolicy.DEFAULT::delayAfter).toList();
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10)), delays);
    }

    @Test
    void capIsReachedExactlyEvenWhenNotAPowerOfTwo() {
        BuildRetryPolicy policy = new BuildRetryPolicy(Duration.ofSeconds(3), Duration.ofSeconds(10));
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                IntStream.rangeClosed(1, 4).mapToObj(policy::delayAfter).toList());
    }

    @Test
    void manyFailuresStayAtTheCapWithoutOverflow() {
        assertEquals(Duration.ofMinutes(10), BuildRetryPolicy.DEFAULT.delayAfter(1_000));
        assertEquals(Duration.ofMinutes(10), BuildRetryPolicy.DEFAULT.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void noOrNegativeFailureCountGivesTheInitialDelay() {
        assertEquals(Duration.ofSeconds(30), BuildRetryPolicy.DEFAULT.delayAfter(0));
        assertEquals(Duration.ofSeconds(30), BuildRetryPolicy.DEFAULT.delayAfter(-3));
    }

    @Test
    void equalInitialAndMaxIsAFixedDelay() {
        BuildRetryPolicy fixed = new BuildRetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(5), fixed.delayAfter(1));
        assertEquals(Duration.ofSeconds(5), fixed.delayAfter(7));
    }

    @Test
    void nonsensicalBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BuildRetryPolicy(Duration.ZERO, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new BuildRetryPolicy(Duration.ofSeconds(-1), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new BuildRetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1)));
    }
}
