package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.ImageStreamOutput;
import io.strimzi.api.kafka.model.connect.build.Output;
import io.strimzi.operator.cluster.model.ConnectImages;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ImageReference;
import io.strimzi.operator.cluster.values.KubernetesNames;

/** Where a build puts the image: `.spec.build.output`, validated. Which tool can push where is the tool's to say. */
sealed interface BuildOutput permits BuildOutput.Registry, BuildOutput.ImageStream {
    String FIELD = ".spec.build.output";

    /** The output image as the user wrote it: part of the revision, shown in status and events. */
    String image();

    /**
     * A `docker` output: an image in a registry.
     *
     * @param pushSecret the Secret with the registry credentials (`.dockerconfigjson`), or null
     */
    record Registry(ImageReference reference, String pushSecret) implements BuildOutput {
        @Override
        public String image() {
            return reference.toString();
        }
    }

    /** An `imagestream` output: a tag of an ImageStream in the KafkaConnect's namespace (OpenShift only). */
    record ImageStream(String name, String tag) implements BuildOutput {
        @Override
        public String image() {
            return name + ":" + tag;
        }
    }

    /**
     * @param baseImage the base image when `.spec.image` names it, else null (a configured image cannot be the output)
     * @throws InvalidResourceException naming the field
     */
    static BuildOutput fromCrd(Output output, String baseImage) {
        if (output == null) {
            // Also what an output without `type` reads as.
            throw new InvalidResourceException(FIELD + ": is required, with a type (docker or imagestream)");
        }
        String image = output.getImage();
        if (image == null || image.isBlank()) {
            throw new InvalidResourceException(FIELD + ".image: is required");
        }
        if (output instanceof ImageStreamOutput) {
            int colon = image.lastIndexOf(':');
            if (colon <= 0 || !KubernetesNames.isDns1123Subdomain(image.substring(0, colon))
                    || !ImageReference.isValidTag(image.substring(colon + 1))) {
                throw new InvalidResourceException(FIELD + ".image: '" + image + "' is not an ImageStream and tag given as name:tag");
            }
            return new ImageStream(image.substring(0, colon), image.substring(colon + 1));
        }
        DockerOutput docker = (DockerOutput) output;
        ImageReference reference = ConnectImages.parse(FIELD + ".image", image);
        if (reference.digest() != null) {
            throw new InvalidResourceException(FIELD + ".image: '" + image
                    + "' names a digest; the build pushes to a tag (or latest), so give a name with an optional tag");
        }
        if (baseImage != null && ImageReference.parse(baseImage).sameImageAs(reference)) {
            throw new InvalidResourceException(".spec.image: the base image '" + baseImage + "' is the build's output image "
                    + FIELD + ".image; each build would start from the previous one. Use a different output image");
        }
        if (docker.getPushSecret() != null && !KubernetesNames.isDns1123Subdomain(docker.getPushSecret())) {
            throw new InvalidResourceException(FIELD + ".pushSecret: '" + docker.getPushSecret() + "' is not a valid Secret name");
        }
        return new Registry(reference, docker.getPushSecret());
    }
}
