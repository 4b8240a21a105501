package io.strimzi.localcluster;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.v1.KafkaConnectV1;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the mock API server's dispatcher so that the two served versions of KafkaConnect are one collection, as an
 * API server keeps them with conversion None: the CRUD mock keeps a collection per version, so a resource applied as
 * kafka.strimzi.io/v1 would never reach the operator, which reads v1beta2. A request through v1 is served from the
 * storage version v1beta2, and its answer carries apiVersion v1. Not emulated: v1's schema validation and pruning (the
 * mock validates nothing) and the apiVersion of watch events through v1, which stay v1beta2.
 */
public final class KafkaConnectVersionsDispatcher extends Dispatcher {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String SERVED = KafkaConnect.GROUP + "/" + KafkaConnectV1.VERSION;
    private static final String STORAGE = KafkaConnect.GROUP + "/" + KafkaConnect.VERSION;
    private static final String SERVED_PATH = "/apis/" + SERVED + "/";

    private final Dispatcher storage;

    public KafkaConnectVersionsDispatcher(Dispatcher storage) {
        this.storage = storage;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!request.getPath().startsWith(SERVED_PATH)) {
            return storage.dispatch(request);
        }
        String path = "/apis/" + STORAGE + "/" + request.getPath().substring(SERVED_PATH.length());
        byte[] body = replaceApiVersion(request.getUtf8Body(), SERVED, STORAGE).getBytes(StandardCharsets.UTF_8);
        MockResponse response = storage.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(request.getMethod()), path,
                request.getHeaders(), new Buffer(body)));
        if (response.getWebSocketListener() == null && response.getBody() != null) {
            response.setBody(replaceApiVersion(response.getBody().readUtf8(), STORAGE, SERVED));
        }
        return response;
    }

    @Override
    public void shutdown() {
        storage.shutdown();
    }

    @Override
    public void releaseResources() {
        storage.releaseResources();
    }

    /** The apiVersion of a KafkaConnect, or of each one in a list, replaced; other JSON (patches, Status) as it is. */
    static String replaceApiVersion(String json, String from, String to) {
        if (json == null || !json.strip().startsWith("{")) {
            return json == null ? "" : json;
        }
        JsonNode node = SERIALIZATION.unmarshal(json, JsonNode.class);
        List<JsonNode> objects = new ArrayList<>(List.of(node));
        node.path("items").forEach(objects::add);
        objects.stream().filter(o -> o instanceof ObjectNode && from.equals(o.path("apiVersion").asString()))
                .forEach(o -> ((ObjectNode) o).put("apiVersion", to));
        return SERIALIZATION.asJson(node);
    }
}
