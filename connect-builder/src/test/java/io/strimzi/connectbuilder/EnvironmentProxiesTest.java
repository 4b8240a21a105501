package io.strimzi.connectbuilder;

import org.junit.jupiter.api.Test;

import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentProxiesTest {
    @Test
    void theSchemesProxyUnlessNoProxySaysOtherwise() {
        EnvironmentProxies proxies = EnvironmentProxies.from(Map.of("HTTP_PROXY", "http://user:p%40ss@proxy:3128",
                "https_proxy", "proxy-tls:3129", "NO_PROXY", "localhost, .svc,example.com:8443,10.0.0.0/8,[::1]"));
        assertEquals(new EnvironmentProxies.Endpoint("proxy", 3128, "user", "p@ss"), proxies.endpointFor("http", "repo.example.org"));
        assertEquals(new EnvironmentProxies.Endpoint("proxy-tls", 3129, null, null), proxies.endpointFor("https", "repo.example.org"));
        assertNull(proxies.endpointFor("https", "localhost"));
        assertNull(proxies.endpointFor("https", "registry.kafka.svc"), "a leading dot: the domain and below");
        assertNull(proxies.endpointFor("https", "mirror.example.com"), "a domain: its subdomains too");
        assertNull(proxies.endpointFor("http", "10.1.2.3"), "CIDR");
        assertNull(proxies.endpointFor("http", "[::1]"));
        assertEquals(List.of(Proxy.NO_PROXY), proxies.select(URI.create("https://localhost/x")));
        assertEquals("proxies: http proxy:3128 (with credentials), https proxy-tls:3129, direct for localhost,svc,example.com,10.0.0.0/8,::1",
                proxies.describe(), "never the password");
        assertFalse(proxies.bypasses("notexample.com"));
    }

    @Test
    void noVariablesNoProxyAndStarBypassesAll() {
        assertEquals("no proxy", EnvironmentProxies.from(Map.of()).describe());
        assertTrue(EnvironmentProxies.from(Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "*")).bypasses("anything"));
    }

    @Test
    void messagesNeverShowCredentialsOfAUrl() {
        assertEquals("https://***@repo.example.com/a.jar", Messages.safeUrl("https://user:secret@repo.example.com/a.jar"));
        assertEquals("https://repo.example.com/a@b.jar", Messages.safeUrl("https://repo.example.com/a@b.jar"));
    }
}
