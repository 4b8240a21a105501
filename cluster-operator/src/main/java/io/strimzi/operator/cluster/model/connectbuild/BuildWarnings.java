package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;

import java.util.List;

/** Warning conditions about the build fields of a KafkaConnect, whichever tool builds it. */
public final class BuildWarnings {
    public static final String DEPRECATED_FIELDS_REASON = "DeprecatedFields";

    private BuildWarnings() {
    }

    /** The Warning condition for a KafkaConnect that uses `additionalKanikoOptions`. */
    public static Condition deprecatedKanikoOptions() {
        return new Condition("Warning", "True", DEPRECATED_FIELDS_REASON,
                "The field " + BuildDescription.KANIKO_OPTIONS_FIELD + " is deprecated and not part of kafka.strimzi.io/v1; use "
                        + BuildDescription.BUILD_OPTIONS_FIELD + " instead (additionalBuildOptions takes precedence when both "
                        + "are set; the Buildah builder ignores additionalKanikoOptions).", null);
    }

    /**
     * Warning conditions about deprecated fields. Independent of validation, so that the operator can also report them
     * for a resource that is otherwise invalid.
     */
    @SuppressWarnings("deprecation")
    public static List<Condition> of(KafkaConnect connect) {
        if (connect.getSpec() != null && connect.getSpec().getBuild() != null
                && connect.getSpec().getBuild().getOutput() instanceof DockerOutput docker
                && docker.getAdditionalKanikoOptions() != null) {
            return List.of(deprecatedKanikoOptions());
        }
        return List.of();
    }
}
