package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documents of the conformance corpus (api/src/test/resources/conformance), each read in both API versions and
 * rendered as the operator would write it, asserted field by field on the objects.
 */
class ConformanceRenderTest {
    private static final Path CORPUS = RenderCommandTest.ROOT.resolve("api/src/test/resources/conformance");
    private static final ClusterOperatorConfig CONFIG = ClusterOperatorConfig.fromMap(
            Map.of(ClusterOperatorConfig.STRIMZI_FEATURE_GATES, "+UseConnectBuildWithBuildah"), OperatorVersion.current());
    private static final String V1 = "apiVersion: kafka.strimzi.io/v1\n";
    private static final String V1BETA2 = "apiVersion: kafka.strimzi.io/v1beta2\n";

    /** The objects of a corpus document read as `apiVersion` (the file's v1 line replaced). */
    static List<HasMetadata> render(String file, String apiVersion) throws IOException {
        String yaml = Files.readString(CORPUS.resolve(file)).replace(V1, apiVersion);
        KafkaConnect connect = KafkaConnectReader.read(yaml);
        connect.getMetadata().setNamespace("kafka");
        return RenderCommand.render(connect, CONFIG, Platform.KUBERNETES).stream().map(RenderCommand.Rendered::object).toList();
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertEquals(1, found.size(), kind.getSimpleName() + " in " + objects.stream().map(HasMetadata::getKind).toList());
        return found.get(0);
    }

