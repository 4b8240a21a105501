package io.strimzi.operator.cluster.config;

import java.util.Map;

/**
 * Leader election's timings, with Strimzi's variables and defaults: a replica that stops renewing loses the Lease after
 * {@code durationMs}; the leader gives up when it could not renew within {@code renewDeadlineMs}; candidates try every
 * {@code retryPeriodMs}. Under a slow API server (every request taking seconds) a longer duration and deadline keep the
 * leader from stepping down.
 */
public record LeaseTimings(long durationMs, long renewDeadlineMs, long retryPeriodMs) {
    public static final String STRIMZI_LEADER_ELECTION_LEASE_DURATION_MS = "STRIMZI_LEADER_ELECTION_LEASE_DURATION_MS";
    public static final String STRIMZI_LEADER_ELECTION_RENEW_DEADLINE_MS = "STRIMZI_LEADER_ELECTION_RENEW_DEADLINE_MS";
    public static final String STRIMZI_LEADER_ELECTION_RETRY_PERIOD_MS = "STRIMZI_LEADER_ELECTION_RETRY_PERIOD_MS";
    public static final LeaseTimings DEFAULT = new LeaseTimings(15_000, 10_000, 2_000);

    /** @throws InvalidConfigurationException unless retry period &lt; renew deadline &lt; duration, all positive */
    static LeaseTimings fromMap(Map<String, String> env) {
        long duration = parse(env, STRIMZI_LEADER_ELECTION_LEASE_DURATION_MS, DEFAULT.durationMs());
        long renew = parse(env, STRIMZI_LEADER_ELECTION_RENEW_DEADLINE_MS, DEFAULT.renewDeadlineMs());
        long retry = parse(env, STRIMZI_LEADER_ELECTION_RETRY_PERIOD_MS, DEFAULT.retryPeriodMs());
        if (renew >= duration) {
            throw InvalidConfigurationException.of(STRIMZI_LEADER_ELECTION_RENEW_DEADLINE_MS, Long.toString(renew),
                    "must be less than " + STRIMZI_LEADER_ELECTION_LEASE_DURATION_MS + " (" + duration + ")");
        }
        if (retry >= renew) {
            throw InvalidConfigurationException.of(STRIMZI_LEADER_ELECTION_RETRY_PERIOD_MS, Long.toString(retry),
                    "must be less than " + STRIMZI_LEADER_ELECTION_RENEW_DEADLINE_MS + " (" + renew + ")");
        }
        return new LeaseTimings(duration, renew, retry);
    }

    private static long parse(Map<String, String> env, String name, long defaultValue) {
        return EnvironmentValues.parsePositiveLong(env, name, defaultValue);
    }
}
