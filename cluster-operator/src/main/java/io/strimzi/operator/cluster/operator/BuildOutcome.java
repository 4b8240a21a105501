package io.strimzi.operator.cluster.operator;

/** The state of one build as observed on its Pod or OpenShift Build. */
sealed interface BuildOutcome {
    /** Still pending or running. */
    record Running() implements BuildOutcome {
    }

    /** Finished and produced a valid image reference by digest. */
    record Succeeded(String image) implements BuildOutcome {
    }

    /** Finished without a usable image; reason is a CamelCase condition reason. */
    record Failed(String reason, String message) implements BuildOutcome {
    }

    default boolean isDone() {
        return !(this instanceof Running);
    }
}
