package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.BuildStatus;
import io.strimzi.api.kafka.model.connect.ConnectorPlugin;

import java.util.List;

/**
 * The status a reconciliation arrived at: the Ready condition, warnings and the build status. The status writer adds
 * what it reads from the cluster (observed generation, replicas) and the transition times.
 *
 * @param valid   false for an invalid resource: no URL, replicas or selector to report
 * @param plugins the connector plugins the running workers reported, or null: the stored ones stay
 */
public record DesiredStatus(Condition ready, List<Condition> warnings, BuildStatus build, boolean valid,
                            List<ConnectorPlugin> plugins) {
    static DesiredStatus invalid(String message) {
        return new DesiredStatus(StatusConditions.notReady(ConditionReasons.INVALID_RESOURCE, message), List.of(), null, false, null);
    }

    static DesiredStatus ready(List<Condition> warnings, BuildStatus build) {
        return new DesiredStatus(StatusConditions.ready(), warnings, build, true, null);
    }

    static DesiredStatus notReady(String reason, String message, List<Condition> warnings, BuildStatus build) {
        return new DesiredStatus(StatusConditions.notReady(reason, message), warnings, build, true, null);
    }

    /** With the connector plugins the workers reported; null keeps those stored (the REST API did not answer). */
    DesiredStatus withPlugins(List<ConnectorPlugin> reported) {
        return new DesiredStatus(ready, warnings, build, valid, reported);
    }

    public boolean isReady() {
        return "True".equals(ready.getStatus());
    }
}
