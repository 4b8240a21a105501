package io.strimzi.operator.cluster.model;

/**
 * A custom resource the operator cannot act on. The message names the field path (e.g. `.spec.build.plugins[0].name`)
 * and the reason; it becomes the message of the resource's Ready=False condition.
 */
public class InvalidResourceException extends RuntimeException {
    public InvalidResourceException(String message) {
        super(message);
    }
}
