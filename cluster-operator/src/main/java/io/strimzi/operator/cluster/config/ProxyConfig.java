package io.strimzi.operator.cluster.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The operator's proxy settings, handed to builds so that downloads work behind a proxy. Null means unset. */
public record ProxyConfig(String httpProxy, String httpsProxy, String noProxy) {
    public static final ProxyConfig NONE = new ProxyConfig(null, null, null);

    /** The set variables by name (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), in that order. */
    public Map<String, String> asEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        if (httpProxy != null) {
            env.put(ClusterOperatorConfig.HTTP_PROXY, httpProxy);
        }
        if (httpsProxy != null) {
            env.put(ClusterOperatorConfig.HTTPS_PROXY, httpsProxy);
        }
        if (noProxy != null) {
            env.put(ClusterOperatorConfig.NO_PROXY, noProxy);
        }
        return env;
    }

    /**
     * Whether a proxy value carries credentials (`user:password@`, with or without a scheme): such a value reaches a build
     * only through a Secret, never as plain text in a Pod spec or a BuildConfig.
     */
    public static boolean hasCredentials(String value) {
        return value != null && value.lastIndexOf('@') >= 0;
    }

    /** The set variables whose value carries credentials, by name, in the order of {@link #asEnv}. */
    public Map<String, String> withCredentials() {
        Map<String, String> env = new LinkedHashMap<>(asEnv());
        env.values().removeIf(value -> !hasCredentials(value));
        return env;
    }

    /** Masks user:password in proxy URLs so the configuration can be logged. */
    @Override
    public String toString() {
        return "ProxyConfig(httpProxy=" + mask(httpProxy) + ", httpsProxy=" + mask(httpsProxy) + ", noProxy=" + noProxy + ")";
    }

    /**
     * Replaces everything between the scheme (if any) and the last `@` with `***`: a password may itself hold `@` or
     * `/` when the user did not percent-encode it, and curl-style values carry no scheme at all.
     */
    private static String mask(String url) {
        if (url == null) {
            return null;
        }
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        return url.substring(0, start) + "***" + url.substring(at);
    }
}
