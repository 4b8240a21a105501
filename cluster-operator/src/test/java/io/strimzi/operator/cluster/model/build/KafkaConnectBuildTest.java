package io.strimzi.operator.cluster.model.build;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
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
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.config.ProxyConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaConnectBuildTest {
    static final String OPERATOR_VERSION = "0.49.0";
    static final ConnectDockerfile DOCKERFILE = new ConnectDockerfile("quay.io/strimzi/kafka:latest-kafka-4.1.0",
            "FROM quay.io/strimzi/kafka:latest-kafka-4.1.0\nUSER root:root\nRUN echo plugin\nUSER 1001\n");
    static final String IMAGE = "registry.example.com:5000/org/connect:1.0";
    static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/name", "kafka-connect-build",
            "app.kubernetes.io/instance", "my-connect",
            "app.kubernetes.io/managed-by", "strimzi-cluster-operator",
            "strimzi.io/cluster", "my-connect",
            "strimzi.io/kind", "KafkaConnect");
    static final OwnerReference OWNER = new OwnerReference("kafka.strimzi.io/v1beta2", false, true, "KafkaConnect",
            "my-connect", "c0ffee-uid");

    static final ClusterOperatorConfig BUILDAH = config("+UseConnectBuildWithBuildah").build();
    static final ClusterOperatorConfig KANIKO = config("-UseConnectBuildWithBuildah").build();

    static ClusterOperatorConfig.Builder config(String gates) {
        return ClusterOperatorConfig.builder(OPERATOR_VERSION)
                .featureGates(FeatureGates.parse(gates, OPERATOR_VERSION))
                .buildahImage("quay.io/strimzi/buildah:test")
                .kanikoExecutorImage("quay.io/strimzi/kaniko-executor:test");
    }

    /** A fresh KafkaConnect with a docker output, a push secret and build resources. */
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
                """, KafkaConnect.class);
    }

    static DockerOutput output(KafkaConnect connect) {
        return (DockerOutput) connect.getSpec().getBuild().getOutput();
    }

    static KafkaConnectBuild build(KafkaConnect connect, ClusterOperatorConfig config) {
        return KafkaConnectBuild.from(connect, config, Platform.KUBERNETES, DOCKERFILE);
    }

    static InvalidResourceException invalid(KafkaConnect connect, ClusterOperatorConfig config) {
        return assertThrows(InvalidResourceException.class, () -> build(connect, config));
    }

    static VolumeMount mount(String volume, String path, Boolean readOnly) {
        return new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build();
    }

    static Container container(KafkaConnectBuild build) {
        List<Container> containers = build.buildPod().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    @Test
    void buildahPodFieldByField() {
        KafkaConnectBuild build = build(connect(), BUILDAH);
        Pod pod = build.buildPod();

        assertEquals("buildah", build.builderName());
        assertEquals(IMAGE, build.outputImage());
        assertEquals("my-connect-connect-build", pod.getMetadata().getName());
        assertEquals("kafka", pod.getMetadata().getNamespace());
        assertEquals(LABELS, pod.getMetadata().getLabels());
        assertEquals(Map.of(KafkaConnectBuild.REVISION_ANNOTATION, build.revision()), pod.getMetadata().getAnnotations());
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
        assertEquals(List.of("/bin/sh", "-c", BuildahBuilder.SCRIPT, "buildah-build"), container.getCommand());
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
        String script = BuildahBuilder.SCRIPT;
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
        KafkaConnectBuild build = build(connect(), KANIKO);
        Pod pod = build.buildPod();

        assertEquals("kaniko", build.builderName());
        assertEquals(LABELS, pod.getMetadata().getLabels());
        assertEquals(Map.of(KafkaConnectBuild.REVISION_ANNOTATION, build.revision()), pod.getMetadata().getAnnotations());
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
        KafkaConnectBuild kaniko = build(connect, KANIKO);
        assertEquals(List.of("dockerfile"), kaniko.buildPod().getSpec().getVolumes().stream().map(v -> v.getName()).toList());
        assertEquals(List.of("dockerfile"), container(kaniko).getVolumeMounts().stream().map(VolumeMount::getName).toList());
    }

    @Test
    void dockerfileConfigMapAndServiceAccount() {
        KafkaConnectBuild build = build(connect(), BUILDAH);
        ConfigMap configMap = build.dockerfileConfigMap();
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
        assertNull(build.buildConfig());
        assertNull(build.buildRequest());
        assertNull(build.imageStreamName());
    }

    // ---- options ----

    @Test
    void buildahAcceptsEveryAllowedOptionInOrder() {
        KafkaConnect connect = connect();
        List<String> buildOptions = new ArrayList<>();
        BuildahBuilder.BUILD_OPTIONS.allowedNames().forEach(name -> buildOptions.add(name + "=value-of" + name));
        buildOptions.add("--tls-verify");
        List<String> pushOptions = new ArrayList<>();
        BuildahBuilder.PUSH_OPTIONS.allowedNames().forEach(name -> pushOptions.add(name + "=" + name));
        pushOptions.add("--tls-verify");
        pushOptions.add("--quiet");
        output(connect).setAdditionalBuildOptions(buildOptions);
        output(connect).setAdditionalPushOptions(pushOptions);

        List<String> expected = new ArrayList<>(List.of(IMAGE, "registry.example.com:5000/org/connect", Integer.toString(buildOptions.size())));
        expected.addAll(buildOptions);
        expected.addAll(pushOptions);
        assertEquals(expected, container(build(connect, BUILDAH)).getArgs());
        assertEquals(List.of("--authfile", "--cert-dir", "--creds", "--decryption-key", "--retry", "--retry-delay", "--tls-verify"),
                BuildahBuilder.BUILD_OPTIONS.allowedNames().stream().sorted().toList());
        assertEquals(List.of("--authfile", "--cert-dir", "--creds", "--quiet", "--retry", "--retry-delay", "--tls-verify"),
                BuildahBuilder.PUSH_OPTIONS.allowedNames().stream().sorted().toList());
    }

    @Test
    void buildahRejectsForbiddenBuildOptionsListingThemWithoutValues() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--retry=2", "--file=/etc/passwd", "--tag=evil", "-f",
                "--cred=user:s3cret", "--build-arg=A=b", "--isolation=oci", "--quiet", "--retry=3"));
        String message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.startsWith("Invalid .spec.build.output.additionalBuildOptions: "), message);
        assertTrue(message.contains("not allowed with the Buildah builder (build phase): --file, --tag, -f, --cred, --build-arg, --isolation, --quiet "), message);
        assertTrue(!message.contains("s3cret") && !message.contains("/etc/passwd"), message);
    }

    @Test
    void buildahRejectsForbiddenPushOptions() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalPushOptions(List.of("--quiet", "--digestfile=/tmp/d", "--format=v2s2", "--decryption-key=k"));
        String message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.startsWith("Invalid .spec.build.output.additionalPushOptions: "), message);
        assertTrue(message.contains(": --digestfile, --format, --decryption-key (allowed: "), message);
    }

    @Test
    void valuedOptionsNeedTheirValueAndControlCharactersAreRejected() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--creds", "--retry"));
        String message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.contains("need a value given as --name=value: --creds, --retry"), message);

        output(connect).setAdditionalBuildOptions(List.of("--tls-verify", "--creds=a\nb", "--retry=1\r", "--cert-dir=\u0000"));
        message = invalid(connect, BUILDAH).getMessage();
        assertTrue(message.contains("newline or another control character: .spec.build.output.additionalBuildOptions[1], "
                + ".spec.build.output.additionalBuildOptions[2], .spec.build.output.additionalBuildOptions[3]"), message);
        assertTrue(!message.contains("a\nb"), message);

        output(connect).setAdditionalBuildOptions(List.of("--tls-verify=false", "--creds="));
        assertEquals(List.of(IMAGE, "registry.example.com:5000/org/connect", "2", "--tls-verify=false", "--creds="),
                container(build(connect, BUILDAH)).getArgs());
    }

    @Test
    void kanikoAcceptsEveryAllowedOption() {
        KafkaConnect connect = connect();
        List<String> options = new ArrayList<>();
        KanikoBuilder.OPTIONS.allowedNames().forEach(name -> options.add(name + "=v"));
        List.of("--insecure", "--insecure-pull", "--log-timestamp", "--reproducible", "--single-snapshot",
                "--skip-tls-verify", "--skip-tls-verify-pull", "--use-new-run").forEach(options::add);
        output(connect).setAdditionalBuildOptions(options);
        List<String> expected = new ArrayList<>(List.of("--dockerfile=/dockerfile/Dockerfile",
                "--image-name-with-digest-file=/dev/termination-log", "--destination=" + IMAGE));
        expected.addAll(options);
        assertEquals(expected, container(build(connect, KANIKO)).getArgs());
        assertEquals(List.of("--custom-platform", "--customPlatform", "--ignore-path", "--insecure", "--insecure-pull",
                "--insecure-registry", "--log-format", "--log-timestamp", "--registry-certificate", "--registry-client-cert",
                "--registry-mirror", "--reproducible", "--single-snapshot", "--skip-tls-verify", "--skip-tls-verify-pull",
                "--skip-tls-verify-registry", "--snapshotMode", "--use-new-run", "--verbosity"),
                KanikoBuilder.OPTIONS.allowedNames().stream().sorted().toList());
    }

    @Test
    @SuppressWarnings("deprecation")
    void kanikoRejectsForbiddenOptionsInTheFieldItUses() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalKanikoOptions(List.of("--verbosity=debug", "--destination=evil/image", "--context=dir://x",
                "--build-arg=X=1", "--dockerfile=/etc/passwd"));
        String message = invalid(connect, KANIKO).getMessage();
        assertTrue(message.startsWith("Invalid .spec.build.output.additionalKanikoOptions: options not allowed with the "
                + "Kaniko builder: --destination, --context, --build-arg, --dockerfile (allowed: "), message);

        output(connect).setAdditionalKanikoOptions(null);
        output(connect).setAdditionalBuildOptions(List.of("--creds=x", "--verbosity"));
        message = invalid(connect, KANIKO).getMessage();
        assertTrue(message.startsWith("Invalid .spec.build.output.additionalBuildOptions: options not allowed with the "
                + "Kaniko builder: --creds (allowed: "), message);
        assertTrue(message.contains("need a value given as --name=value: --verbosity"), message);
    }

    @Test
    @SuppressWarnings("deprecation")
    void kanikoPrecedenceBuildOptionsWinAndPushOptionsAreIgnored() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalKanikoOptions(List.of("--not-checked-because-overridden"));
        output(connect).setAdditionalBuildOptions(List.of("--reproducible"));
        output(connect).setAdditionalPushOptions(List.of("--not-checked-under-kaniko", "--retry=3"));
        List<String> args = container(build(connect, KANIKO)).getArgs();
        assertEquals(List.of("--dockerfile=/dockerfile/Dockerfile", "--image-name-with-digest-file=/dev/termination-log",
                "--destination=" + IMAGE, "--reproducible"), args);

        output(connect).setAdditionalBuildOptions(null);
        output(connect).setAdditionalKanikoOptions(List.of("--single-snapshot", "--verbosity=info"));
        assertEquals(List.of("--dockerfile=/dockerfile/Dockerfile", "--image-name-with-digest-file=/dev/termination-log",
                "--destination=" + IMAGE, "--single-snapshot", "--verbosity=info"), container(build(connect, KANIKO)).getArgs());
    }

    @Test
    @SuppressWarnings("deprecation")
    void buildahIgnoresKanikoOptions() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalKanikoOptions(List.of("--reproducible", "--anything-goes"));
        KafkaConnectBuild build = build(connect, BUILDAH);
        assertEquals(List.of(IMAGE, "registry.example.com:5000/org/connect", "0"), container(build).getArgs());
        assertEquals(List.of(KafkaConnectBuild.deprecatedKanikoOptionsCondition()), build.warnings());
    }

    // ---- deprecation condition ----

    @Test
    @SuppressWarnings("deprecation")
    void deprecationConditionUnderEveryBuilder() {
        KafkaConnect connect = connect();
        assertEquals(List.of(), build(connect, BUILDAH).warnings());
        assertEquals(List.of(), build(connect, KANIKO).warnings());
        assertEquals(List.of(), KafkaConnectBuild.deprecationWarnings(connect));

        output(connect).setAdditionalKanikoOptions(List.of("--reproducible"));
        Condition expected = new Condition("Warning", "True", "DeprecatedFields",
                "The field .spec.build.output.additionalKanikoOptions is deprecated and will be removed; use "
                        + ".spec.build.output.additionalBuildOptions instead (additionalBuildOptions takes precedence when "
                        + "both are set; the Buildah builder ignores additionalKanikoOptions).", null);
        assertEquals(List.of(expected), build(connect, BUILDAH).warnings());
        assertEquals(List.of(expected), build(connect, KANIKO).warnings());
        assertEquals(List.of(expected), KafkaConnectBuild.from(connect, BUILDAH, Platform.OPENSHIFT, DOCKERFILE).warnings());

        // Reported even when the resource is invalid otherwise.
        output(connect).setAdditionalBuildOptions(List.of("--forbidden"));
        invalid(connect, BUILDAH);
        assertEquals(List.of(expected), KafkaConnectBuild.deprecationWarnings(connect));
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

    // ---- OpenShift ----

    @Test
    void openShiftBuildConfigForDockerOutput() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--not-used-on-openshift"));
        KafkaConnectBuild build = KafkaConnectBuild.from(connect, BUILDAH, Platform.OPENSHIFT, DOCKERFILE);

        assertEquals("openshift", build.builderName());
        assertNull(build.buildPod());
        assertNull(build.dockerfileConfigMap());
        assertNull(build.serviceAccount());
        assertNull(build.imageStreamName());
        GenericKubernetesResource buildConfig = build.buildConfig();
        assertEquals("build.openshift.io/v1", buildConfig.getApiVersion());
        assertEquals("BuildConfig", buildConfig.getKind());
        assertEquals("my-connect-connect-build", buildConfig.getMetadata().getName());
        assertEquals("kafka", buildConfig.getMetadata().getNamespace());
        assertEquals(LABELS, buildConfig.getMetadata().getLabels());
        assertEquals(Map.of(KafkaConnectBuild.REVISION_ANNOTATION, build.revision()), buildConfig.getMetadata().getAnnotations());
        assertEquals(List.of(OWNER), buildConfig.getMetadata().getOwnerReferences());
        assertEquals(Map.of(
                "runPolicy", "Serial",
                "source", Map.of("type", "Dockerfile", "dockerfile", DOCKERFILE.content()),
                "strategy", Map.of("type", "Docker", "dockerStrategy", Map.of()),
                "output", Map.of("to", Map.of("kind", "DockerImage", "name", IMAGE), "pushSecret", Map.of("name", "push-creds")),
                "resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi")),
                "successfulBuildsHistoryLimit", 5,
                "failedBuildsHistoryLimit", 5), buildConfig.getAdditionalProperties().get("spec"));
        // The same object after a round trip through JSON, as the operator reads it back.
        assertEquals(buildConfig.getAdditionalProperties(),
                Serialization.unmarshal(Serialization.asJson(buildConfig), GenericKubernetesResource.class).getAdditionalProperties());

        GenericKubernetesResource request = build.buildRequest();
        assertEquals("build.openshift.io/v1", request.getApiVersion());
        assertEquals("BuildRequest", request.getKind());
        assertEquals("my-connect-connect-build", request.getMetadata().getName());
        assertEquals("kafka", request.getMetadata().getNamespace());
        assertEquals(Map.of(KafkaConnectBuild.REVISION_ANNOTATION, build.revision()), request.getMetadata().getAnnotations());
        assertEquals(LABELS, request.getMetadata().getLabels());

        assertEquals(build.revision(), KafkaConnectBuild.from(connect, KANIKO, Platform.OPENSHIFT, DOCKERFILE).revision());
        assertEquals(build.buildConfig(), KafkaConnectBuild.from(connect, KANIKO, Platform.OPENSHIFT, DOCKERFILE).buildConfig(),
                "the gate does not change the OpenShift build");
    }

    static KafkaConnect imageStreamConnect() {
        KafkaConnect connect = Serialization.unmarshal("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: my-connect
                  namespace: kafka
                  uid: c0ffee-uid
                spec:
                  build:
                    output:
                      type: imagestream
                      image: my-connect-build:latest
                """, KafkaConnect.class);
        return connect;
    }

    @Test
    void openShiftBuildConfigForImageStreamOutput() {
        KafkaConnectBuild build = KafkaConnectBuild.from(imageStreamConnect(), KANIKO, Platform.OPENSHIFT, DOCKERFILE);
        assertEquals("my-connect-build", build.imageStreamName());
        assertEquals("my-connect-build:latest", build.outputImage());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) build.buildConfig().getAdditionalProperties().get("spec");
        assertEquals(Map.of("to", Map.of("kind", "ImageStreamTag", "name", "my-connect-build:latest")), spec.get("output"));
        assertNull(spec.get("resources"));

        KafkaConnect invalid = imageStreamConnect();
        invalid.getSpec().getBuild().getOutput().setImage("no-tag");
        String message = assertThrows(InvalidResourceException.class,
                () -> KafkaConnectBuild.from(invalid, KANIKO, Platform.OPENSHIFT, DOCKERFILE)).getMessage();
        assertTrue(message.startsWith(".spec.build.output.image: 'no-tag' is not an ImageStream and tag"), message);
    }

    @Test
    void openShiftTemplateProxiesAndPullSecret() {
        KafkaConnect connect = withTemplate("""
                buildConfig:
                  metadata:
                    labels: {team: a, strimzi.io/cluster: not-this}
                    annotations: {note: x}
                  pullSecret: base-pull
                """);
        ClusterOperatorConfig config = config("").proxy(new ProxyConfig("http://p:1", "http://p:2", "svc")).build();
        GenericKubernetesResource buildConfig = KafkaConnectBuild.from(connect, config, Platform.OPENSHIFT, DOCKERFILE).buildConfig();
        Map<String, String> labels = new LinkedHashMap<>(LABELS);
        labels.put("team", "a");
        assertEquals(labels, buildConfig.getMetadata().getLabels());
        assertEquals("x", buildConfig.getMetadata().getAnnotations().get("note"));
        List<Map<String, String>> proxies = List.of(Map.of("name", "HTTP_PROXY", "value", "http://p:1"),
                Map.of("name", "HTTPS_PROXY", "value", "http://p:2"), Map.of("name", "NO_PROXY", "value", "svc"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) buildConfig.getAdditionalProperties().get("spec");
        assertEquals(Map.of("type", "Docker", "dockerStrategy", Map.of("env", proxies, "buildArgs", proxies,
                "pullSecret", Map.of("name", "base-pull"))), spec.get("strategy"));
    }

    // ---- templates, proxies, pull policy ----

    static KafkaConnect withTemplate(String templateYaml) {
        KafkaConnect connect = connect();
        connect.getSpec().setTemplate(Serialization.unmarshal(templateYaml,
                io.strimzi.api.kafka.model.template.KafkaConnectTemplate.class));
        return connect;
    }

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
        KafkaConnectBuild build = build(connect, config);
        Pod pod = build.buildPod();

        Map<String, String> labels = new LinkedHashMap<>(LABELS);
        labels.put("team", "a");
        assertEquals(labels, pod.getMetadata().getLabels());
        assertEquals(Map.of("note", "x", KafkaConnectBuild.REVISION_ANNOTATION, build.revision()), pod.getMetadata().getAnnotations());
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
        for (ClusterOperatorConfig.Builder config : List.of(config("+UseConnectBuildWithBuildah"), config("-UseConnectBuildWithBuildah"))) {
            KafkaConnectBuild build = build(connect(), config.imagePullPolicy(ClusterOperatorConfig.ImagePullPolicy.Always)
                    .imagePullSecrets(List.of("one", "two")).build());
            assertEquals("Always", container(build).getImagePullPolicy());
            assertEquals(List.of(new LocalObjectReference("one"), new LocalObjectReference("two")),
                    build.buildPod().getSpec().getImagePullSecrets());
        }
    }

    @Test
    void proxiesAsEnvAndBuildArguments() {
        ProxyConfig proxy = new ProxyConfig("http://user:pw@proxy:3128", "http://proxy:3129", "localhost,.svc");
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--retry=2"));
        output(connect).setAdditionalPushOptions(List.of("--retry=4"));
        List<EnvVar> proxyEnv = List.of(new EnvVar("HTTP_PROXY", "http://user:pw@proxy:3128", null),
                new EnvVar("HTTPS_PROXY", "http://proxy:3129", null), new EnvVar("NO_PROXY", "localhost,.svc", null));

        Container buildah = container(build(connect, config("+UseConnectBuildWithBuildah").proxy(proxy).build()));
        assertEquals(proxyEnv, buildah.getEnv().subList(2, 5));
        assertEquals(List.of(IMAGE, "registry.example.com:5000/org/connect", "4",
                "--build-arg=HTTP_PROXY=http://user:pw@proxy:3128", "--build-arg=HTTPS_PROXY=http://proxy:3129",
                "--build-arg=NO_PROXY=localhost,.svc", "--retry=2", "--retry=4"), buildah.getArgs());
        assertTrue(buildah.getCommand().stream().noneMatch(part -> part.contains("proxy:3128")));

        output(connect).setAdditionalBuildOptions(List.of("--reproducible"));
        Container kaniko = container(build(connect, config("-UseConnectBuildWithBuildah").proxy(proxy).build()));
        assertEquals(proxyEnv, kaniko.getEnv());
        assertEquals(List.of("--dockerfile=/dockerfile/Dockerfile", "--image-name-with-digest-file=/dev/termination-log",
                "--destination=" + IMAGE, "--build-arg=HTTP_PROXY=http://user:pw@proxy:3128",
                "--build-arg=HTTPS_PROXY=http://proxy:3129", "--build-arg=NO_PROXY=localhost,.svc", "--reproducible"), kaniko.getArgs());
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
        assertEquals(revision, KafkaConnectBuild.revisionOf(DOCKERFILE.content(), IMAGE));

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
        assertNotEquals(revision, KafkaConnectBuild.from(connect(), BUILDAH, Platform.KUBERNETES,
                new ConnectDockerfile(DOCKERFILE.baseImage(), DOCKERFILE.content() + "RUN true\n")).revision());
        assertNotEquals(KafkaConnectBuild.revisionOf("ab", "c"), KafkaConnectBuild.revisionOf("a", "bc"));
    }
}
