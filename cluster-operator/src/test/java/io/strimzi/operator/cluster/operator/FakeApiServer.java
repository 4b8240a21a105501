package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.v1.KafkaConnectV1;
import io.strimzi.mockapiserver.WatchCloseOffEventLoop;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRUD mock API server plus what it does not do (or does wrong) that the operator relies on:
 * <ul>
 *   <li>OpenShift's `buildconfigs/<name>/instantiate` subresource, emulated as OpenShift's API server does it: it
 *       creates the Build `<name>-<number>` from the stored BuildConfig, labels it `openshift.io/build-config.name`,
 *       copies the BuildRequest's labels and annotations onto it (without overriding OpenShift's own) and answers with
 *       the Build;</li>
 *   <li>refusing a request once with an error `Status`, as an admission controller or a quota would;</li>
 *   <li>closing a watch without stalling the server ({@link WatchCloseOffEventLoop});</li>
 *   <li>one collection of KafkaConnects for both served versions, as an API server keeps it with conversion None
 *       (the mock keeps a collection per version): a request through v1 is served from the storage version v1beta2,
 *       with apiVersion v1 in what it answers. Not emulated: v1's schema validation and pruning (the mock validates
 *       nothing), and the apiVersion of watch events through v1, which stay v1beta2.</li>
 * </ul>
 */
final class FakeApiServer extends KubernetesCrudDispatcher {
    private static final Pattern INSTANTIATE = Pattern.compile(
            "^/apis/build\\.openshift\\.io/v1/namespaces/([^/]+)/buildconfigs/([^/]+)/instantiate$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String SERVED_API_VERSION = KafkaConnect.GROUP + "/" + KafkaConnectV1.VERSION;
    private static final String STORAGE_API_VERSION = KafkaConnect.GROUP + "/" + KafkaConnect.VERSION;
    private static final String SERVED_KAFKA_CONNECTS = "/apis/" + SERVED_API_VERSION + "/";

    private record Refusal(String method, String path, int code, String reason, String message) {
    }

    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> buildNumbers = new ConcurrentHashMap<>();

    /** The next request with this method and path (without query) gets this error instead of being served. */
    void refuseOnce(String method, String path, int code, String reason, String message) {
        refusals.add(new Refusal(method, path, code, reason, message));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().startsWith(SERVED_KAFKA_CONNECTS)) {
            return servedFromStorage(request);
        }
        String path = request.getPath().split("\\?")[0];
        for (Refusal refusal : refusals) {
            if (refusal.method().equals(request.getMethod()) && refusal.path().equals(path) && refusals.remove(refusal)) {
                return new MockResponse().setResponseCode(refusal.code()).setBody(SERIALIZATION.asJson(new StatusBuilder()
                        .withStatus("Failure").withCode(refusal.code()).withReason(refusal.reason())
                        .withMessage(refusal.message()).build()));
            }
        }
        Matcher instantiate = INSTANTIATE.matcher(path);
        if ("POST".equals(request.getMethod()) && instantiate.matches()) {
            return instantiate(instantiate.group(1), instantiate.group(2), request.getUtf8Body());
        }
        return super.dispatch(request);
    }

    /** Every watch with its close callbacks off the event loop: see {@link WatchCloseOffEventLoop}. */
    @Override
    public MockResponse handleWatch(String path) {
        return WatchCloseOffEventLoop.offEventLoop(super.handleWatch(path));
    }

    /** The request as made through the storage version, and its answer in the version it was made with. */
    private MockResponse servedFromStorage(RecordedRequest request) {
        String path = "/apis/" + STORAGE_API_VERSION + "/" + request.getPath().substring(SERVED_KAFKA_CONNECTS.length());
        String body = request.getUtf8Body();
        RecordedRequest stored = new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(request.getMethod()), path,
                request.getHeaders(), new Buffer(withApiVersion(body, SERVED_API_VERSION, STORAGE_API_VERSION)
                        .getBytes(StandardCharsets.UTF_8)));
        MockResponse response = dispatch(stored);
        if (!path.contains("watch=true") && response.getBody() != null) {
            response.setBody(withApiVersion(response.getBody().readUtf8(), STORAGE_API_VERSION, SERVED_API_VERSION));
        }
        return response;
    }

    /** JSON of a KafkaConnect or a list of them with one apiVersion replaced; anything else (a patch, a Status) as it is. */
    private static String withApiVersion(String json, String from, String to) {
        if (json == null || json.isBlank() || !json.strip().startsWith("{")) {
            return json;
        }
        JsonNode node = SERIALIZATION.unmarshal(json, JsonNode.class);
        List<JsonNode> objects = new ArrayList<>(List.of(node));
        node.path("items").forEach(objects::add);
        for (JsonNode object : objects) {
            if (object instanceof ObjectNode o && from.equals(o.path("apiVersion").asString())) {
                o.put("apiVersion", to);
            }
        }
        return SERIALIZATION.asJson(node);
    }

    @SuppressWarnings("unchecked")
    private MockResponse instantiate(String namespace, String buildConfigName, String body) {
        String collection = "/apis/build.openshift.io/v1/namespaces/" + namespace;
        MockResponse stored = handleGet(collection + "/buildconfigs/" + buildConfigName);
        if (stored.code() != 200) {
            return stored;
        }
        GenericKubernetesResource buildConfig = SERIALIZATION.unmarshal(stored.getBody().readUtf8(), GenericKubernetesResource.class);
        GenericKubernetesResource request = SERIALIZATION.unmarshal(body, GenericKubernetesResource.class);
        int number = buildNumbers.merge(namespace + "/" + buildConfigName, 1, Integer::sum);

        Map<String, String> labels = new LinkedHashMap<>();
        if (buildConfig.getMetadata().getLabels() != null) {
            labels.putAll(buildConfig.getMetadata().getLabels());
        }
        labels.put(OpenShiftBuildBackend.BUILD_CONFIG_LABEL, buildConfigName);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(OpenShiftBuildBackend.BUILD_CONFIG_LABEL, buildConfigName);
        annotations.put(OpenShiftBuildBackend.BUILD_NUMBER_ANNOTATION, Integer.toString(number));
        if (request.getMetadata().getLabels() != null) {
            request.getMetadata().getLabels().forEach(labels::putIfAbsent);
        }
        if (request.getMetadata().getAnnotations() != null) {
            request.getMetadata().getAnnotations().forEach(annotations::putIfAbsent);
        }
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) buildConfig.getAdditionalProperties().get("spec"));
        spec.keySet().removeAll(List.of("runPolicy", "successfulBuildsHistoryLimit", "failedBuildsHistoryLimit", "triggers"));
        GenericKubernetesResource build = new GenericKubernetesResource();
        build.setApiVersion("build.openshift.io/v1");
        build.setKind("Build");
        build.setMetadata(new ObjectMetaBuilder().withName(buildConfigName + "-" + number).withNamespace(namespace)
                .withLabels(labels).withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("build.openshift.io/v1").withKind("BuildConfig")
                        .withName(buildConfigName).withUid(buildConfig.getMetadata().getUid()).build())
                .build());
        build.setAdditionalProperty("spec", spec);
        build.setAdditionalProperty("status", Map.of("phase", "New", "config", Map.of("kind", "BuildConfig",
                "namespace", namespace, "name", buildConfigName)));
        // Through the Kubernetes create handler, which fills in uid, resourceVersion and creationTimestamp.
        return handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST, collection + "/builds",
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(SERIALIZATION.asJson(build).getBytes(StandardCharsets.UTF_8))));
    }
}
