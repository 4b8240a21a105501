package io.strimzi.connectbuilder;

/**
 * A build that cannot go on, with the message the termination log gets: what failed (which artifact, which URL, which
 * HTTP status, which registry answer) in words a user can act on. Never holds a credential.
 */
public final class BuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