    static PodSpec connectPod(List<HasMetadata> objects) {
        return one(objects, Deployment.class).getSpec().getTemplate().getSpec();
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    static VolumeMount mount(Container container, String name) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name));
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void minimalHasTheGroupAndTopicsOfItsFields(String version) throws IOException {
        Properties worker = new Properties();
        worker.load(new StringReader(one(render("minimal.yaml", version), io.fabric8.kubernetes.api.model.ConfigMap.class)
                .getData().get("kafka-connect.properties")));
        String yaml = Files.readString(CORPUS.resolve("minimal.yaml"));
        for (String[] field : new String[][] {{"groupId", "group.id"}, {"configStorageTopic", "config.storage.topic"},
            {"offsetStorageTopic", "offset.storage.topic"}, {"statusStorageTopic", "status.storage.topic"}}) {
            String value = yaml.lines().filter(l -> l.strip().startsWith(field[0] + ":")).findFirst().orElseThrow()
                    .split(":", 2)[1].strip();
            assertEquals(value, worker.getProperty(field[1]), field[1]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void templatePodAppliesEveryFieldToTheConnectPods(String version) throws IOException {
        PodSpec pod = connectPod(render("template-pod.yaml", version));
        assertEquals(60L, pod.getTerminationGracePeriodSeconds());
        assertEquals("my-scheduler", pod.getSchedulerName());
        assertEquals("None", pod.getDnsPolicy());
        assertEquals(List.of("192.0.2.53"), pod.getDnsConfig().getNameservers());
        assertEquals("2", pod.getDnsConfig().getOptions().get(0).getValue());
        assertEquals("192.0.2.10", pod.getHostAliases().get(0).getIp());
        assertEquals(List.of("kafka.example.com"), pod.getHostAliases().get(0).getHostnames());
        assertEquals("topology.kubernetes.io/zone", pod.getTopologySpreadConstraints().get(0).getTopologyKey());
        assertEquals(1, pod.getTopologySpreadConstraints().get(0).getMaxSkew());
        assertEquals(Boolean.FALSE, pod.getEnableServiceLinks());
        assertEquals(Boolean.FALSE, pod.getHostUsers());
        assertEquals("registry-ca", volume(pod, "registry-ca").getSecret().getSecretName());
        assertEquals("10Mi", volume(pod, "strimzi-tmp").getEmptyDir().getSizeLimit().toString());
        assertEquals("template-pod-connect", pod.getServiceAccountName());
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void templateVolumesAreMountedByTheConnectContainer(String version) throws IOException {
        PodSpec pod = connectPod(render("template-volumes.yaml", version));
        assertEquals("my-config-map", volume(pod, "a-config-map").getConfigMap().getName());
        assertEquals("Memory", volume(pod, "scratch").getEmptyDir().getMedium());
        assertEquals("my-claim", volume(pod, "data").getPersistentVolumeClaim().getClaimName());
        assertEquals("secrets-store.csi.k8s.io", volume(pod, "secrets-store").getCsi().getDriver());
        assertEquals("quay.io/example/my-plugin:1.0", volume(pod, "plugin-image").getImage().getReference());
        assertEquals("IfNotPresent", volume(pod, "plugin-image").getImage().getPullPolicy());
        Container connect = pod.getContainers().get(0);
        assertEquals("/mnt/secret", mount(connect, "a-secret").getMountPath());
        assertEquals("/mnt/data", mount(connect, "data").getMountPath());
        assertEquals("connect", mount(connect, "data").getSubPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void containerVariablesComeFromValuesSecretsAndConfigMaps(String version) throws IOException {
        Container connect = connectPod(render("template-containers.yaml", version)).getContainers().get(0);
        assertEquals("a value", env(connect, "PLAIN").getValue());
        assertEquals("my-secret", env(connect, "FROM_SECRET").getValueFrom().getSecretKeyRef().getName());
        assertEquals("password", env(connect, "FROM_SECRET").getValueFrom().getSecretKeyRef().getKey());
        assertNull(env(connect, "FROM_SECRET").getValue());
        assertEquals("my-config-map", env(connect, "FROM_CONFIG_MAP").getValueFrom().getConfigMapKeyRef().getName());
        assertEquals("setting", env(connect, "FROM_CONFIG_MAP").getValueFrom().getConfigMapKeyRef().getKey());
        assertEquals(List.of("ALL"), connect.getSecurityContext().getCapabilities().getDrop());
    }

    /** The registry CA of the build: a Secret volume, mounted in the build container where `--cert-dir` points. */
    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void buildPodTemplateMountsTheRegistryCaTheBuildOptionsName(String version) throws IOException {
        Pod pod = one(render("template-build-pod.yaml", version), Pod.class);
        PodSpec spec = pod.getSpec();
        Container build = spec.getContainers().get(0);
        assertEquals("registry-ca", volume(spec, "registry-ca").getSecret().getSecretName());
        VolumeMount ca = mount(build, "registry-ca");
        assertEquals("/etc/registry-ca", ca.getMountPath());
        assertEquals(Boolean.TRUE, ca.getReadOnly());
        assertTrue(build.getArgs().contains("--cert-dir=" + ca.getMountPath()), build.getArgs().toString());
        assertEquals("build-cache", volume(spec, "cache").getPersistentVolumeClaim().getClaimName());
        assertEquals("quay.io/example/build-tools:1.0", volume(spec, "tools").getImage().getReference());
        assertEquals("registry-token", env(build, "REGISTRY_TOKEN").getValueFrom().getSecretKeyRef().getName());
        assertEquals("mirror", env(build, "REGISTRY_MIRROR").getValueFrom().getConfigMapKeyRef().getKey());
        assertEquals(60L, spec.getTerminationGracePeriodSeconds());
        assertEquals("my-scheduler", spec.getSchedulerName());
        assertEquals("None", spec.getDnsPolicy());
        assertEquals("example.com", spec.getDnsConfig().getSearches().get(0));
        assertEquals("kafka.example.com", spec.getHostAliases().get(0).getHostnames().get(0));
        assertEquals("ScheduleAnyway", spec.getTopologySpreadConstraints().get(0).getWhenUnsatisfiable());
        assertEquals(Boolean.FALSE, spec.getEnableServiceLinks());
        assertEquals(Boolean.FALSE, spec.getHostUsers());
        assertEquals(Boolean.FALSE, spec.getAutomountServiceAccountToken());
        assertEquals("20Gi", volume(spec, "buildah-storage").getEmptyDir().getSizeLimit().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void podDisruptionBudgetAndServiceAccountTakeTheirTemplates(String version) throws IOException {
        String yaml = Files.readString(CORPUS.resolve("template-other-resources.yaml")).replace(V1, version);
        // podSet is Strimzi's and refused here; without it the other templates apply.
        String withoutPodSet = yaml.substring(0, yaml.indexOf("    podSet:"));
        KafkaConnect connect = KafkaConnectReader.read(withoutPodSet);
        List<HasMetadata> objects = RenderCommand.render(connect, CONFIG, Platform.KUBERNETES).stream()
                .map(RenderCommand.Rendered::object).toList();
        PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
        assertEquals(new IntOrString(0), pdb.getSpec().getMaxUnavailable());
        assertEquals("connect", pdb.getMetadata().getLabels().get("team"));
        assertEquals("connect", pdb.getMetadata().getAnnotations().get("example.com/owner"));
        assertEquals(Map.of("strimzi.io/cluster", "template-other-resources", "strimzi.io/kind", "KafkaConnect",
                "strimzi.io/name", "template-other-resources-connect"), pdb.getSpec().getSelector().getMatchLabels());
        ServiceAccount account = one(objects, ServiceAccount.class);
        assertEquals("template-other-resources-connect", account.getMetadata().getName());
        assertEquals("arn:aws:iam::123456789012:role/connect", account.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"));
        assertEquals(account.getMetadata().getName(), connectPod(objects).getServiceAccountName());

        InvalidResourceException refused = assertThrows(InvalidResourceException.class, () -> KafkaConnectReader.read(yaml));
        assertTrue(refused.getMessage().startsWith(".spec.template.podSet is not supported by this operator: this operator "
                + "runs the Connect pods in a Deployment, not a StrimziPodSet"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void apiServiceTakesItsIpFamiliesAndTheHeadlessServiceIsRefused(String version) throws IOException {
        String yaml = Files.readString(CORPUS.resolve("template-services.yaml")).replace(V1, version);
        KafkaConnect connect = KafkaConnectReader.read(yaml.substring(0, yaml.indexOf("    headlessService:")));
        Service service = one(RenderCommand.render(connect, CONFIG, Platform.KUBERNETES).stream()
                .map(RenderCommand.Rendered::object).toList(), Service.class);
        assertEquals("PreferDualStack", service.getSpec().getIpFamilyPolicy());
        assertEquals(List.of("IPv6", "IPv4"), service.getSpec().getIpFamilies());
        assertEquals("8083", service.getMetadata().getAnnotations().get("example.com/port"));
        InvalidResourceException refused = assertThrows(InvalidResourceException.class, () -> KafkaConnectReader.read(yaml));
        assertTrue(refused.getMessage().startsWith(".spec.template.headlessService is not supported by this operator"),
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void pluginsAreImageVolumesInTheBuildsLayout(String version) throws IOException {
        PodSpec pod = connectPod(render("plugins.yaml", version));
        Container connect = pod.getContainers().get(0);
        List<VolumeMount> plugins = connect.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().startsWith("/opt/kafka/plugins/")).toList();
        assertEquals(3, plugins.size());
        for (VolumeMount mount : plugins) {
            assertTrue(mount.getMountPath().matches("/opt/kafka/plugins/(debezium-postgres|camel-timer)/[0-9a-f]{8}"), mount.getMountPath());
            assertEquals(Boolean.TRUE, mount.getReadOnly());
            assertTrue(mount.getName().matches("plugin-[0-9a-f]{8}"), mount.getName());
        }
        Volume first = volume(pod, plugins.get(0).getName());
        assertEquals("quay.io/example/debezium-postgres:3.1.0", first.getImage().getReference());
        assertEquals("IfNotPresent", first.getImage().getPullPolicy());
        Volume second = volume(pod, plugins.get(1).getName());
        assertTrue(second.getImage().getReference().startsWith("quay.io/example/extra-libs@sha256:"));
        assertNull(second.getImage().getPullPolicy());
        assertEquals("Always", volume(pod, plugins.get(2).getName()).getImage().getPullPolicy());
        assertTrue(plugins.get(2).getMountPath().startsWith("/opt/kafka/plugins/camel-timer/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void pluginsMixWithABuild(String version) throws IOException {
        List<HasMetadata> objects = render("plugins-and-build.yaml", version);
        String dockerfile = objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap
                && o.getMetadata().getName().endsWith("-dockerfile")).map(o -> ((io.fabric8.kubernetes.api.model.ConfigMap) o)
                .getData().get("Dockerfile")).findFirst().orElseThrow();
        assertTrue(dockerfile.contains("/opt/kafka/plugins/built/"), dockerfile);
        assertFalse(dockerfile.contains("mounted"), "image volumes are not part of the build");
        Container connect = connectPod(objects).getContainers().get(0);
        assertTrue(connect.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().startsWith("/opt/kafka/plugins/mounted/")));
        assertEquals("registry.example.com/team/connect:latest", connect.getImage(), "the build's image until it is pushed");
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V1BETA2})
    void replicasZeroKeepsTheDeploymentWithNoPods(String version) throws IOException {
        List<HasMetadata> objects = render("replicas-zero.yaml", version);
        assertEquals(0, one(objects, Deployment.class).getSpec().getReplicas());
        assertEquals(new IntOrString(1), one(objects, PodDisruptionBudget.class).getSpec().getMaxUnavailable());
    }
}
