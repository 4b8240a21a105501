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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRUD mock API server plus the two things it does not do that the operator relies on:
 * <ul>
 *   <li>OpenShift's `buildconfigs/<name>/instantiate` subresource, emulated as OpenShift's API server does it: it
 *       creates the Build `<name>-<number>` from the stored BuildConfig, labels it `openshift.io/build-config.name`,
 *       copies the BuildRequest's labels and annotations onto it (without overriding OpenShift's own) and answers with
 *       the Build;</li>
 *   <li>refusing a request once with an error `Status`, as an admission controller or a quota would.</li>
 * </ul>
 */
final class FakeApiServer extends KubernetesCrudDispatcher {
    private static final Pattern INSTANTIATE = Pattern.compile(
            "^/apis/build\\.openshift\\.io/v1/namespaces/([^/]+)/buildconfigs/([^/]+)/instantiate$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

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
        spec.keySet().removeAll(java.util.List.of("runPolicy", "successfulBuildsHistoryLimit", "failedBuildsHistoryLimit", "triggers"));
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
