package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.ClusterOperatorConfigBuilder;
import io.strimzi.operator.cluster.config.ProxyConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.IMAGE;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.LABELS;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.build;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.config;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.connect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.container;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.output;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.withTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Templates, pull policy, pull secrets and proxies of the build Pod. */
class PodBuildTemplatesTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void podAndContainerTemplatesAreApplied() {
        KafkaConnect connect = withTemplate("""
                buildPod:
                  metadata:
                    labels: {team: a, app.kubernetes.io/name: not-this}
                    annotations: {note: x, strimzi.io/connect-build-revision: not-this}
                  imagePullSecrets: [{name: from-template}]
                  securityContext: {fsGroup: 1000}
                  tolerations: [{key: build, operator: Exists}]
                  nodeSelector: {pool: builders}
                  priorityClassName: low
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms: [{matchExpressions: [{key: k, operator: In, values: [v]}]}]
                  tmpDirSizeLimit: 25Gi
                buildContainer:
                  env:
                    - {name: EXTRA, value: "1"}
                    - {name: REGISTRY_AUTH_FILE, value: /ignored}
                  securityContext: {privileged: true}
                buildServiceAccount:
                  metadata:
                    annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::1:role/push"}
                """);
        ClusterOperatorConfig config = config("+UseConnectBuildWithBuildah").imagePullSecrets(List.of("configured")).build();
        PodBuild build = build(connect, config);
        Pod pod = build.pod();

        Map<String, String> labels = new LinkedHashMap<>(LABELS);
        labels.put("team", "a");
        assertEquals(labels, pod.getMetadata().getLabels());
        assertEquals(Map.of("note", "x", BuildNames.REVISION_ANNOTATION, build.revision()), pod.getMetadata().getAnnotations());
        assertEquals(List.of(new LocalObjectReference("from-template")), pod.getSpec().getImagePullSecrets());
        assertEquals(1000L, pod.getSpec().getSecurityContext().getFsGroup());
        assertEquals("build", pod.getSpec().getTolerations().get(0).getKey());
        assertEquals(Map.of("pool", "builders"), pod.getSpec().getNodeSelector());
        assertEquals("low", pod.getSpec().getPriorityClassName());
        assertEquals("k", pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey());
        assertEquals(new Quantity("25Gi"), pod.getSpec().getVolumes().get(2).getEmptyDir().getSizeLimit());

        Container container = container(build);
        assertEquals(List.of(new EnvVar("BUILDAH_ISOLATION", "chroot", null),
                new EnvVar("REGISTRY_AUTH_FILE", "/etc/strimzi/push-secret/config.json", null),
                new EnvVar("EXTRA", "1", null)), container.getEnv());
        assertEquals(true, container.getSecurityContext().getPrivileged());
        assertNull(container.getSecurityContext().getCapabilities());

        assertEquals(Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/push"), build.serviceAccount().getMetadata().getAnnotations());
        assertEquals(LABELS, build.serviceAccount().getMetadata().getLabels());
    }

    @Test
    void pullPolicyAndPullSecretsFromTheConfiguration() {
        for (ClusterOperatorConfigBuilder config : List.of(config("+UseConnectBuildWithBuildah"), config("-UseConnectBuildWithBuildah"))) {
            PodBuild build = build(connect(), config.imagePullPolicy(ClusterOperatorConfig.ImagePullPolicy.Always)
                    .imagePullSecrets(List.of("one", "two")).build());
            assertEquals("Always", container(build).getImagePullPolicy());
            assertEquals(List.of(new LocalObjectReference("one"), new LocalObjectReference("two")),
                    build.pod().getSpec().getImagePullSecrets());
        }
    }

    @Test
    void proxiesWithCredentialsReachTheBuildThroughASecretNeverAsPlainText() {
        ProxyConfig proxy = new ProxyConfig("http://user:pw@proxy:3128", "http://proxy:3129", "localhost,.svc");
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--retry=2"));
        output(connect).setAdditionalPushOptions(List.of("--retry=4"));
        List<EnvVar> proxyEnv = List.of(
                new EnvVarBuilder().withName("HTTP_PROXY").withNewValueFrom()
                        .withNewSecretKeyRef("HTTP_PROXY", "my-connect-connect-build-proxy", false).endValueFrom().build(),
                new EnvVar("HTTPS_PROXY", "http://proxy:3129", null), new EnvVar("NO_PROXY", "localhost,.svc", null));

        PodBuild buildah = build(connect, config("+UseConnectBuildWithBuildah").proxy(proxy).build());
        assertEquals(proxyEnv, container(buildah).getEnv().subList(2, 5));
        // Buildah passes its environment's proxies to the build steps: no build args.
        assertEquals(List.of(IMAGE, "registry.example.com:5000/org/connect", "1", "--retry=2", "--retry=4"), container(buildah).getArgs());
        Secret secret = buildah.proxySecret();
        assertEquals("my-connect-connect-build-proxy", secret.getMetadata().getName());
        assertEquals(Map.of("HTTP_PROXY", Base64.getEncoder().encodeToString("http://user:pw@proxy:3128".getBytes(StandardCharsets.UTF_8))),
                secret.getData(), "only the value with credentials");
        assertEquals("my-connect", secret.getMetadata().getOwnerReferences().get(0).getName());
        assertEquals(List.of(buildah.inputConfigMap(), buildah.serviceAccount(), secret), buildah.inputs());

        output(connect).setAdditionalBuildOptions(List.of("--reproducible"));
        PodBuild kaniko = build(connect, config("-UseConnectBuildWithBuildah").proxy(proxy).build());
        assertEquals(proxyEnv, container(kaniko).getEnv());
        // The kubelet replaces $(HTTP_PROXY) with the variable's value when it starts the container.
        assertEquals(List.of("--dockerfile=/dockerfile/Dockerfile", "--image-name-with-digest-file=/dev/termination-log",
                "--destination=" + IMAGE, "--build-arg=HTTP_PROXY=$(HTTP_PROXY)",
                "--build-arg=HTTPS_PROXY=http://proxy:3129", "--build-arg=NO_PROXY=localhost,.svc", "--reproducible"),
                container(kaniko).getArgs());

        for (PodBuild build : List.of(buildah, kaniko)) {
            String pod = SERIALIZATION.asYaml(build.pod());
            assertFalse(pod.contains("user:pw"), pod);
            assertFalse(SERIALIZATION.asYaml(build.inputConfigMap()).contains("user:pw"));
        }
    }

    @Test
    void proxiesWithoutCredentialsNeedNoSecret() {
        ProxyConfig proxy = new ProxyConfig("http://proxy:3128", null, "localhost");
        PodBuild build = build(connect(), config("+UseConnectBuildWithBuildah").proxy(proxy).build());
        assertNull(build.proxySecret());
        assertEquals(List.of(build.inputConfigMap(), build.serviceAccount()), build.inputs());
        assertEquals(List.of(new EnvVar("HTTP_PROXY", "http://proxy:3128", null), new EnvVar("NO_PROXY", "localhost", null)),
                container(build).getEnv().subList(2, 4));
    }
}
