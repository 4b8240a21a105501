package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A request to the API server failed (after the client's own retries): the message names what the operator was doing
 * and what the API server answered, for the log and the status.
 */
final class KubernetesRequestException extends RuntimeException {
    private final int code;
    private final Integer retryAfterSeconds;

    KubernetesRequestException(String operation, KubernetesClientException cause) {
        super(operation + " failed: " + describe(cause), cause);
        this.code = cause.getCode();
        this.retryAfterSeconds = cause.getStatus() != null && cause.getStatus().getDetails() != null
                ? cause.getStatus().getDetails().getRetryAfterSeconds() : null;
    }

    /** The HTTP status, or 0 when no response came (a time-out, a closed connection). */
    int code() {
        return code;
    }

    /**
     * How long the API server asked to wait before trying again (a 429 or 503 names it in the Status's
     * `details.retryAfterSeconds`, as in its Retry-After header), or null. The client's own retries do not keep to it
     * (fabric8 8.0.0 computes it and then waits its own back-off), so the operator's next attempt does.
     */
    java.time.Duration retryAfter() {
        return retryAfterSeconds != null && retryAfterSeconds > 0 ? java.time.Duration.ofSeconds(retryAfterSeconds) : null;
    }

    static String describe(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        if (e.getCode() > 0) {
            return "HTTP " + e.getCode() + ": " + message;
        }
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? message + " (" + cause.getMessage() + ")" : message;
    }
}
