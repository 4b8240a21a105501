package io.strimzi.operator.cluster.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.Supplier;

/** The operator's Prometheus metrics. */
public final class OperatorMetrics {
    private final PrometheusMeterRegistry registry;
    /** Where the running builds are counted (the build Pod and Build caches of the running operator). */
    private volatile Supplier<Integer> buildsInProgress = () -> 0;

    public OperatorMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("strimzi_connect_builds_in_progress", () -> buildsInProgress.get()).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The metrics in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    public void reconciliation(String kind) {
        Counter.builder("strimzi_reconciliations").tag("kind", kind).register(registry).increment();
    }

    public void reconciliationFailed(String kind) {
        Counter.builder("strimzi_reconciliations_failed").tag("kind", kind).register(registry).increment();
    }

    public void buildStarted(String builder) {
        Counter.builder("strimzi_connect_builds_started").tag("builder", builder).register(registry).increment();
    }

    public void buildSucceeded(String builder, Duration duration) {
        Counter.builder("strimzi_connect_builds_succeeded").tag("builder", builder).register(registry).increment();
        buildDuration(builder, "succeeded").record(duration);
    }

    /** A build that ran and failed: counted, and its duration recorded with the outcome `failed`. */
    public void buildFailed(String builder, String reason, Duration duration) {
        buildFailed(builder, reason);
        buildDuration(builder, "failed").record(duration);
    }

    /** A build that failed before it ran (rejected, or something it needs is missing): counted, no duration. */
    public void buildFailed(String builder, String reason) {
        Counter.builder("strimzi_connect_builds_failed").tag("builder", builder).tag("reason", reason).register(registry).increment();
    }

    /** The builds that run now, counted on each scrape. */
    void countBuildsInProgress(Supplier<Integer> running) {
        this.buildsInProgress = running;
    }

    private Timer buildDuration(String builder, String outcome) {
        return Timer.builder("strimzi_connect_build_duration")
                .tag("builder", builder)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
