package io.strimzi.localcluster;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.strimzi.mockapiserver.WatchCloseOffEventLoop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock server's CRUD dispatcher plus what kubectl needs from a real API server: API discovery
 * ({@link ApiDiscovery}), the scale subresource of custom resources ({@code kubectl scale}), which reads and
 * merge-patches the replicas at the CRD's {@code specReplicasPath}, and JSON merge patches as RFC 7386 defines them
 * (the CRUD dispatcher merges lists element by element; a merge patch replaces them, so {@code kubectl edit} of a
 * list, such as renaming a plugin, would otherwise add to it), and watches that close without stalling the server
 * ({@link WatchCloseOffEventLoop}). Everything else goes to the CRUD dispatcher.
 */
final class KubectlDispatcher extends KubernetesMixedDispatcher {
    private static final Pattern SCALE = Pattern.compile("^/apis/([^/]+)/([^/]+)/namespaces/([^/]+)/([^/]+)/([^/]+)/scale$");
    private static final String JSON = "application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ApiDiscovery discovery;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    KubectlDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, ApiDiscovery discovery) {
        super(expectations);
        this.discovery = discovery;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (request.method() == HttpMethod.GET) {
            var document = discovery.answer(withoutQuery);
            if (document.isPresent()) {
                return json(200, document.get());
            }
        }
        Matcher scale = SCALE.matcher(withoutQuery);
        if (scale.matches()) {
            var subresource = discovery.scale(scale.group(1), scale.group(2), scale.group(4));
            if (subresource.isPresent()) {
                String resourcePath = withoutQuery.substring(0, withoutQuery.length() - "/scale".length());
                return scale(request, resourcePath, subresource.get());
            }
        }
        if (request.method() == HttpMethod.PATCH && String.valueOf(request.getHeader("Content-Type")).startsWith(MERGE_PATCH)) {
            return mergePatch(request, withoutQuery);
        }
        // A watch: its close callbacks off the server's event loop.
        return WatchCloseOffEventLoop.offEventLoop(super.dispatch(request));
    }

    /** GET, PUT or PATCH of {@code .../scale}: an autoscaling/v1 Scale over the custom resource's replicas. */
    @SuppressWarnings("unchecked")
    private MockResponse scale(RecordedRequest request, String resourcePath, ApiDiscovery.Scale scale) {
        if (request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH) {
            Map<String, Object> body = serialization.unmarshal(request.getUtf8Body(), Map.class);
            Object replicas = body.get("spec") instanceof Map<?, ?> spec ? spec.get("replicas") : null;
            if (!(replicas instanceof Number)) {
                return json(422, status(422, "Invalid", "spec.replicas: a number is required"));
            }
            MockResponse patched = mergePatch(resourcePath, nested(scale.specReplicasPath(), replicas));
            if (patched.code() >= 300) {
                return patched;
            }
        } else if (request.method() != HttpMethod.GET) {
            return json(405, status(405, "MethodNotAllowed", request.getMethod() + " is not supported on scale"));
        }
        MockResponse current = super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, resourcePath,
                Headers.builder().build(), new Buffer()));
        if (current.code() >= 300) {
            return current;
        }
        Map<String, Object> resource = serialization.unmarshal(current.getBody().readUtf8(), Map.class);
        Map<String, Object> metadata = (Map<String, Object>) resource.get("metadata");
        Map<String, Object> scaleMetadata = new LinkedHashMap<>();
        for (String key : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (metadata.get(key) != null) {
                scaleMetadata.put(key, metadata.get(key));
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        Object statusReplicas = scale.statusReplicasPath() == null ? null : at(resource, scale.statusReplicasPath());
        status.put("replicas", statusReplicas == null ? 0 : statusReplicas);
        Object selector = scale.labelSelectorPath() == null ? null : at(resource, scale.labelSelectorPath());
        if (selector != null) {
            status.put("selector", selector);
        }
        Object specReplicas = at(resource, scale.specReplicasPath());
        return json(200, Map.of("kind", "Scale", "apiVersion", "autoscaling/v1", "metadata", scaleMetadata,
                "spec", Map.of("replicas", specReplicas == null ? 0 : specReplicas), "status", status));
    }

    @SuppressWarnings("unchecked")
    private MockResponse mergePatch(RecordedRequest request, String path) {
        return mergePatch(path, serialization.unmarshal(request.getUtf8Body(), Map.class));
    }

    /** Reads the object at path, applies the merge patch and writes the result with the read's resourceVersion. */
    @SuppressWarnings("unchecked")
    private MockResponse mergePatch(String path, Map<String, Object> patch) {
        MockResponse current = super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(), new Buffer()));
        if (current.code() >= 300) {
            return current;
        }
        Object merged = merge(serialization.unmarshal(current.getBody().readUtf8(), Map.class), patch);
        return super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, path,
                Headers.builder().add("Content-Type", JSON).build(), new Buffer().writeUtf8(serialization.asJson(merged))));
    }

    /** RFC 7386: an object merges key by key, null removes a key, anything else (a list too) replaces. */
    @SuppressWarnings("unchecked")
    static Object merge(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchObject)) {
            return patch;
        }
        Map<String, Object> result = target instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
        patchObject.forEach((key, value) -> {
            if (value == null) {
                result.remove((String) key);
            } else {
                result.put((String) key, merge(result.get(key), value));
            }
        });
        return result;
    }

    /** The value at a JSON path of the form {@code .spec.replicas}. */
    private static Object at(Map<String, Object> object, String path) {
        Object current = object;
        for (String key : path.replaceFirst("^\\.", "").split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** {@code .spec.replicas} and 3 → {"spec":{"replicas":3}}. */
    private static Map<String, Object> nested(String path, Object value) {
        String[] keys = path.replaceFirst("^\\.", "").split("\\.");
        Map<String, Object> result = Map.of(keys[keys.length - 1], value);
        for (int i = keys.length - 2; i >= 0; i--) {
            result = Map.of(keys[i], result);
        }
        return result;
    }

    private static Map<String, Object> status(int code, String reason, String message) {
        return Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "code", code, "reason", reason, "message", message);
    }

    private MockResponse json(int code, Object body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON).setBody(serialization.asJson(body));
    }
}
