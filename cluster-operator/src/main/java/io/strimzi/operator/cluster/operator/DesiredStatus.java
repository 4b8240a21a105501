package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.BuildStatus;

import java.util.List;

/**
 * The status a reconciliation arrived at: the Ready condition, warnings and the build status. The status writer adds
 * what it reads from the cluster (observed generation, replicas) and the transition times.
 *
 * @param valid false for an invalid resource: no URL, replicas or selector to report
 */
public record DesiredStatus(Condition ready, List<Condition> warnings, BuildStatus build, boolean valid) {
    static DesiredStatus invalid(String message) {
        return new DesiredStatus(StatusConditions.notReady(ConditionReasons.INVALID_RESOURCE, message), List.of(), null, false);
    }

    static DesiredStatus ready(List<Condition> warnings, BuildStatus build) {
        return new DesiredStatus(StatusConditions.ready(), warnings, build, true);
    }

    static DesiredStatus notReady(String reason, String message, List<Condition> warnings, BuildStatus build) {
        return new DesiredStatus(StatusConditions.notReady(reason, message), warnings, build, true);
    }

    public boolean isReady() {
        return "True".equals(ready.getStatus());
    }
}
