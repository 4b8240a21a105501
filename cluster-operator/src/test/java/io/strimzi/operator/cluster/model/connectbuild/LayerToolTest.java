package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.PodSecurityProfile;
import io.strimzi.operator.cluster.config.ProxyConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.BUILDAH;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.IMAGE;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.LAYER;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.build;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.connect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.container;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.imageStreamConnect;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.invalid;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.mount;
import static io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuildTest.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer builder's plan, Pod and option check (UseConnectBuildWithLayerAppend). */
class LayerToolTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every artifact type, two plugins, options: what the plan says about each. */
    static KafkaConnect everyType() {
        return Serialization.unmarshal("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: my-connect
                  namespace: kafka
                spec:
                  version: 4.1.0
                  bootstrapServers: kafka:9092
                  build:
                    output:
                      type: docker
                      image: registry.example.com:5000/org/connect:1.0
                      additionalBuildOptions: ["--tls-verify=false"]
                      additionalPushOptions: ["--quiet", "--retry=5"]
                    plugins:
                      - name: first
                        artifacts:
                          - type: jar
                            url: https://repo.example.com/a.jar
                            sha512sum: %s
                          - type: tgz
                            url: https://repo.example.com/b.tgz
                            insecure: true
                      - name: second
                        artifacts:
                          - type: zip
                            url: https://repo.example.com/c.zip
                          - type: other
                            url: https://repo.example.com/d
                            fileName: d.properties
                          - type: maven
                            repository: https://maven.example.com/releases/
                            group: org.example
                            artifact: connector
                            version: 1.2.3
                            includeScope: runtime
                            mirrors: [{url: "https://mirror.example.com/maven/"}]
                """.formatted("AB".repeat(64)), KafkaConnect.class);
    }

    @Test
    void thePlanHoldsEveryArtifactWithItsFieldDirectoryAndSource() {
        PodBuild build = build(everyType(), LAYER);
        assertEquals("my-connect-connect-build-plan", build.inputConfigMap().getMetadata().getName());
        assertEquals(List.of("plan.json"), List.copyOf(build.inputConfigMap().getData().keySet()));
        JsonNode plan = JSON.readTree(build.inputConfigMap().getData().get("plan.json"));
        assertEquals(1, plan.get("planVersion").asInt());
        assertEquals("quay.io/strimzi/kafka:0.49.0-kafka-4.1.0", plan.get("baseImage").asString());
        assertEquals(IMAGE, plan.get("image").asString());
        assertEquals("registry.example.com:5000/org/connect", plan.get("imageName").asString());
        assertEquals("/opt/kafka/plugins", plan.get("pluginsDirectory").asString());
        assertEquals("1001", plan.get("user").asString());
        assertEquals(List.of("--tls-verify=false"), JSON.convertValue(plan.get("buildOptions"), List.class));
        assertEquals(List.of("--quiet", "--retry=5"), JSON.convertValue(plan.get("pushOptions"), List.class));

        JsonNode artifacts = plan.get("artifacts");
        assertEquals(5, artifacts.size());
        assertEquals(List.of(".spec.build.plugins[0].artifacts[0]", ".spec.build.plugins[0].artifacts[1]",
                ".spec.build.plugins[1].artifacts[0]", ".spec.build.plugins[1].artifacts[1]", ".spec.build.plugins[1].artifacts[2]"),
                artifacts.valueStream().map(a -> a.get("field").asString()).toList());
        assertEquals(List.of("jar", "tgz", "zip", "other", "maven"), artifacts.valueStream().map(a -> a.get("type").asString()).toList());
        assertEquals("first/" + PluginArtifact.identityHash("jar", "https://repo.example.com/a.jar"), artifacts.get(0).get("directory").asString());
        assertEquals("ab".repeat(64), artifacts.get(0).get("sha512sum").asString(), "as validated: lower case");
        assertEquals("a.jar", artifacts.get(0).get("fileName").asString());
        assertTrue(artifacts.get(1).get("insecure").asBoolean());
        assertFalse(artifacts.get(1).has("fileName"), "archives have no file name");
        assertEquals("d.properties", artifacts.get(3).get("fileName").asString());
        JsonNode maven = artifacts.get(4);
        assertEquals(List.of("https://maven.example.com/releases/", "org.example", "connector", "1.2.3"),
                List.of(maven.get("repository").asString(), maven.get("group").asString(), maven.get("artifact").asString(),
                        maven.get("version").asString()));
        assertFalse(maven.has("url"));
        assertEquals("runtime", maven.get("includeScope").asString());
        assertEquals("https://mirror.example.com/maven/", maven.get("mirror").asString());
    }

    @Test
    void theRevisionHashesThePlanAndTheOutputOnly() {
        PodBuild build = build(connect(), LAYER);
        String plan = build.inputConfigMap().getData().get("plan.json");
        assertEquals(BuildRevision.of(plan, IMAGE), build.revision());
        assertEquals(build.revision(), build(connect(), LAYER).revision(), "the same resource gives the same plan");
        assertNotEquals(build(connect(), BUILDAH).revision(), build.revision(), "the layer builder's input is not the Dockerfile");

        KafkaConnect withOptions = connect();
        output(withOptions).setAdditionalPushOptions(List.of("--quiet"));
        assertNotEquals(build.revision(), build(withOptions, LAYER).revision(), "the options are part of the plan");
        ClusterOperatorConfig proxied = KafkaConnectBuildTest.config("+UseConnectBuildWithLayerAppend")
                .proxy(new ProxyConfig("http://proxy:3128", null, "localhost")).build();
        assertEquals(build.revision(), build(connect(), proxied).revision(), "proxies come from the Pod's environment");
    }

    @Test
    void layerPodFieldByField() {
        PodBuild build = build(connect(), LAYER);
        Pod pod = build.pod();
        PodSpec spec = pod.getSpec();
        Container container = container(build);
        assertEquals("layer", build.builderName());
        assertEquals("quay.io/strimzi/operator:test", container.getImage());
        assertEquals(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/opt/strimzi/connect-builder.jar"),
                container.getCommand());
        assertEquals(List.of("--plan", "/etc/strimzi/build-plan/plan.json", "--termination-log", "/dev/termination-log",
                "--push-secret", "/etc/strimzi/push-secret"), container.getArgs());
        assertEquals(List.of(new EnvVar("TMPDIR", "/tmp", null)), container.getEnv());
        assertEquals(List.of(mount("build-plan", "/etc/strimzi/build-plan", true), mount("scratch", "/tmp", null),
                mount("push-secret", "/etc/strimzi/push-secret", true)), container.getVolumeMounts());
        assertEquals(List.of("build-plan", "push-secret", "scratch"), spec.getVolumes().stream().map(Volume::getName).toList());
        assertEquals("my-connect-connect-build-plan", spec.getVolumes().get(0).getConfigMap().getName());
        assertEquals(new Quantity("10Gi"), spec.getVolumes().get(2).getEmptyDir().getSizeLimit());
        assertEquals("/dev/termination-log", container.getTerminationMessagePath());
        assertEquals(false, spec.getAutomountServiceAccountToken());
        assertEquals("Never", spec.getRestartPolicy());
        assertEquals(null, container.getSecurityContext().getRunAsUser(), "no fixed UID: OpenShift assigns one");
        assertEquals(null, spec.getSecurityContext().getRunAsUser());
        assertEquals(Map.of(BuildNames.REVISION_ANNOTATION, build.revision()), pod.getMetadata().getAnnotations());
    }

    @Test
    void theProxiesReachTheBuilderAsEnvironmentVariables() {
        ClusterOperatorConfig proxied = KafkaConnectBuildTest.config("+UseConnectBuildWithLayerAppend")
                .proxy(new ProxyConfig("http://proxy:3128", "http://proxy:3129", "localhost,.svc")).build();
        assertEquals(List.of(new EnvVar("TMPDIR", "/tmp", null), new EnvVar("HTTP_PROXY", "http://proxy:3128", null),
                new EnvVar("HTTPS_PROXY", "http://proxy:3129", null), new EnvVar("NO_PROXY", "localhost,.svc", null)),
                container(build(connect(), proxied)).getEnv());
    }

    /** Each rule of the restricted Pod Security Standard, checked by {@link RestrictedPodSecurity}. */
    @Test
    void theLayerPodSatisfiesTheRestrictedProfile() {
        assertEquals(List.of(), RestrictedPodSecurity.violations(build(connect(), LAYER).pod()));
        assertEquals(List.of(), RestrictedPodSecurity.violations(build(everyType(), LAYER).pod()));
        assertEquals(List.of(), RestrictedPodSecurity.violations(build(templated(), LAYER).pod()),
                "template metadata, env and resources do not touch the security settings");
    }

    /** Under STRIMZI_POD_SECURITY_PROVIDER_CLASS=restricted, the layer builder is the one that builds. */
    @Test
    void theRestrictedProviderLetsTheLayerBuilderBuild() {
        ClusterOperatorConfig restricted = KafkaConnectBuildTest.config("+UseConnectBuildWithBuildah,+UseConnectBuildWithLayerAppend")
                .podSecurityProfile(PodSecurityProfile.RESTRICTED).build();
        PodBuild build = build(connect(), restricted);
        assertEquals(BuildTool.LAYER, build.tool());
        assertEquals(List.of(), RestrictedPodSecurity.violations(build.pod()));
    }

    /** The checker can fail: the Buildah Pod breaks the restricted profile where its documentation says it does. */
    @Test
    void theBuildahPodBreaksTheRestrictedProfileAsDocumented() {
        List<String> violations = RestrictedPodSecurity.violations(build(connect(), BUILDAH).pod());
        assertEquals(List.of(
                "Privilege Escalation: containers[my-connect-connect-build].securityContext.allowPrivilegeEscalation must be false",
                "Running as Non-root: containers[my-connect-connect-build].securityContext.runAsNonRoot (or the Pod's) must be true",
                "Seccomp: containers[my-connect-connect-build].securityContext.seccompProfile (or the Pod's) must be RuntimeDefault or Localhost",
                "Capabilities (restricted): containers[my-connect-connect-build].securityContext.capabilities.add KILL",
                "Capabilities (restricted): containers[my-connect-connect-build].securityContext.capabilities.add SETGID",
                "Capabilities (restricted): containers[my-connect-connect-build].securityContext.capabilities.add SETUID",
                "Capabilities (restricted): containers[my-connect-connect-build].securityContext.capabilities.drop must contain ALL"),
                violations);
        KafkaConnect hostile = KafkaConnectBuildTest.withTemplate("buildContainer: {securityContext: {privileged: true, runAsUser: 0}}");
        List<String> templated = RestrictedPodSecurity.violations(build(hostile, LAYER).pod());
        assertTrue(templated.contains("Privileged Containers: containers[my-connect-connect-build].securityContext.privileged"), templated.toString());
        assertTrue(templated.contains("Running as Non-root user: containers[my-connect-connect-build].securityContext.runAsUser=0"), templated.toString());
    }

    private static KafkaConnect templated() {
        return KafkaConnectBuildTest.withTemplate("""
                buildPod: {metadata: {labels: {team: a}}, tmpDirSizeLimit: 2Gi}
                buildContainer: {env: [{name: JAVA_TOOL_OPTIONS, value: -Xmx256m}]}
                """);
    }

    @Test
    void optionsAreBuildahsWithoutDecryptionKey() {
        KafkaConnect connect = connect();
        output(connect).setAdditionalBuildOptions(List.of("--tls-verify=false", "--creds=u:p", "--authfile=/a", "--cert-dir=/c",
                "--retry=2", "--retry-delay=1s"));
        output(connect).setAdditionalPushOptions(List.of("--quiet", "--tls-verify", "--retry=1"));
        assertEquals(BuildTool.LAYER, build(connect, LAYER).tool());

        KafkaConnect decrypt = connect();
        output(decrypt).setAdditionalBuildOptions(List.of("--decryption-key=/keys/k.pem"));
        assertEquals("Invalid .spec.build.output.additionalBuildOptions: --decryption-key is not supported by the layer builder, "
                + "which cannot decrypt an encrypted base image (the Buildah builder can: disable UseConnectBuildWithLayerAppend)",
                invalid(decrypt, LAYER).getMessage());
        KafkaConnect kanikoOption = connect();
        output(kanikoOption).setAdditionalPushOptions(List.of("--insecure"));
        assertTrue(invalid(kanikoOption, LAYER).getMessage().startsWith("Invalid .spec.build.output.additionalPushOptions: "
                + "options not allowed with the layer builder (push): --insecure"), invalid(kanikoOption, LAYER).getMessage());
        String imageStream = invalid(imageStreamConnect(), LAYER).getMessage();
        assertTrue(imageStream.startsWith(".spec.build.output.type: the imagestream output needs OpenShift"), imageStream);
    }

    @Test
    void theTemplatesScratchLimitAppliesToTheScratchVolume() {
        PodBuild build = build(templated(), LAYER);
        Volume scratch = build.pod().getSpec().getVolumes().stream().filter(v -> v.getName().equals("scratch")).findFirst().orElseThrow();
        assertEquals(new Quantity("2Gi"), scratch.getEmptyDir().getSizeLimit());
        assertEquals(new EnvVar("JAVA_TOOL_OPTIONS", "-Xmx256m", null), container(build).getEnv().get(1));
    }

    @Test
    void invalidImageNamesAreRefusedBeforeAPlanIsWritten() {
        KafkaConnect connect = connect();
        output(connect).setImage("Registry.Example.com/UPPER:1");
        assertTrue(invalid(connect, LAYER).getMessage().startsWith(".spec.build.output.image"), invalid(connect, LAYER).getMessage());
    }

    @Test
    void theDefaultImageIsTheOperatorsOwn() {
        assertEquals("quay.io/strimzi/operator:latest", ClusterOperatorConfig.defaultLayerBuilderImage("0.49.0-SNAPSHOT"));
        assertEquals("quay.io/strimzi/operator:0.49.0", ClusterOperatorConfig.defaultLayerBuilderImage("0.49.0"));
    }
}
