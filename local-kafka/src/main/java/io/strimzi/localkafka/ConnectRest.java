package io.strimzi.localkafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small client of the Kafka Connect REST API (JDK HttpClient, JSON through Jackson). */
public final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectRest(URI base) {
        this.base = base;
    }

    /** An answer: HTTP status and body. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    /** One entry of {@code GET /connector-plugins}. */
    public record ConnectorPlugin(String className, String type, String version) {
    }

    public URI base() {
        return base;
    }

    /** {@code GET path}; a refused connection is an {@link UncheckedIOException}. */
    public Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** {@code GET /connector-plugins}: the connector plugins the worker loaded. */
    public List<ConnectorPlugin> connectorPlugins() {
        List<ConnectorPlugin> plugins = new ArrayList<>();
        for (JsonNode plugin : expectOk(get("/connector-plugins"), "GET /connector-plugins")) {
            plugins.add(new ConnectorPlugin(plugin.path("class").asText(), plugin.path("type").asText(),
                    plugin.path("version").asText()));
        }
        return plugins;
    }

    /** {@code POST /connectors} with this name and configuration; returns the worker's answer. */
    public JsonNode createConnector(String name, Map<String, String> config) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("name", name, "config", config));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return expectOk(send(HttpRequest.newBuilder(base.resolve("/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), "POST /connectors " + name);
    }

    /** {@code GET /connectors/<name>/status} as it answers (404 while the connector is unknown). */
    public Response connectorStatus(String name) {
        return get("/connectors/" + encode(name) + "/status");
    }

    /** The level of a logger as Connect reports it ({@code GET /admin/loggers/<logger>}). */
    public String loggerLevel(String logger) {
        return expectOk(get("/admin/loggers/" + encode(logger)), "GET /admin/loggers/" + logger).path("level").asText();
    }

    private static JsonNode expectOk(Response response, String what) {
        if (!response.ok()) {
            throw new IllegalStateException(what + " answered HTTP " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Connect REST API at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
