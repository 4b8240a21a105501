package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenShift path: BuildConfig, Builds started through `instantiate`, the digest from the Build's status. */
class OpenShiftBuildTest extends ConnectBuildTestBase {
    private static final BuildRetryPolicy SLOW_RETRY = new BuildRetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30));
    private static final String INTERNAL_REGISTRY = "image-registry.openshift-image-registry.svc:5000";

    private KafkaConnectAssemblyOperator openShiftOperator(String gates) {
        return operator(config(gates, 60_000), Platform.OPENSHIFT, SLOW_RETRY);
    }

    private GenericKubernetesResource buildConfig(String name) {
        return client.genericKubernetesResources(OpenShiftBuildBackend.BUILD_CONFIGS).inNamespace(NS)
                .withName(BuildNames.buildConfigName(name)).get();
    }

    private GenericKubernetesResource build(String buildName) {
        return client.genericKubernetesResources(OpenShiftBuildBackend.BUILDS).inNamespace(NS).withName(buildName).get();
    }

    private List<GenericKubernetesResource> builds() {
        return client.genericKubernetesResources(OpenShiftBuildBackend.BUILDS).inNamespace(NS).list().getItems();
    }

    /** Waits for the Build and for the status that reports it running; returns the Build. */
    private GenericKubernetesResource awaitBuild(String buildName) {
        String connect = buildName.substring(0, buildName.indexOf("-connect-build-"));
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            KafkaConnect kc = get(connect);
            return build(buildName) != null && kc.getStatus() != null && kc.getStatus().getBuild() != null
                    && buildName.equals(kc.getStatus().getBuild().getPodName()) && "Running".equals(kc.getStatus().getBuild().getPhase());
        });
        return build(buildName);
    }

    /** OpenShift's build controller: the Build reaches a final phase. */
    private void finishOpenShiftBuild(String buildName, String phase, Map<String, Object> extraStatus) {
        client.genericKubernetesResources(OpenShiftBuildBackend.BUILDS).inNamespace(NS).withName(buildName).edit(b -> {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("phase", phase);
            status.put("startTimestamp", b.getMetadata().getCreationTimestamp());
            status.put("completionTimestamp", java.time.Instant.now().toString());
            status.putAll(extraStatus);
            b.setAdditionalProperty("status", status);
            return b;
        });
    }

    private static Map<String, Object> pushed(String digest) {
        return Map.of("output", Map.of("to", Map.of("imageDigest", digest)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String... path) {
        Object current = value;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    private List<String> instantiations(List<String> writes) {
        return writes.stream().filter(w -> w.startsWith("POST") && w.contains("/instantiate")).toList();
    }

    @Test
    void buildsWithABuildConfigAndRollsConnectOntoTheDigest() throws InterruptedException {
        KafkaConnectAssemblyOperator op = openShiftOperator("+UseConnectBuildWithBuildah");
        apply(connectYaml("os", "https://example.com/echo-1.jar", ""));
        reconcile(op, "os");

        GenericKubernetesResource build = awaitBuild("os-connect-build-1");
        GenericKubernetesResource buildConfig = buildConfig("os");
        Map<String, Object> spec = map(buildConfig.getAdditionalProperties(), "spec");
        assertEquals("Serial", spec.get("runPolicy"));
        assertEquals("Docker", map(spec, "strategy").get("type"));
        String dockerfile = (String) map(spec, "source").get("dockerfile");
        assertTrue(dockerfile.contains("https://example.com/echo-1.jar"), dockerfile);
        assertTrue(dockerfile.contains("debezium-connector-postgres-3.0.0.Final-plugin.tar.gz"), dockerfile);
        assertEquals(Map.of("kind", "DockerImage", "name", OUTPUT + ":latest"), map(spec, "output", "to"));
        assertEquals("registry-credentials", map(spec, "output", "pushSecret").get("name"));
        String revision = buildConfig.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION);
        assertNotNull(revision);
        // The revision reached the Build through the BuildRequest, as OpenShift copies it.
        assertEquals(revision, build.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION));
        assertNull(buildPod("os"), "no build Pod on OpenShift");
        assertNull(client.configMaps().inNamespace(NS).withName("os-connect-dockerfile").get());

        await().atMost(20, TimeUnit.SECONDS).until(() -> get("os").getStatus() != null && get("os").getStatus().getBuild() != null
                && "Running".equals(get("os").getStatus().getBuild().getPhase()));
        assertEquals("openshift", get("os").getStatus().getBuild().getBuilder());
        assertEquals("os-connect-build-1", get("os").getStatus().getBuild().getPodName());
        assertEquals("BuildRunning", condition("os", "Ready").getReason());

        finishOpenShiftBuild("os-connect-build-1", "Complete", pushed(DIGEST));
        awaitBuildDone("os");
        assertEquals(OUTPUT + "@" + DIGEST, deployment("os").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(revision, deployment("os").getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION));
        assertEquals("True", condition("os", "Ready").getStatus());
        assertEquals(OUTPUT + "@" + DIGEST, get("os").getStatus().getBuild().getImage());
        assertNotNull(build("os-connect-build-1"), "the finished Build stays for oc logs");
        assertTrue(events("os").stream().anyMatch(e -> "BuildSucceeded".equals(e.getReason())));

        // Nothing changed: nothing is written and no Build is started.
        drainRequests();
        reconcile(op, "os");
        assertEquals(List.of(), writeRequests());
    }

    @Test
    void aFailedBuildKeepsTheRunningImageAndQuotesOpenShift() {
        KafkaConnectAssemblyOperator op = openShiftOperator("+UseConnectBuildWithBuildah");
        apply(connectYaml("osfail", "https://example.com/echo-1.jar", ""));
        reconcile(op, "osfail");
        awaitBuild("osfail-connect-build-1");
        finishOpenShiftBuild("osfail-connect-build-1", "Complete", pushed(DIGEST));
        awaitBuildDone("osfail");

        client.resources(KafkaConnect.class).inNamespace(NS).withName("osfail").edit(kc -> {
            ((JarArtifact) kc.getSpec().getBuild().getPlugins().get(0).getArtifacts().get(0)).setUrl("https://example.com/missing.jar");
            return kc;
        });
        reconcile(op, "osfail");
        awaitBuild("osfail-connect-build-2");
        finishOpenShiftBuild("osfail-connect-build-2", "Failed", Map.of("reason", "DockerBuildFailed",
                "message", "Docker build strategy has failed.",
                "logSnippet", "STEP 3/5: RUN ...\nwget: server returned error: HTTP/1.1 404 Not Found"));
        awaitBuildDone("osfail");

        Condition ready = condition("osfail", "Ready");
        assertEquals("False", ready.getStatus());
        assertEquals("BuildFailed", ready.getReason());
        assertTrue(ready.getMessage().contains("osfail-connect-build-2 ended in phase Failed (DockerBuildFailed)"), ready.getMessage());
        assertTrue(ready.getMessage().contains("HTTP/1.1 404 Not Found"), ready.getMessage());
        assertEquals(OUTPUT + "@" + DIGEST, deployment("osfail").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aCompleteBuildWithoutADigestIsAFailedBuild() {
        KafkaConnectAssemblyOperator op = openShiftOperator("+UseConnectBuildWithBuildah");
        apply(connectYaml("nodigest", "https://example.com/echo-1.jar", ""));
        reconcile(op, "nodigest");
        awaitBuild("nodigest-connect-build-1");
        finishOpenShiftBuild("nodigest-connect-build-1", "Complete", pushed("sha256:tooshort"));
        awaitBuildDone("nodigest");
        Condition ready = condition("nodigest", "Ready");
        assertEquals("BuildFailed", ready.getReason());
        assertTrue(ready.getMessage().contains("completed but its result is unusable"), ready.getMessage());
        assertTrue(ready.getMessage().contains("sha256:tooshort"), ready.getMessage());
        assertNull(deployment("nodigest"));
    }

    @Test
    void anImageStreamOutputNeedsItsImageStreamAndUsesItsRepository() {
        KafkaConnectAssemblyOperator op = openShiftOperator("+UseConnectBuildWithBuildah");
        apply(connectYaml("isout", "https://example.com/echo-1.jar", "").replace("""
                      type: docker
                      image: %s:latest
                      pushSecret: registry-credentials
                """.formatted(OUTPUT), """
                      type: imagestream
                      image: my-connect:latest
                """));
        reconcile(op, "isout");

        Condition ready = condition("isout", "Ready");
        assertEquals("False", ready.getStatus());
        assertEquals("ImageStreamNotFound", ready.getReason());
        assertTrue(ready.getMessage().startsWith(".spec.build.output.image: the ImageStream 'my-connect'"), ready.getMessage());
        assertTrue(builds().isEmpty(), "no Build without its ImageStream");

        // The user creates the ImageStream; OpenShift gives it the internal registry's pull spec.
        client.genericKubernetesResources(OpenShiftBuildBackend.IMAGE_STREAMS).inNamespace(NS).resource(
                new GenericKubernetesResourceBuilder().withApiVersion("image.openshift.io/v1").withKind("ImageStream")
                        .withNewMetadata().withName("my-connect").withNamespace(NS).endMetadata()
                        .withAdditionalProperties(Map.of("status", Map.of("dockerImageRepository",
                                INTERNAL_REGISTRY + "/" + NS + "/my-connect")))
                        .build()).create();
        client.resources(KafkaConnect.class).inNamespace(NS).withName("isout").edit(kc -> {
            kc.getSpec().setReplicas(1);
            return kc;
        });
        reconcile(op, "isout");
        awaitBuild("isout-connect-build-1");
        assertEquals(Map.of("kind", "ImageStreamTag", "name", "my-connect:latest"),
                map(buildConfig("isout").getAdditionalProperties(), "spec", "output", "to"));
        finishOpenShiftBuild("isout-connect-build-1", "Complete", pushed(DIGEST));
        awaitBuildDone("isout");
        assertEquals(INTERNAL_REGISTRY + "/" + NS + "/my-connect@" + DIGEST,
                deployment("isout").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("True", condition("isout", "Ready").getStatus());
    }

    @Test
    void theBuildahGateChangesNothingOnOpenShift() throws InterruptedException {
        KafkaConnectAssemblyOperator withGate = openShiftOperator("+UseConnectBuildWithBuildah");
        apply(connectYaml("gate", "https://example.com/echo-1.jar", ""));
        withGate.reconcile(NS, "gate");
        awaitBuild("gate-connect-build-1");
        Map<String, Object> specWithGate = map(buildConfig("gate").getAdditionalProperties(), "spec");
        withGate.stop();

        // Restarted with the gate disabled: same BuildConfig, same revision, so the running Build is adopted.
        KafkaConnectAssemblyOperator withoutGate = openShiftOperator("-UseConnectBuildWithBuildah");
        drainRequests();
        reconcile(withoutGate, "gate");
        await().atMost(20, TimeUnit.SECONDS).until(() -> get("gate").getStatus() != null && get("gate").getStatus().getBuild() != null);
        finishOpenShiftBuild("gate-connect-build-1", "Complete", pushed(DIGEST));
        awaitBuildDone("gate");
        List<String> writes = writeRequests();
        assertEquals(List.of(), instantiations(writes));
        assertFalse(writes.stream().anyMatch(w -> w.contains("/buildconfigs")), writes.toString());
        assertEquals(specWithGate, map(buildConfig("gate").getAdditionalProperties(), "spec"));
        assertEquals("openshift", get("gate").getStatus().getBuild().getBuilder());
        assertEquals(OUTPUT + "@" + DIGEST, deployment("gate").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertNull(buildPod("gate"));
    }

    @Test
    void aChangedSpecCancelsTheStaleBuildAndStartsANewOne() {
        KafkaConnectAssemblyOperator op = openShiftOperator("+UseConnectBuildWithBuildah");
        apply(connectYaml("stale", "https://example.com/echo-1.jar", ""));
        op.reconcile(NS, "stale");
        awaitBuild("stale-connect-build-1");
        op.stop();

        client.resources(KafkaConnect.class).inNamespace(NS).withName("stale").edit(kc -> {
            ((JarArtifact) kc.getSpec().getBuild().getPlugins().get(0).getArtifacts().get(0)).setUrl("https://example.com/echo-2.jar");
            return kc;
        });
        KafkaConnectAssemblyOperator next = openShiftOperator("+UseConnectBuildWithBuildah");
        reconcile(next, "stale");
        awaitBuild("stale-connect-build-2");
        assertEquals(Boolean.TRUE, map(build("stale-connect-build-1").getAdditionalProperties(), "status").get("cancelled"),
                "the Build of the old revision is cancelled, as oc cancel-build does");
        finishOpenShiftBuild("stale-connect-build-2", "Complete", pushed(DIGEST2));
        awaitBuildDone("stale");
        assertEquals(OUTPUT + "@" + DIGEST2, deployment("stale").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aRefusedInstantiateIsReported() {
        KafkaConnectAssemblyOperator op = openShiftOperator("+UseConnectBuildWithBuildah");
        api.refuseOnce("POST", "/apis/build.openshift.io/v1/namespaces/" + NS + "/buildconfigs/refused-connect-build/instantiate",
                403, "Forbidden", "builds.build.openshift.io \"refused-connect-build\" is forbidden: exceeded quota: builds");
        apply(connectYaml("refused", "https://example.com/echo-1.jar", ""));
        reconcile(op, "refused");
        Condition ready = condition("refused", "Ready");
        assertEquals("BuildRejected", ready.getReason());
        assertTrue(ready.getMessage().contains("HTTP 403"), ready.getMessage());
        assertTrue(ready.getMessage().contains("exceeded quota: builds"), ready.getMessage());
        assertTrue(builds().isEmpty());
    }

    @Test
    void removingTheBuildDeletesTheBuildConfigAndItsBuilds() {
        KafkaConnectAssemblyOperator op = openShiftOperator("+UseConnectBuildWithBuildah");
        apply(connectYaml("osremoved", "https://example.com/echo-1.jar", ""));
        reconcile(op, "osremoved");
        awaitBuild("osremoved-connect-build-1");
        finishOpenShiftBuild("osremoved-connect-build-1", "Complete", pushed(DIGEST));
        awaitBuildDone("osremoved");
        assertNotNull(buildConfig("osremoved"));

        client.resources(KafkaConnect.class).inNamespace(NS).withName("osremoved").edit(kc -> {
            kc.getSpec().setBuild(null);
            return kc;
        });
        reconcile(op, "osremoved");
        assertNull(buildConfig("osremoved"));
        assertTrue(builds().isEmpty(), builds().toString());
        assertEquals("quay.io/strimzi/kafka:0.49.0-kafka-4.0.0",
                deployment("osremoved").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("True", condition("osremoved", "Ready").getStatus());
    }
}
