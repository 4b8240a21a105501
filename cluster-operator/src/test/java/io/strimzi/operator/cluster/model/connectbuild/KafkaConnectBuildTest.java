package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.ImageStreamOutput;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.ClusterOperatorConfigBuilder;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaConnectBuildTest {
    static final String OPERATOR_VERSION = "0.49.0";
    static final String IMAGE = "registry.example.com:5000/org/connect:1.0";
    /** Strimzi's standard labels of the build objects. */
    static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/name", "kafka-connect-build",
            "app.kubernetes.io/instance", "my-connect",
            "app.kubernetes.io/part-of", "strimzi-my-connect",
            "app.kubernetes.io/managed-by", "strimzi-cluster-operator",
            "strimzi.io/cluster", "my-connect",
            "strimzi.io/kind", "KafkaConnect",
            "strimzi.io/name", "my-connect-connect-build",
            "strimzi.io/component-type", "kafka-connect-build");
    static final OwnerReference OWNER = new OwnerReference("kafka.strimzi.io/v1beta2", false, true, "KafkaConnect",
            "my-connect", "c0ffee-uid");

    static final ClusterOperatorConfig BUILDAH = config("+UseConnectBuildWithBuildah").build();
    static final ClusterOperatorConfig KANIKO = config("-UseConnectBuildWithBuildah").build();
    static final ClusterOperatorConfig LAYER = config("+UseConnectBuildWithBuildah,+UseConnectBuildWithLayerAppend").build();
    static final ClusterOperatorConfig LAYER_WITH_KANIKO = config("+UseConnectBuildWithLayerAppend").build();
    /** The Dockerfile of {@link #connect()}: what its input ConfigMap holds and its revision hashes. */
    static final ConnectDockerfile DOCKERFILE = ConnectDockerfile.fromCrd(connect(), BUILDAH);

    static ClusterOperatorConfigBuilder config(String gates) {
        return ClusterOperatorConfig.builder(OPERATOR_VERSION)
                .featureGates(FeatureGates.parse(gates, OPERATOR_VERSION))
                .buildahImage("quay.io/strimzi/buildah:test")
                .kanikoExecutorImage("quay.io/strimzi/kaniko-executor:test")
                .layerBuilderImage("quay.io/strimzi/operator:test");
    }

    /** A fresh KafkaConnect with one plugin, a docker output, a push secret and build resources. */
    static KafkaConnect connect() {
        return Serialization.unmarshal("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: my-connect
                  namespace: kafka
                  uid: c0ffee-uid
                spec:
                  version: 4.1.0
                  bootstrapServers: kafka:9092
                  build:
                    output:
                      type: docker
                      image: registry.example.com:5000/org/connect:1.0
                      pushSecret: push-creds
                    resources:
                      requests:
                        cpu: 500m
                        memory: 1Gi
                    plugins:
                      - name: echo-sink
                        artifacts:
                          - type: jar
                            url: https://repo.example.com/echo-sink-1.0.0.jar
                """, KafkaConnect.class);
    }

    static DockerOutput output(KafkaConnect connect) {
        return (DockerOutput) connect.getSpec().getBuild().getOutput();
    }

    static PodBuild build(KafkaConnect connect, ClusterOperatorConfig config) {
        return (PodBuild) KafkaConnectBuild.fromCrd(connect, config, Platform.KUBERNETES);
    }

    static OpenShiftBuild openShift(KafkaConnect connect, ClusterOperatorConfig config) {
        return (OpenShiftBuild) KafkaConnectBuild.fromCrd(connect, config, Platform.OPENSHIFT);
    }

    static InvalidResourceException invalid(KafkaConnect connect, ClusterOperatorConfig config) {
        return assertThrows(InvalidResourceException.class, () -> build(connect, config));
    }

    static VolumeMount mount(String volume, String path, Boolean readOnly) {
        return new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build();
    }

    static Container container(PodBuild build) {
        List<Container> containers = build.pod().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    static KafkaConnect withTemplate(String templateYaml) {
        KafkaConnect connect = connect();
        connect.getSpec().setTemplate(Serialization.unmarshal(templateYaml,
                io.strimzi.api.kafka.model.template.KafkaConnectTemplate.class));
        return connect;
    }

    /** {@link #connect()} with an `imagestream` output (`my-connect-build:latest`) and no build resources. */
    static KafkaConnect imageStreamConnect() {
        KafkaConnect connect = connect();
        ImageStreamOutput output = new ImageStreamOutput();
        output.setImage("my-connect-build:latest");
        connect.getSpec().getBuild().setOutput(output);
        connect.getSpec().getBuild().setResources(null);
        return connect;
    }

    @Test
    void buildahPodFieldByField() {
        PodBuild build = build(connect(), BUILDAH);
        Pod pod = build.pod();

        assertEquals("buildah", build.builderName());
        assertEquals(IMAGE, build.outputImage());
        assertEquals("my-connect-connect-build", pod.getMetadata().getName());
        assertEquals("kafka", pod.getMetadata().getNamespace());
        assertEquals(LABELS, pod.getMetadata().getLabels());
        assertEquals(Map.of(BuildNames.REVISION_ANNOTATION, build.revision()), pod.getMetadata().getAnnotations());
        assertEquals(List.of(OWNER), pod.getMetadata().getOwnerReferences());

        PodSpec spec = pod.getSpec();
        assertEquals("Never", spec.getRestartPolicy());
        assertEquals("my-connect-connect-build", spec.getServiceAccountName());
        assertNull(spec.getImagePullSecrets());
        assertNull(spec.getSecurityContext());
        assertEquals(3, spec.getVolumes().size());
        assertEquals("dockerfile", spec.getVolumes().get(0).getName());
        assertEquals("my-connect-connect-dockerfile", spec.getVolumes().get(0).getConfigMap().getName());
        assertEquals("Dockerfile", spec.getVolumes().get(0).getConfigMap().getItems().get(0).getKey());
        assertEquals("Dockerfile", spec.getVolumes().get(0).getConfigMap().getItems().get(0).getPath());
        assertEquals("push-secret", spec.getVolumes().get(1).getName());
        assertEquals("push-creds", spec.getVolumes().get(1).getSecret().getSecretName());
        assertEquals(".dockerconfigjson", spec.getVolumes().get(1).getSecret().getItems().get(0).getKey());
        assertEquals("config.json", spec.getVolumes().get(1).getSecret().getItems().get(0).getPath());
        assertEquals("buildah-storage", spec.getVolumes().get(2).getName());
        assertEquals(new Quantity("10Gi"), spec.getVolumes().get(2).getEmptyDir().getSizeLimit());

        Container container = container(build);
        assertEquals("my-connect-connect-build", container.getName());
        assertEquals("quay.io/strimzi/buildah:test", container.getImage());
        assertEquals(List.of("/bin/sh", "-c", BuildahTool.SCRIPT, "buildah-build"), container.getCommand());
        assertEquals(List.of(IMAGE, "registry.example.com:5000/org/connect", "0"), container.getArgs());
        assertEquals(List.of(new EnvVar("BUILDAH_ISOLATION", "chroot", null),
                new EnvVar("REGISTRY_AUTH_FILE", "/etc/strimzi/push-secret/config.json", null)), container.getEnv());
        assertEquals(List.of(mount("dockerfile", "/dockerfile", true),
                mount("buildah-storage", "/var/lib/containers", null),
                mount("push-secret", "/etc/strimzi/push-secret", true)),
                container.getVolumeMounts());
        assertEquals(new Quantity("500m"), container.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("1Gi"), container.getResources().getRequests().get("memory"));
        assertEquals(false, container.getSecurityContext().getPrivileged());
        assertEquals(List.of("KILL", "SETGID", "SETUID"), container.getSecurityContext().getCapabilities().getAdd());
        assertEquals(List.of(), container.getSecurityContext().getCapabilities().getDrop());
        assertNull(container.getSecurityContext().getRunAsUser());
        assertEquals("/dev/termination-log", container.getTerminationMessagePath());
        assertEquals("File", container.getTerminationMessagePolicy());
        assertNull(container.getImagePullPolicy());
    }

    @Test
    void buildahScriptUsesVfsOnEveryCallAndNoUserValue() {
        String script = BuildahTool.SCRIPT;
        int buildahCalls = script.split("buildah (build|push) --", -1).length - 1;
        assertEquals(2, buildahCalls);
        assertEquals(buildahCalls, script.split("--storage-driver=vfs", -1).length - 1);
        assertTrue(script.contains("buildah build --file=/dockerfile/Dockerfile --tag=\"$image\" --storage-driver=vfs "
                + "--ulimit=\"nofile=$nofile\" --ulimit=\"nproc=$nproc\" \"$@\" \"$context_dir\""));
        assertTrue(script.contains("buildah push --storage-driver=vfs --digestfile=\"$digest_file\" \"$@\" \"$image\""));
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--creds=unique-user-value"));
        assertTrue(container(build(connect, BUILDAH)).getCommand().stream().noneMatch(c -> c.contains("unique-user-value")));
    }

    @Test
    void kanikoPodFieldByField() {
        PodBuild build = build(connect(), KANIKO);
        Pod pod = build.pod();

        assertEquals("kaniko", build.builderName());
        assertEquals(LABELS, pod.getMetadata().getLabels());
        assertEquals(Map.of(BuildNames.REVISION_ANNOTATION, build.revision()), pod.getMetadata().getAnnotations());
        assertEquals(List.of(OWNER), pod.getMetadata().getOwnerReferences());
        PodSpec spec = pod.getSpec();
        assertEquals("Never", spec.getRestartPolicy());
        assertEquals("my-connect-connect-build", spec.getServiceAccountName());
        assertEquals(List.of("dockerfile", "push-secret"), spec.getVolumes().stream().map(v -> v.getName()).toList());
        assertEquals("config.json", spec.getVolumes().get(1).getSecret().getItems().get(0).getPath());

        Container container = container(build);
        assertEquals("my-connect-connect-build", container.getName());
        assertEquals("quay.io/strimzi/kaniko-executor:test", container.getImage());
        assertNull(container.getCommand(), "Kaniko runs the image's entrypoint, the executor");
        assertEquals(List.of("--dockerfile=/dockerfile/Dockerfile", "--image-name-with-digest-file=/dev/termination-log",
                "--destination=" + IMAGE), container.getArgs());
        assertEquals(List.of(), container.getEnv());
        assertEquals(List.of(mount("dockerfile", "/dockerfile", true),
                mount("push-secret", "/kaniko/.docker", true)), container.getVolumeMounts());
        assertNull(container.getSecurityContext());
        assertEquals(new Quantity("500m"), container.getResources().getRequests().get("cpu"));
        assertEquals("/dev/termination-log", container.getTerminationMessagePath());
    }

    @Test
    void withoutPushSecretNothingIsMounted() {
        KafkaConnect connect = connect();
        output(connect).setPushSecret(null);
        Container buildah = container(build(connect, BUILDAH));
        assertEquals(List.of(new EnvVar("BUILDAH_ISOLATION", "chroot", null)), buildah.getEnv());
        assertEquals(List.of("dockerfile", "buildah-storage"), buildah.getVolumeMounts().stream().map(VolumeMount::getName).toList());
        PodBuild kaniko = build(connect, KANIKO);
        assertEquals(List.of("dockerfile"), kaniko.pod().getSpec().getVolumes().stream().map(v -> v.getName()).toList());
        assertEquals(List.of("dockerfile"), container(kaniko).getVolumeMounts().stream().map(VolumeMount::getName).toList());
    }

    @Test
    void dockerfileConfigMapAndServiceAccount() {
        PodBuild build = build(connect(), BUILDAH);
        ConfigMap configMap = build.inputConfigMap();
        assertEquals("my-connect-connect-dockerfile", configMap.getMetadata().getName());
        assertEquals("kafka", configMap.getMetadata().getNamespace());
        assertEquals(LABELS, configMap.getMetadata().getLabels());
        assertEquals(List.of(OWNER), configMap.getMetadata().getOwnerReferences());
        assertEquals(Map.of("Dockerfile", DOCKERFILE.content()), configMap.getData());

        ServiceAccount serviceAccount = build.serviceAccount();
        assertEquals("my-connect-connect-build", serviceAccount.getMetadata().getName());
        assertEquals("kafka", serviceAccount.getMetadata().getNamespace());
        assertEquals(LABELS, serviceAccount.getMetadata().getLabels());
        assertEquals(List.of(OWNER), serviceAccount.getMetadata().getOwnerReferences());
        assertEquals(List.of(configMap, serviceAccount, build.pod()), build.objects(), "no BuildConfig on Kubernetes");
    }

    // ---- deprecation condition ----

    @Test
    @SuppressWarnings("deprecation")
    void deprecationConditionUnderEveryBuilder() {
        KafkaConnect connect = connect();
        assertEquals(List.of(), build(connect, BUILDAH).warnings());
        assertEquals(List.of(), build(connect, KANIKO).warnings());
        assertEquals(List.of(), BuildWarnings.of(connect));

        output(connect).setAdditionalKanikoOptions(List.of("--reproducible"));
        Condition expected = new Condition("Warning", "True", "DeprecatedFields",
                "The field .spec.build.output.additionalKanikoOptions is deprecated and not part of kafka.strimzi.io/v1; use "
                        + ".spec.build.output.additionalBuildOptions instead (additionalBuildOptions takes precedence when "
                        + "both are set; the Buildah builder ignores additionalKanikoOptions).", null);
        assertEquals(List.of(expected), build(connect, BUILDAH).warnings());
        assertEquals(List.of(expected), build(connect, KANIKO).warnings());
        assertEquals(List.of(expected), openShift(connect, BUILDAH).warnings());

        // Reported even when the resource is invalid otherwise.
        output(connect).setAdditionalBuildOptions(List.of("--forbidden"));
        invalid(connect, BUILDAH);
        assertEquals(List.of(expected), BuildWarnings.of(connect));
    }

    // ---- output validation ----

    @Test
    void imageStreamOutputIsRejectedOnKubernetes() {
        KafkaConnect connect = imageStreamConnect();
        String message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.startsWith(".spec.build.output.type: the imagestream output needs OpenShift"), message);
        assertEquals(message, invalid(connect, KANIKO).getMessage());
    }

    @Test
    void invalidOutputImagesAreRejected() {
        for (String image : List.of("Registry.example.com/UPPER/case", "with space:1", "-rf", "x;touch /tmp/x",
                "$(id)", "reg/repo:tag\nFROM evil", "reg/repo:", "reg/repo@sha256:" + "a".repeat(64), "reg//repo", "")) {
            KafkaConnect connect = connect();
            output(connect).setImage(image);
            String message = invalid(connect, BUILDAH).getMessage();
            assertTrue(message.startsWith(".spec.build.output.image: "), image + " -> " + message);
        }
    }

    @Test
    void baseImageEqualToOutputImageIsRejected() {
        for (String[] pair : new String[][] {
                {IMAGE, IMAGE}, {"connect", "docker.io/library/connect:latest"}, {"org/connect:latest", "docker.io/org/connect"}}) {
            KafkaConnect connect = connect();
            connect.getSpec().setImage(pair[0]);
            output(connect).setImage(pair[1]);
            String message = invalid(connect, BUILDAH).getMessage();
            assertTrue(message.startsWith(".spec.image: the base image '" + pair[0] + "' is the build's output image"), message);
        }
        KafkaConnect connect = connect();
        connect.getSpec().setImage("registry.example.com:5000/org/connect:0.9");
        assertEquals(IMAGE, build(connect, BUILDAH).outputImage());
    }

    @Test
    void invalidPushSecretAndScratchLimitAreRejected() {
        KafkaConnect connect = connect();
        output(connect).setPushSecret("Bad_Name");
        assertTrue(invalid(connect, BUILDAH).getMessage().startsWith(".spec.build.output.pushSecret: 'Bad_Name'"));

        KafkaConnect limited = withTemplate("""
                buildPod:
                  tmpDirSizeLimit: lots
                """);
        assertTrue(invalid(limited, BUILDAH).getMessage().startsWith(".spec.template.buildPod.tmpDirSizeLimit: 'lots'"));
    }

    @Test
    void builderFollowsTheGateDefaultsOfTheOperatorVersion() {
        assertEquals("kaniko", build(connect(), ClusterOperatorConfig.builder("0.51.0").build()).builderName());
        assertEquals("buildah", build(connect(), ClusterOperatorConfig.builder("0.52.0").build()).builderName());
        assertEquals("quay.io/strimzi/buildah:0.52.0",
                container(build(connect(), ClusterOperatorConfig.builder("0.52.0").build())).getImage());
    }

    // ---- revision ----

    @Test
    void revisionDependsOnDockerfileAndOutputImageOnly() {
        String revision = build(connect(), BUILDAH).revision();
        assertTrue(revision.matches("[0-9a-f]{16}"), revision);
        assertEquals(revision, build(connect(), BUILDAH).revision());
        assertEquals(revision, build(connect(), KANIKO).revision(), "the builder does not change the revision");
        assertEquals(revision, BuildRevision.of(DOCKERFILE.content(), IMAGE));

        KafkaConnect options = connect();
        output(options).setAdditionalBuildOptions(List.of("--retry=5"));
        output(options).setAdditionalPushOptions(List.of("--quiet"));
        output(options).setPushSecret("other-secret");
        options.getSpec().getBuild().setResources(null);
        assertEquals(revision, build(options, BUILDAH).revision(), "options, secret and resources do not change the revision");
        assertEquals(revision, build(withTemplate("buildPod: {tmpDirSizeLimit: 1Gi}"), BUILDAH).revision());

        KafkaConnect otherImage = connect();
        output(otherImage).setImage(IMAGE + "-1");
        assertNotEquals(revision, build(otherImage, BUILDAH).revision());
        KafkaConnect otherDockerfile = connect();
        otherDockerfile.getSpec().getBuild().getPlugins().get(0).setName("other-name");
        assertNotEquals(DOCKERFILE.content(), ConnectDockerfile.fromCrd(otherDockerfile, BUILDAH).content());
        assertNotEquals(revision, build(otherDockerfile, BUILDAH).revision());
        assertNotEquals(BuildRevision.of("ab", "c"), BuildRevision.of("a", "bc"));
    }
}
