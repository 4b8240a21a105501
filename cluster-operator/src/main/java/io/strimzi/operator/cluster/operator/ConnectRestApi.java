package io.strimzi.operator.cluster.operator;

import io.strimzi.api.kafka.model.connect.ConnectorPlugin;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
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
import java.util.Optional;

/**
 * What the operator asks a Connect cluster's REST API (through its Service, as Strimzi does): the connector plugins
 * its workers loaded, for `status.connectorPlugins`, and the logger levels, which it sets in every worker
 * (`scope=cluster`) so that a change of levels needs no restart. A Connect cluster that does not answer (pods still
 * starting, none scheduled) is not an error: the status keeps what it had, and a later reconciliation asks again.
 * Blocking: call from a worker thread.
 */
final class ConnectRestApi {
    private static final Logger LOGGER = LogManager.getLogger(ConnectRestApi.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** What one look at the REST API found: the plugins, or empty when it did not answer. */
    record Observed(Optional<List<ConnectorPlugin>> plugins) {
    }

    /**
     * Sets the levels that differ from the desired ones, then reads the plugins.
     *
     * @param baseUrl the REST API, `http://<service>.<namespace>.svc:8083`
     * @param levels  logger name (`root` for the root logger) to level
     */
    Observed observe(Reconciliation r, String baseUrl, Map<String, String> levels) {
        try {
            JsonNode current = get(baseUrl + "/admin/loggers");
            for (Map.Entry<String, String> level : levels.entrySet()) {
                if (!level.getValue().equalsIgnoreCase(current.path(level.getKey()).path("level").asString(""))) {
                    put(baseUrl + "/admin/loggers/" + URLEncoder.encode(level.getKey(), StandardCharsets.UTF_8) + "?scope=cluster",
                            JSON.writeValueAsString(Map.of("level", level.getValue())));
                    LOGGER.info("{}: logger {} set to {} in the running workers", r, level.getKey(), level.getValue());
                }
            }
            List<ConnectorPlugin> plugins = new ArrayList<>();
            for (JsonNode entry : get(baseUrl + "/connector-plugins?connectorsOnly=false")) {
                ConnectorPlugin plugin = new ConnectorPlugin();
                plugin.setClassName(entry.path("class").asString());
                plugin.setType(entry.path("type").isMissingNode() ? null : entry.path("type").asString());
                plugin.setVersion(entry.path("version").isMissingNode() ? null : entry.path("version").asString());
                plugins.add(plugin);
            }
            plugins.sort(java.util.Comparator.comparing(ConnectorPlugin::getClassName));
            return new Observed(Optional.of(plugins));
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            LOGGER.debug("{}: the Connect REST API at {} did not answer: {}", r, baseUrl, e.toString());
            return new Observed(Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Observed(Optional.empty());
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private void put(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("PUT " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
