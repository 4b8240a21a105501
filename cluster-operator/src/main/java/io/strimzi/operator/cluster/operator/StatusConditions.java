package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.common.Condition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Builds conditions and keeps `lastTransitionTime` unchanged unless a condition's status really changed. */
final class StatusConditions {
    static final String READY = "Ready";

    private StatusConditions() {
    }

    static Condition ready() {
        return new Condition(READY, "True", null, null, null);
    }

    static Condition notReady(String reason, String message) {
        return new Condition(READY, "False", reason, message, null);
    }

    /** Copies of the desired conditions, each with the stored transition time when its type and status are unchanged. */
    static List<Condition> withTransitionTimes(List<Condition> desired, List<Condition> stored, Instant now) {
        String nowText = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<Condition> result = new ArrayList<>();
        for (Condition d : desired) {
            String time = nowText;
            if (stored != null) {
                for (Condition s : stored) {
                    if (d.getType().equals(s.getType()) && d.getStatus().equals(s.getStatus()) && s.getLastTransitionTime() != null) {
                        time = s.getLastTransitionTime();
                        break;
                    }
                }
            }
            result.add(new Condition(d.getType(), d.getStatus(), d.getReason(), d.getMessage(), time));
        }
        return result;
    }
}
