package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/**
 * Schema-only view of {@link Output} for v1beta2: {@link OutputSchemaV1} and the deprecated `additionalKanikoOptions`,
 * which v1 does not have. Never instantiated.
 */
@JsonPropertyOrder({"type", "image", "pushSecret", "additionalKanikoOptions", "additionalBuildOptions", "additionalPushOptions"})
@ValidationRule(value = "self.type == 'docker' || !has(self.additionalKanikoOptions)",
        message = "additionalKanikoOptions applies to the docker output only")
final class OutputSchema extends OutputSchemaV1 {
    @JsonPropertyDescription("DEPRECATED, and not part of v1: use `additionalBuildOptions` instead, which takes precedence when both are set. "
            + "Options passed to the Kaniko executor. Only used by the Kaniko builder and ignored when the "
            + "`UseConnectBuildWithBuildah` feature gate is enabled. Allowed options: --customPlatform, --custom-platform, "
            + "--insecure, --insecure-pull, --insecure-registry, --log-format, --log-timestamp, --registry-mirror, "
            + "--reproducible, --single-snapshot, --skip-tls-verify, --skip-tls-verify-pull, --skip-tls-verify-registry, "
            + "--verbosity, --snapshotMode, --use-new-run, --registry-certificate, --registry-client-cert, --ignore-path.")
    public List<String> additionalKanikoOptions;

    private OutputSchema() {
    }
}
