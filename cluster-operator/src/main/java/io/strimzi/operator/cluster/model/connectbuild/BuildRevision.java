package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.operator.cluster.values.Sha256;

/**
 * The revision of a build: a new revision means a new build. It hashes what defines the image (the tool's input: the
 * Dockerfile for Buildah, Kaniko and OpenShift) and the output image; options, secrets, resources and templates do
 * not count. Pinned by RevisionStabilityTest: a changed formula would rebuild every KafkaConnect on upgrade.
 */
final class BuildRevision {
    static final int LENGTH = 16;

    private BuildRevision() {
    }

    /** The first 16 hex digits of the SHA-256 of the definition, a NUL, and the output image as the user wrote it. */
    static String of(String definition, String outputImage) {
        // The NUL separates the two, so that moving text between them changes the hash.
        return Sha256.hex(definition + '\0' + outputImage, LENGTH);
    }
}
