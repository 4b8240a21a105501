package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;

import java.util.List;

/** Warning conditions about the build fields of a KafkaConnect, whichever tool builds it. */
public final class BuildWarnings {
    public static final String DEPRECATED_FIELDS_REASON = "DeprecatedFields";
    public static final String PROXY_CREDENTIALS_NOT_PASSED_REASON = "ProxyCredentialsNotPassed";

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
     * The Warning condition of an OpenShift build when the operator's proxies carry credentials: a BuildConfig can hold
     * them only as plain text (build args) or bake them into the image (env), so they are not passed.
     */
    static Condition proxyCredentialsNotPassed(java.util.Collection<String> variables) {
        return new Condition("Warning", "True", PROXY_CREDENTIALS_NOT_PASSED_REASON,
                "The operator's " + String.join(", ", variables) + " carry credentials, which an OpenShift BuildConfig could only "
                        + "hold as plain text or bake into the image, so the build does not get them; OpenShift builds use the "
                        + "cluster's build proxy (spec.buildDefaults.defaultProxy of build.config.openshift.io/cluster).", null);
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
