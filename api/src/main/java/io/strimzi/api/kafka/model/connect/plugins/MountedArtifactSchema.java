package io.strimzi.api.kafka.model.connect.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * Schema-only view of {@link MountedArtifact} for the CRD generator, which cannot merge the subtypes of a
 * polymorphic class: the union of the subtypes' fields with `type` as an enum. Never instantiated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class MountedArtifactSchema {
    enum Type { image }

    enum PullPolicy { Always, Never, IfNotPresent }

    @JsonPropertyDescription("Artifact type: `image`, an OCI artifact or container image mounted as a volume.")
    @Required
    public Type type;

    @JsonPropertyDescription("The image reference, by tag or by digest, for example `quay.io/example/my-plugin:1.0`.")
    @Required
    public String reference;

    @JsonPropertyDescription("When the image is pulled: `Always`, `Never` or `IfNotPresent`. Defaults to `Always` for the tag "
            + "`latest` and `IfNotPresent` otherwise (as for container images).")
    public PullPolicy pullPolicy;

    private MountedArtifactSchema() {
    }
}
