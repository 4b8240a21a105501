package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.ConnectDockerfile;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaConnectAssemblyOperatorTest extends ConnectBuildTestBase {

    @Test
    void buildsThenRollsConnectOntoTheDigest() {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("happy", "https://example.com/echo-1.jar", ""));
        reconcile(op, "happy");

        Pod pod = awaitBuildPod("happy");
        assertEquals("Never", pod.getSpec().getRestartPolicy());
        assertEquals("happy-connect-build", pod.getSpec().getServiceAccountName());
        assertEquals(1, pod.getSpec().getContainers().size());
        var container = pod.getSpec().getContainers().get(0);
        assertEquals("happy-connect-build", container.getName());
        assertEquals("quay.io/strimzi/buildah:0.49.0", container.getImage());
        assertEquals("/dev/termination-log", container.getTerminationMessagePath());
        assertEquals("buildah", pod.getMetadata().getAnnotations().get(PodBuildBackend.BUILDER_ANNOTATION));
        assertTrue(pod.getSpec().getVolumes().stream().anyMatch(v -> v.getSecret() != null
                && "registry-credentials".equals(v.getSecret().getSecretName())), "the push secret is mounted");
        assertEquals("happy", pod.getMetadata().getOwnerReferences().get(0).getName());
        assertNotNull(pod.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION));
        String dockerfile = client.configMaps().inNamespace(NS).withName("happy-connect-dockerfile").get().getData()
                .get(ConnectDockerfile.KEY);
        assertTrue(dockerfile.contains("\nFROM quay.io/strimzi/kafka:0.49.0-kafka-4.0.0\n"), dockerfile);
        assertTrue(dockerfile.contains("https://example.com/echo-1.jar"), dockerfile);
        assertTrue(dockerfile.contains(JAR_SHA512), dockerfile);
        assertTrue(dockerfile.contains("debezium-connector-postgres-3.0.0.Final-plugin.tar.gz"), dockerfile);
        assertNotNull(client.serviceAccounts().inNamespace(NS).withName("happy-connect-build").get());
        // While the build runs, the status says so.
        await().atMost(20, TimeUnit.SECONDS).until(() -> get("happy").getStatus() != null
                && get("happy").getStatus().getBuild() != null && "Running".equals(get("happy").getStatus().getBuild().getPhase()));
        KafkaConnect running = get("happy");
        assertEquals("happy-connect-build", running.getStatus().getBuild().getPodName());
        assertEquals("buildah", running.getStatus().getBuild().getBuilder());
        assertEquals("BuildRunning", condition("happy", "Ready").getReason());
        assertNull(deployment("happy"), "no Connect Deployment before an image exists");

        finishBuild("happy", 0, OUTPUT + "@" + DIGEST + "\n");
        awaitBuildDone("happy");

        Deployment d = deployment("happy");
        assertEquals(OUTPUT + "@" + DIGEST, d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(OUTPUT + "@" + DIGEST, d.getMetadata().getAnnotations().get(BuildNames.IMAGE_ANNOTATION));
        assertEquals(pod.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION),
                d.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION));
        assertEquals(2, d.getSpec().getReplicas());
        assertNotNull(client.services().inNamespace(NS).withName("happy-connect-api").get());
        assertNotNull(client.configMaps().inNamespace(NS).withName("happy-connect-config").get());
        // The last step, once the Deployment runs the image and the status says so.
        await().atMost(20, TimeUnit.SECONDS).until(() -> buildPod("happy") == null);

        KafkaConnect done = get("happy");
        assertEquals("True", condition("happy", "Ready").getStatus());
        assertEquals(done.getMetadata().getGeneration(), done.getStatus().getObservedGeneration());
        assertEquals("http://happy-connect-api.kafka.svc:8083", done.getStatus().getUrl());
        assertEquals(0, done.getStatus().getReplicas(), "no Connect Pod exists yet");
        assertEquals(KafkaConnectCluster.labelSelector("happy"), done.getStatus().getLabelSelector());
        assertEquals("Succeeded", done.getStatus().getBuild().getPhase());
        assertEquals(OUTPUT + "@" + DIGEST, done.getStatus().getBuild().getImage());
        assertNotNull(done.getStatus().getBuild().getFinishTime());

        List<String> reasons = events("happy").stream().map(e -> e.getReason()).toList();
        assertTrue(reasons.contains("BuildStarted"), reasons.toString());
        assertTrue(events("happy").stream().anyMatch(e -> "BuildSucceeded".equals(e.getReason())
                && e.getMessage().contains(OUTPUT + "@" + DIGEST)));
    }

    @Test
    void statusReplicasFollowsTheDeploymentsStatus() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("scaled", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "scaled", DIGEST);
        assertEquals(0, get("scaled").getStatus().getReplicas());

        // The Deployment controller's part: two Pods exist, one of them ready.
        client.apps().deployments().inNamespace(NS).withName("scaled-connect").editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withReplicas(2).withReadyReplicas(1).withObservedGeneration(1L).build());
            return d;
        });
        // The Deployment's change reconciles its KafkaConnect.
        await().atMost(20, TimeUnit.SECONDS).until(() -> get("scaled").getStatus().getReplicas() == 2);

        // Observing the same Deployment again writes nothing: no loop through the status.
        drainRequests();
        reconcile(op, "scaled");
        assertEquals(List.of(), writeRequests());
    }

    @Test
    void aReconcileWithNothingChangedWritesNothing() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("noop", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "noop", DIGEST);
        String transition = condition("noop", "Ready").getLastTransitionTime();
        drainRequests();

        reconcile(op, "noop");
        reconcile(op, "noop");

        assertEquals(List.of(), writeRequests());
        assertEquals(transition, condition("noop", "Ready").getLastTransitionTime());
    }

    @Test
    void aChangedPluginRebuildsAndAChangedOptionDoesNot() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("change", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "change", DIGEST);
        String firstRevision = deployment("change").getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION);

        // Only the additional options change: same revision, no build, same image.
        client.resources(KafkaConnect.class).inNamespace(NS).withName("change").edit(kc -> {
            ((io.strimzi.api.kafka.model.connect.build.DockerOutput) kc.getSpec().getBuild().getOutput())
                    .setAdditionalBuildOptions(List.of("--retry=3"));
            return kc;
        });
        drainRequests();
        reconcile(op, "change");
        assertEquals(List.of(), podCreations(writeRequests()));
        assertEquals(OUTPUT + "@" + DIGEST, deployment("change").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        // A plugin changes: new revision, new build, new image.
        client.resources(KafkaConnect.class).inNamespace(NS).withName("change").edit(kc -> {
            ((io.strimzi.api.kafka.model.connect.build.JarArtifact) kc.getSpec().getBuild().getPlugins().get(0).getArtifacts().get(0))
                    .setUrl("https://example.com/echo-2.jar");
            return kc;
        });
        buildToSuccess(op, "change", DIGEST2);
        Deployment d = deployment("change");
        assertEquals(OUTPUT + "@" + DIGEST2, d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertNotEquals(firstRevision, d.getMetadata().getAnnotations().get(BuildNames.REVISION_ANNOTATION));
        assertEquals("True", condition("change", "Ready").getStatus());
    }

    @Test
    void forceRebuildStartsANewBuildAndRemovesTheAnnotation() {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("force", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "force", DIGEST);

        client.resources(KafkaConnect.class).inNamespace(NS).withName("force").edit(kc -> {
            kc.getMetadata().getAnnotations().put(BuildNames.FORCE_REBUILD_ANNOTATION, "true");
            return kc;
        });
        reconcile(op, "force");
        awaitBuildPod("force");
        await().atMost(20, TimeUnit.SECONDS).until(() -> get("force").getMetadata().getAnnotations() == null
                || !get("force").getMetadata().getAnnotations().containsKey(BuildNames.FORCE_REBUILD_ANNOTATION));
        finishBuild("force", 0, OUTPUT + "@" + DIGEST2);
        awaitBuildDone("force");
        assertEquals(OUTPUT + "@" + DIGEST2, deployment("force").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    /**
     * `replicas: 0` as `kubectl scale kc --replicas=0` writes it: the Deployment is kept with no pods, the resource is
     * Ready, the build still ran, and the status has what the scale subresource reads.
     */
    @Test
    void zeroReplicasKeepTheDeploymentAndTheResourceReadyAfterTheBuild() {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("idle", "https://example.com/echo-1.jar", "").replace("replicas: 2", "replicas: 0"));
        buildToSuccess(op, "idle", DIGEST);
        Deployment idle = deployment("idle");
        assertEquals(0, idle.getSpec().getReplicas());
        assertEquals(OUTPUT + "@" + DIGEST, idle.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        KafkaConnect done = get("idle");
        assertEquals("True", condition("idle", "Ready").getStatus());
        assertEquals(0, done.getStatus().getReplicas());
        assertEquals(KafkaConnectCluster.labelSelector("idle"), done.getStatus().getLabelSelector());
        assertEquals("idle-connect", client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("idle-connect").get()
                .getMetadata().getName(), "the PodDisruptionBudget is written with the workload");
        assertEquals("idle-connect", client.serviceAccounts().inNamespace(NS).withName("idle-connect").get().getMetadata().getName());
    }

    /** Where Strimzi's documentation puts it: on the workload, here the Connect Deployment. */
    @Test
    void forceRebuildOnTheDeploymentStartsANewBuildAndIsRemovedFromIt() {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("forcedeploy", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "forcedeploy", DIGEST);

        client.apps().deployments().inNamespace(NS).withName("forcedeploy-connect").edit(d -> {
            d.getMetadata().getAnnotations().put(BuildNames.FORCE_REBUILD_ANNOTATION, "true");
            return d;
        });
        // The Deployment's change reconciles the resource.
        awaitBuildPod("forcedeploy");
        await().atMost(20, TimeUnit.SECONDS).until(() -> !deployment("forcedeploy").getMetadata().getAnnotations()
                .containsKey(BuildNames.FORCE_REBUILD_ANNOTATION));
        finishBuild("forcedeploy", 0, OUTPUT + "@" + DIGEST2);
        assertEquals("True", awaitBuildDone("forcedeploy").getStatus());
        assertEquals(OUTPUT + "@" + DIGEST2, deployment("forcedeploy").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void otherForceRebuildValuesAreIgnored() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("noforce", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "noforce", DIGEST);
        client.resources(KafkaConnect.class).inNamespace(NS).withName("noforce").edit(kc -> {
            kc.getMetadata().getAnnotations().put(BuildNames.FORCE_REBUILD_ANNOTATION, "yes");
            return kc;
        });
        drainRequests();
        reconcile(op, "noforce");
        assertEquals(List.of(), podCreations(writeRequests()));
    }

    @Test
    void aFailedBuildKeepsTheRunningImageAndBacksOff() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("fail", "https://example.com/echo-1.jar", ""));
        buildToSuccess(op, "fail", DIGEST);
        client.resources(KafkaConnect.class).inNamespace(NS).withName("fail").edit(kc -> {
            ((io.strimzi.api.kafka.model.connect.build.JarArtifact) kc.getSpec().getBuild().getPlugins().get(0).getArtifacts().get(0))
                    .setUrl("https://example.com/missing.jar");
            return kc;
        });
        reconcile(op, "fail");
        awaitBuildPod("fail");
        finishBuild("fail", 1, "step 1\nwget: server returned error: HTTP/1.1 404 Not Found");
        awaitBuildDone("fail");

        assertEquals(OUTPUT + "@" + DIGEST, deployment("fail").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        Condition ready = condition("fail", "Ready");
        assertEquals("False", ready.getStatus());
        assertEquals("BuildFailed", ready.getReason());
        assertTrue(ready.getMessage().contains("exit code 1"), ready.getMessage());
        assertTrue(ready.getMessage().contains("HTTP/1.1 404 Not Found"), ready.getMessage());
        assertEquals("Failed", get("fail").getStatus().getBuild().getPhase());
        assertTrue(events("fail").stream().anyMatch(e -> "BuildFailed".equals(e.getReason()) && "Warning".equals(e.getType())));
        assertNotNull(buildPod("fail"), "the failed Pod stays for its logs until the next attempt");

        // Within the back-off, another reconcile does not build again.
        drainRequests();
        reconcile(op, "fail");
        assertEquals(List.of(), podCreations(writeRequests()));
        assertTrue(condition("fail", "Ready").getMessage().contains("next attempt at "), condition("fail", "Ready").getMessage());

        // A changed spec retries at once.
        client.resources(KafkaConnect.class).inNamespace(NS).withName("fail").edit(kc -> {
            kc.getSpec().setReplicas(3);
            return kc;
        });
        reconcile(op, "fail");
        // One read per poll: between two reads the operator may delete the failed Pod before it creates the new one.
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            Pod pod = buildPod("fail");
            return pod != null && pod.getStatus() == null;
        });
        finishBuild("fail", 0, OUTPUT + "@" + DIGEST2);
        awaitBuildDone("fail");
        assertEquals(OUTPUT + "@" + DIGEST2, deployment("fail").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("True", condition("fail", "Ready").getStatus());
    }

    @Test
    void anInvalidResourceEndsAsReadyFalseWithTheMessage() {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("invalid", "https://example.com/echo-1.jar", "      additionalBuildOptions: [\"--storage-driver=overlay\"]\n"));
        reconcile(op, "invalid");
        Condition ready = condition("invalid", "Ready");
        assertEquals("False", ready.getStatus());
        assertEquals("InvalidResource", ready.getReason());
        assertTrue(ready.getMessage().contains(".spec.build.output.additionalBuildOptions"), ready.getMessage());
        assertTrue(ready.getMessage().contains("--storage-driver"), ready.getMessage());
        assertNull(buildPod("invalid"));
        assertEquals(get("invalid").getMetadata().getGeneration(), get("invalid").getStatus().getObservedGeneration());

        apply("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: nobootstrap
                  namespace: kafka
                spec:
                  replicas: 1
                """);
        reconcile(op, "nobootstrap");
        assertEquals("InvalidResource", condition("nobootstrap", "Ready").getReason());
        assertEquals(".spec.bootstrapServers is required", condition("nobootstrap", "Ready").getMessage());
        assertNull(deployment("nobootstrap"));
    }

    @Test
    void deprecatedKanikoOptionsGiveAWarningCondition() {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("deprecated", "https://example.com/echo-1.jar", "      additionalKanikoOptions: [\"--reproducible\"]\n"));
        buildToSuccess(op, "deprecated", DIGEST);
        Condition warning = condition("deprecated", "Warning");
        assertNotNull(warning);
        assertEquals("True", warning.getStatus());
        assertEquals("DeprecatedFields", warning.getReason());
        assertTrue(warning.getMessage().contains("additionalKanikoOptions"));
        assertEquals("True", condition("deprecated", "Ready").getStatus());
    }

    @Test
    void withoutBuildTheConfiguredImageIsUsedAndRemovingBuildDeletesTheBuildObjects() {
        KafkaConnectAssemblyOperator op = operator();
        apply(connectYaml("removed", "https://example.com/echo-1.jar", ""));
        reconcile(op, "removed");
        awaitBuildPod("removed");
        // The first build fails, leaving the Pod, ConfigMap and ServiceAccount behind.
        finishBuild("removed", 2, "boom");
        awaitBuildDone("removed");
        assertNotNull(buildPod("removed"));

        client.resources(KafkaConnect.class).inNamespace(NS).withName("removed").edit(kc -> {
            kc.getSpec().setBuild(null);
            kc.getSpec().setVersion("4.0.0");
            return kc;
        });
        reconcile(op, "removed");
        assertNull(buildPod("removed"));
        assertNull(client.configMaps().inNamespace(NS).withName("removed-connect-dockerfile").get());
        assertNull(client.serviceAccounts().inNamespace(NS).withName("removed-connect-build").get());
        assertEquals("quay.io/strimzi/kafka:0.49.0-kafka-4.0.0",
                deployment("removed").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("True", condition("removed", "Ready").getStatus());
        assertNull(get("removed").getStatus().getBuild());
    }

    @Test
    void kanikoWhenTheGateIsOff() {
        KafkaConnectAssemblyOperator op = operator(config("-UseConnectBuildWithBuildah", 60_000),
                io.strimzi.operator.cluster.model.connectbuild.Platform.KUBERNETES, BuildRetryPolicy.DEFAULT);
        apply(connectYaml("kaniko", "https://example.com/echo-1.jar", ""));
        reconcile(op, "kaniko");
        Pod pod = awaitBuildPod("kaniko");
        assertEquals("quay.io/strimzi/kaniko-executor:0.49.0", pod.getSpec().getContainers().get(0).getImage());
        assertTrue(pod.getSpec().getContainers().get(0).getArgs().contains("--destination=" + OUTPUT + ":latest"),
                pod.getSpec().getContainers().get(0).getArgs().toString());
        // Kaniko names Docker Hub and other registries in its own spelling; the reference form is the same.
        finishBuild("kaniko", 0, OUTPUT + "@" + DIGEST);
        awaitBuildDone("kaniko");
        assertEquals("kaniko", get("kaniko").getStatus().getBuild().getBuilder());
        assertEquals(OUTPUT + "@" + DIGEST, deployment("kaniko").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void concurrentEventsGiveOneBuildPod() throws InterruptedException {
        KafkaConnectAssemblyOperator op = operator();
        drainRequests();
        // Its add event reconciles it too.
        apply(connectYaml("concurrent", "https://example.com/echo-1.jar", ""));
        List<Future<Void>> reconciles = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reconciles.add(op.reconcile(NS, "concurrent"));
        }
        reconciles.forEach(ConnectBuildTestBase::join);
        awaitBuildPod("concurrent");
        finishBuild("concurrent", 0, OUTPUT + "@" + DIGEST);
        awaitBuildDone("concurrent");
        assertEquals(1, podCreations(writeRequests()).size());
        assertEquals("True", condition("concurrent", "Ready").getStatus());
    }
}
