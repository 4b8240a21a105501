package io.strimzi.operator.cluster.operator;

import java.time.Duration;

/**
 * How long to wait before building a failed revision again: exponential from {@code initial}, doubling per
 * consecutive failure of the same revision and generation, capped at {@code max}. Defaults: 30 s, 60 s, 120 s, ...
 * up to 10 minutes. A changed spec (new generation) or the force-rebuild annotation retries at once.
 */
public record BuildRetryPolicy(Duration initial, Duration max) {
    public static final BuildRetryPolicy DEFAULT = new BuildRetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10));

    public BuildRetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max");
        }
    }

    /** The delay after the given number of consecutive failures (1 = first failure). */
    public Duration delayAfter(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
