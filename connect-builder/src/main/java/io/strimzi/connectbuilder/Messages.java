package io.strimzi.connectbuilder;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/** How failures read in the termination log: the cause, without credentials. */
final class Messages {
    private Messages() {
    }

    /** A URL with any `user:password@` replaced by `***@`. */
    static String safeUrl(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int hostStart = scheme + 3;
        int pathStart = url.indexOf('/', hostStart);
        String authority = pathStart < 0 ? url.substring(hostStart) : url.substring(hostStart, pathStart);
        int at = authority.lastIndexOf('@');
        return at < 0 ? url : url.substring(0, hostStart) + "***" + url.substring(hostStart + at);
    }

    /** An exception's message and its causes', as one line. */
    static String of(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < 600; cause = cause.getCause()) {
            String message = describe(cause);
            if (!text.toString().contains(message)) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(message);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }

    private static String describe(Throwable error) {
        if (error instanceof UnknownHostException) {
            return "unknown host " + error.getMessage();
        }
        if (error instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (error instanceof ConnectException && (error.getMessage() == null || error.getMessage().isEmpty())) {
            return "connection refused";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message.strip().replace('\n', ' ');
    }
}
