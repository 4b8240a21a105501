package io.strimzi.operator.cluster.config;

import io.strimzi.operator.cluster.values.ControlCharacters;

/** A configuration value the operator cannot start with. The message names the variable and the value. */
public class InvalidConfigurationException extends RuntimeException {
    public InvalidConfigurationException(String message) {
        super(message);
    }

    public static InvalidConfigurationException of(String variable, String value, String reason) {
        return new InvalidConfigurationException("Invalid value '" + printable(value) + "' of " + variable + ": " + printable(reason));
    }

    /** The value with line breaks and other control characters escaped, so that the error stays one log line. */
    static String printable(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ControlCharacters.is(c)) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}
