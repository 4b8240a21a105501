package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.operator.cluster.values.ImageReference;

/**
 * The termination message of a finished build container, checked against the output image.
 * Buildah's script and Kaniko's `--image-name-with-digest-file` both write one reference of the form
 * `<registry>/<repository>@sha256:<64 hex>`. Anything else means the build did not produce what we asked for.
 * Pure.
 */
public final class BuildTerminationMessage {
    /** Longest excerpt of a received message quoted in a failure. */
    static final int MAX_QUOTED_LENGTH = 300;

    private final String imageReference;
    private final String failure;

    private BuildTerminationMessage(String imageReference, String failure) {
        this.imageReference = imageReference;
        this.failure = failure;
    }

    /**
     * Checks a termination message against the output image of the build.
     *
     * @param message     what the build container wrote to its termination log (may be null)
     * @param outputImage the output image as the user wrote it (with or without a tag)
     */
    public static BuildTerminationMessage parse(String message, String outputImage) {
        if (message == null || message.isEmpty()) {
            return failed("the build container exited successfully but wrote no image reference to its termination message");
        }
        // One line: a single trailing newline is tolerated, nothing else.
        String line = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            return failed("the termination message must be exactly one image reference line, but it has several lines: "
                    + quote(message));
        }
        ImageReference received;
        try {
            received = ImageReference.parse(line);
        } catch (IllegalArgumentException e) {
            received = null;
        }
        if (received == null || !received.hasSha256Digest()) {
            return failed("the termination message is not an image reference <registry>/<repository>@sha256:<64 hex digits>: "
                    + quote(message));
        }
        if (received.tag() != null) {
            return failed("the image reference in the termination message carries a tag; expected a reference by digest only: "
                    + quote(message));
        }
        String expected;
        try {
            expected = ImageReference.parse(outputImage).canonicalName();
        } catch (IllegalArgumentException e) {
            return failed("the build output " + quote(outputImage) + " is not an image reference: " + e.getMessage());
        }
        if (!received.canonicalName().equals(expected)) {
            return failed("the termination message names repository " + received.canonicalName() + " but the build output is "
                    + expected + ": " + quote(message));
        }
        return new BuildTerminationMessage(line, null);
    }

    /** Whether the message is a valid reference to the output image. */
    public boolean isValid() {
        return failure == null;
    }

    /** The image reference by digest, as received; null when invalid. */
    public String imageReference() {
        return imageReference;
    }

    /** Why the message was refused, quoting what was received; null when valid. */
    public String failure() {
        return failure;
    }

    private static BuildTerminationMessage failed(String why) {
        return new BuildTerminationMessage(null, why);
    }

    /** Quotes a received value on one line, keeping its tail when long (the end of a log says most). */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED_LENGTH ? "…" + value.substring(value.length() - MAX_QUOTED_LENGTH) : value;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }
}
