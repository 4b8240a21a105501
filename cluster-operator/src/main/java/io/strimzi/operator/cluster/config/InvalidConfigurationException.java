package io.strimzi.operator.cluster.config;

/** A configuration value the operator cannot start with. The message names the variable and the value. */
public class InvalidConfigurationException extends RuntimeException {
    public InvalidConfigurationException(String message) {
        super(message);
    }

    public static InvalidConfigurationException of(String variable, String value, String reason) {
        return new InvalidConfigurationException("Invalid value '" + value + "' of " + variable + ": " + reason);
    }
}
