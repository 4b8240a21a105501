package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/**
 * Schema-only view of {@link Output} for the CRD generator, which cannot merge the subtypes of a polymorphic class:
 * the union of the subtypes' fields with `type` as an enum. This is the v1 variant; {@link OutputSchema} adds the
 * deprecated `additionalKanikoOptions` for v1beta2. Never instantiated.
 */
@JsonPropertyOrder({"type", "image", "pushSecret", "additionalBuildOptions", "additionalPushOptions"})
@ValidationRule(value = "self.type != 'imagestream' || self.image.matches('^[^:/@\\\\s]+:[^:/@\\\\s]+$')",
        message = "an imagestream output image must be given as name:tag")
@ValidationRule(value = "self.type == 'docker' || (!has(self.pushSecret) && !has(self.additionalBuildOptions) "
        + "&& !has(self.additionalPushOptions))",
        message = "pushSecret and the additional options apply to the docker output only")
public class OutputSchemaV1 {
    enum Type { docker, imagestream }

    @JsonPropertyDescription("Output type: `docker` pushes to a container registry; `imagestream` pushes to an OpenShift ImageStream (OpenShift only).")
    @Required
    public Type type;

    @JsonPropertyDescription("For `docker`: the full name of the image to push, for example `registry.example.com:5000/repository/image:tag` "
            + "(without a tag, `latest` is used). For `imagestream`: the ImageStream and tag, as `name:tag`.")
    @Required
    public String image;

    @JsonPropertyDescription("The name of a Secret of type `kubernetes.io/dockerconfigjson` with the credentials for pushing the image.")
    public String pushSecret;

    @JsonPropertyDescription("Options for the build phase, each given as one item (for example `--tls-verify=false`). "
            + "The build phase reads the Dockerfile, pulls the base image, downloads the plugins and creates the image. "
            + "With Buildah (`UseConnectBuildWithBuildah` enabled) they are passed to `buildah build`; allowed: --authfile, "
            + "--cert-dir, --creds, --decryption-key, --retry, --retry-delay, --tls-verify. With Kaniko they are passed to "
            + "the executor, which allows the options listed for it in docs/connect-build.md.")
    public List<String> additionalBuildOptions;

    @JsonPropertyDescription("Options for the push phase, each given as one item (for example `--retry=3`). "
            + "The push phase uploads the built image to the registry. Used by Buildah only (passed to `buildah push`); "
            + "Kaniko builds and pushes in one step and ignores it. Allowed: --authfile, --cert-dir, --creds, --quiet, "
            + "--retry, --retry-delay, --tls-verify.")
    public List<String> additionalPushOptions;

    OutputSchemaV1() {
    }
}
