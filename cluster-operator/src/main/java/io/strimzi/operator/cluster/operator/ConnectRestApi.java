package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
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
 *
 * <p>It is asked only when there is something to learn ({@link #due}): once the Deployment's rollout is complete with a
 * ready pod, and then again only when the Deployment's generation (its pods: image, plugin volumes) or the desired levels
 * change. A periodic pass over unchanged Connect clusters sends nothing (each request costs a name lookup and a worker
 * thread; a Connect cluster that does not answer would hold one for seconds).
 */
final class ConnectRestApi {
    private static final Logger LOGGER = LogManager.getLogger(ConnectRestApi.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    /** Per KafkaConnect (`namespace/name`), what its REST API last answered for. */
    private final Map<String, Answered> answered = new java.util.concurrent.ConcurrentHashMap<>();

    /** The Deployment generation and the levels of an answer. */
    private record Answered(Long generation, Map<String, String> levels) {
    }

    /**
     * Whether to ask the REST API now: the Deployment's rollout is complete (its controller observed its generation and
     * every pod runs it) with a pod ready, and no answer was had for that generation and these levels.
     */
    boolean due(Reconciliation r, Deployment deployment, Map<String, String> levels) {
        if (deployment == null || deployment.getStatus() == null) {
            return false;
        }
        DeploymentStatus status = deployment.getStatus();
        Long generation = deployment.getMetadata().getGeneration();
        boolean rolledOut = java.util.Objects.equals(status.getObservedGeneration(), generation)
                && status.getReadyReplicas() != null && status.getReadyReplicas() > 0
                && java.util.Objects.equals(status.getUpdatedReplicas(), status.getReplicas());
        return rolledOut && !new Answered(generation, levels).equals(answered.get(r.key()));
    }

    /** The KafkaConnect is gone. */
    void forget(Reconciliation r) {
        answered.remove(r.key());
    }

    /** What one look at the REST API found: the plugins, or empty when it did not answer. */
    record Observed(Optional<List<ConnectorPlugin>> plugins) {
    }

    /**
     * Sets the levels that differ from the desired ones, then reads the plugins.
     *
     * @param baseUrl    the REST API, `http://<service>.<namespace>.svc:8083`
     * @param deployment the Connect Deployment as stored, for which {@link #due} said yes
     * @param levels     logger name (`root` for the root logger) to level
     */
    Observed observe(Reconciliation r, String baseUrl, Deployment deployment, Map<String, String> levels) {
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
            answered.put(r.key(), new Answered(deployment.getMetadata().getGeneration(), Map.copyOf(levels)));
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
