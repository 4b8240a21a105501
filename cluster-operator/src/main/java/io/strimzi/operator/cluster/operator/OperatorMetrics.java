package io.strimzi.operator.cluster.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The operator's Prometheus metrics. */
public final class OperatorMetrics {
    private final PrometheusMeterRegistry registry;
    private final AtomicInteger buildsInProgress = new AtomicInteger();

    public OperatorMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.gauge("strimzi_connect_builds_in_progress", buildsInProgress);
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

    public void buildWaitStarted() {
        buildsInProgress.incrementAndGet();
    }

    public void buildWaitEnded() {
        buildsInProgress.decrementAndGet();
    }

    private Timer buildDuration(String builder, String outcome) {
        return Timer.builder("strimzi_connect_build_duration")
                .tag("builder", builder)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
