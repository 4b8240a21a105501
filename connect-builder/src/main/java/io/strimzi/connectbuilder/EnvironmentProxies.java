package io.strimzi.connectbuilder;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxies of the build Pod's environment, as curl and Go programs (Buildah) read them: `HTTP_PROXY` for http URLs,
 * `HTTPS_PROXY` for https URLs, `NO_PROXY` for the hosts that are reached directly (lower-case names too; upper case
 * wins). A proxy URL may carry `user:password@`, used for the proxy's Basic authentication and never printed.
 *
 * <p>`NO_PROXY` entries: `*` (no proxy at all), a host name (that host and its subdomains; a leading `.` is the
 * same), an IP address, or a CIDR block; a `:port` suffix is ignored.
 */
public final class EnvironmentProxies extends ProxySelector {
    private final Endpoint http;
    private final Endpoint https;
    private final List<String> noProxy;

    /** A proxy: where it is and its credentials (null when none). */
    record Endpoint(String host, int port, String username, String password) {
        Proxy proxy() {
            return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
        }

        /** What a log may show: host and port, no credentials. */
        @Override
        public String toString() {
            return host + ":" + port + (username != null ? " (with credentials)" : "");
        }
    }

    private EnvironmentProxies(Endpoint http, Endpoint https, List<String> noProxy) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
    }

    /**
     * @throws BuildException when a proxy variable is not a URL
     */
    public static EnvironmentProxies from(Map<String, String> env) {
        return new EnvironmentProxies(endpoint(variable(env, "HTTP_PROXY"), "HTTP_PROXY"),
                endpoint(variable(env, "HTTPS_PROXY"), "HTTPS_PROXY"), noProxyList(variable(env, "NO_PROXY")));
    }

    private static String variable(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            value = env.get(name.toLowerCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Endpoint endpoint(String value, String name) {
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(value.contains("://") ? value : "http://" + value);
        } catch (IllegalArgumentException e) {
            throw new BuildException(name + " is not a proxy URL");
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new BuildException(name + " is not an http:// proxy URL with a host");
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return new Endpoint(uri.getHost(), port, username, password);
    }

    private static List<String> noProxyList(String value) {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(",")) {
                String host = entry.strip().toLowerCase(Locale.ROOT);
                if (host.startsWith("[") && host.contains("]")) {
                    host = host.substring(1, host.indexOf(']'));
                } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
                    host = host.substring(0, host.indexOf(':'));
                }
                if (!host.isEmpty()) {
                    entries.add(host.startsWith(".") ? host.substring(1) : host);
                }
            }
        }
        return List.copyOf(entries);
    }

    /** The proxy for a URL's scheme and host, or null to connect directly. */
    Endpoint endpointFor(String scheme, String host) {
        Endpoint endpoint = "https".equalsIgnoreCase(scheme) ? https : "http".equalsIgnoreCase(scheme) ? http : null;
        if (endpoint == null || host == null || bypasses(host.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return endpoint;
    }

    boolean bypasses(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        for (String entry : noProxy) {
            if (entry.equals("*") || bare.equals(entry) || bare.endsWith("." + entry) || inCidr(bare, entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inCidr(String host, String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !isAddress(host)) {
            return false;
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (address.length != network.length || bits < 0 || bits > address.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** An IP literal (never resolved by name here: NO_PROXY compares what the URL says). */
    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    @Override
    public List<Proxy> select(URI uri) {
        Endpoint endpoint = endpointFor(uri.getScheme(), uri.getHost());
        return List.of(endpoint == null ? Proxy.NO_PROXY : endpoint.proxy());
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // nothing to fall back to: the request fails with its own message
    }

    /** Answers the proxies' Basic authentication with their URL credentials; nothing else. */
    public Authenticator authenticator() {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    return null;
                }
                for (Endpoint endpoint : new Endpoint[] {http, https}) {
                    if (endpoint != null && endpoint.username() != null && endpoint.host().equalsIgnoreCase(getRequestingHost())
                            && endpoint.port() == getRequestingPort()) {
                        return new PasswordAuthentication(endpoint.username(), endpoint.password().toCharArray());
                    }
                }
                return null;
            }
        };
    }

    /** What the builder's log says about its proxies (no credentials). */
    public String describe() {
        if (http == null && https == null) {
            return "no proxy";
        }
        return "proxies: http " + (http == null ? "direct" : http) + ", https " + (https == null ? "direct" : https)
                + (noProxy.isEmpty() ? "" : ", direct for " + String.join(",", noProxy));
    }

    Endpoint http() {
        return http;
    }

    Endpoint https() {
        return https;
    }

    List<String> noProxy() {
        return noProxy;
    }
}
