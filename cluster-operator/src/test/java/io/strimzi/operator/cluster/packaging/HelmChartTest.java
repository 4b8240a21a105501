package io.strimzi.operator.cluster.packaging;

import com.marcnuri.helm.LintResult;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.strimzi.operator.cluster.packaging.Manifests.env;
import static io.strimzi.operator.cluster.packaging.Manifests.list;
import static io.strimzi.operator.cluster.packaging.Manifests.literalEnv;
import static io.strimzi.operator.cluster.packaging.Manifests.map;
import static io.strimzi.operator.cluster.packaging.Manifests.ofKind;
import static io.strimzi.operator.cluster.packaging.Manifests.operatorContainer;
import static io.strimzi.operator.cluster.packaging.Manifests.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Helm chart through a real Helm 3 (embedded by helm-java), compared with install/. */
class HelmChartTest {
    private static final String DEPLOYMENT = "strimzi-cluster-operator";
    private static final String GATES = ClusterOperatorConfig.STRIMZI_FEATURE_GATES;
    private static final String BUILDAH_IMAGE = ClusterOperatorConfig.STRIMZI_DEFAULT_BUILDAH_IMAGE;
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void lintStrictPasses(@TempDir Path workDir) {
        LintResult result = Chart.lintStrict(workDir);
        assertFalse(result.isFailed(), "helm lint --strict: " + result.getMessages());
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                "helm lint --strict: " + result.getMessages());
    }

    @Test
    void defaultRenderHasTheObjectsOfInstallFiles() {
        assertEquals(kindsAndNames(RepositoryFiles.installObjects()), kindsAndNames(Chart.renderDefaults()));
    }

    @Test
    void defaultRenderMatchesInstallDeployment() {
        Map<String, Object> installed = single(RepositoryFiles.installObjects(), "Deployment", DEPLOYMENT);
        Map<String, Object> rendered = single(Chart.renderDefaults(), "Deployment", DEPLOYMENT);
        Map<String, Object> installedContainer = operatorContainer(installed);
        Map<String, Object> renderedContainer = operatorContainer(rendered);

        // Same variables, same values, same order.
        assertEquals(new ArrayList<>(env(installedContainer).entrySet()), new ArrayList<>(env(renderedContainer).entrySet()));
        for (String field : List.of("image", "imagePullPolicy", "ports", "livenessProbe", "readinessProbe", "resources",
                "securityContext", "volumeMounts")) {
            assertEquals(installedContainer.get(field), renderedContainer.get(field), "container " + field);
        }
        Map<String, Object> installedPod = map(installed, "spec", "template", "spec");
        Map<String, Object> renderedPod = map(rendered, "spec", "template", "spec");
        for (String field : List.of("serviceAccountName", "securityContext", "volumes")) {
            assertEquals(installedPod.get(field), renderedPod.get(field), "pod " + field);
        }
        assertEquals(map(installed, "spec", "selector"), map(rendered, "spec", "selector"));
        assertEquals(map(installed, "spec", "template", "metadata", "labels"), map(rendered, "spec", "template", "metadata", "labels"));
    }

    @Test
    void defaultRenderMatchesInstallRbac() {
        List<Map<String, Object>> installed = RepositoryFiles.installObjects();
        List<Map<String, Object>> rendered = Chart.renderDefaults();
        List<Map<String, Object>> installedRoles = ofKind(installed, "ClusterRole");
        assertEquals(4, installedRoles.size(), "the operator's role, its cluster-wide one, the OpenShift extras and the rack "
                + "init container's");
        for (Map<String, Object> role : installedRoles) {
            String name = Manifests.name(role);
            assertEquals(role.get("rules"), single(rendered, "ClusterRole", name).get("rules"), "rules of ClusterRole " + name);
        }
        List<Map<String, Object>> installedClusterBindings = ofKind(installed, "ClusterRoleBinding");
        assertEquals(2, installedClusterBindings.size(), "the operator's cluster-wide role and the rack delegation");
        for (Map<String, Object> binding : installedClusterBindings) {
            Map<String, Object> renderedBinding = single(rendered, "ClusterRoleBinding", Manifests.name(binding));
            assertEquals(binding.get("roleRef"), renderedBinding.get("roleRef"));
            assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "strimzi-cluster-operator", "namespace", Chart.NAMESPACE)),
                    renderedBinding.get("subjects"));
        }
        for (Map<String, Object> binding : ofKind(installed, "RoleBinding")) {
            Map<String, Object> renderedBinding = single(rendered, "RoleBinding", Manifests.name(binding));
            assertEquals(binding.get("roleRef"), renderedBinding.get("roleRef"));
            assertEquals(binding.get("subjects"), renderedBinding.get("subjects"));
            assertEquals(Chart.NAMESPACE, map(renderedBinding, "metadata").get("namespace"));
        }
    }

    @Test
    void buildahGateWithCustomImageByTagSetsExactlyThoseVariables() {
        Map<String, Object> values = Map.of(
                "featureGates", "+UseConnectBuildWithBuildah",
                "buildah.image.registry", "registry.example.com:5000",
                "buildah.image.repository", "platform/builders",
                "buildah.image.tag", "1.40.1-patched");

        Map<String, String> changed = changedEnv(literalEnv(defaultContainer()), literalEnv(container(Chart.render(values))));

        assertEquals(Map.of(GATES, "+UseConnectBuildWithBuildah",
                BUILDAH_IMAGE, "registry.example.com:5000/platform/builders/buildah:1.40.1-patched"), changed);
        ClusterOperatorConfig config = operatorConfig(container(Chart.render(values)));
        assertTrue(config.featureGates().useConnectBuildWithBuildah());
        assertEquals("registry.example.com:5000/platform/builders/buildah:1.40.1-patched", config.buildahImage());
    }

    @Test
    void buildahGateWithImageByDigestIgnoresTheTag() {
        Map<String, Object> values = Map.of(
                "featureGates", "+UseConnectBuildWithBuildah",
                "buildah.image.registry", "mirror.example.com",
                "buildah.image.tag", "ignored",
                "buildah.image.digest", DIGEST);

        Map<String, String> changed = changedEnv(literalEnv(defaultContainer()), literalEnv(container(Chart.render(values))));

        assertEquals(Map.of(GATES, "+UseConnectBuildWithBuildah",
                BUILDAH_IMAGE, "mirror.example.com/strimzi/buildah@" + DIGEST), changed);
        assertEquals("mirror.example.com/strimzi/buildah@" + DIGEST, operatorConfig(container(Chart.render(values))).buildahImage());
    }

    @Test
    void operatorImageByDigest() {
        Map<String, Object> rendered = container(Chart.render(Map.of("image.digest", DIGEST)));
        assertEquals("quay.io/strimzi/operator@" + DIGEST, rendered.get("image"));
    }

    /** `helm upgrade` from default values to the gate and a custom image: only those two variables change. */
    @Test
    void upgradeToGateAndCustomImageChangesOnlyThoseVariables() {
        List<Map<String, Object>> before = Chart.renderDefaults();
        List<Map<String, Object>> after = Chart.render(Map.of(
                "featureGates", "+UseConnectBuildWithBuildah",
                "buildah.image.registry", "registry.example.com",
                "buildah.image.tag", "custom"));

        Map<String, Map<String, Object>> beforeByKey = byKindAndName(before);
        Map<String, Map<String, Object>> afterByKey = byKindAndName(after);
        assertEquals(beforeByKey.keySet(), afterByKey.keySet());
        String deploymentKey = "Deployment/" + DEPLOYMENT;
        beforeByKey.forEach((key, object) -> {
            if (!key.equals(deploymentKey)) {
                assertEquals(object, afterByKey.get(key), key + " must not change");
            }
        });
        Set<String> changing = Set.of(GATES, BUILDAH_IMAGE);
        Map<String, Object> deploymentBefore = withoutEnv(beforeByKey.get(deploymentKey), changing);
        Map<String, Object> deploymentAfter = withoutEnv(afterByKey.get(deploymentKey), changing);
        assertEquals(deploymentBefore, deploymentAfter, "the Deployment apart from " + changing);
        Map<String, String> envBefore = literalEnv(container(before));
        Map<String, String> envAfter = literalEnv(container(after));
        for (String name : changing) {
            assertNotEquals(envBefore.get(name), envAfter.get(name), name + " changes");
        }
        // The variables keep their positions, so the change is a value change, not a reordering.
        assertEquals(new ArrayList<>(envBefore.keySet()), new ArrayList<>(envAfter.keySet()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "connectBuildTimeoutMs|not-a-number",
        "connectBuildTimeoutMs|0",
        "operationTimeoutMs|-5",
        "imagePullPolicy|Sometimes",
        "operandImagePullPolicy|Sometimes",
        "featureGates|UseConnectBuildWithBuildah",
        "featureGates|+UseConnectBuildWithBuildah;-Other",
        "buildah.image.digest|sha256:1234",
        "buildah.image.tag|bad tag",
        "buildah.image.registry|bad registry/x",
        "kanikoExecutor.image.repository|Upper/Case",
        "logLevel|LOUD",
        "watchAnyNamespace|maybe",
        "watchNamespaces[0]|Not_A_Namespace",
        "kafkaConnect.versions[0]|latest",
        "featureGate|+UseConnectBuildWithBuildah",
    })
    void badValueIsRefusedBySchema(String key, String value) {
        Exception e = assertThrows(Exception.class, () -> Chart.render(Map.of(key, value)));
        String field = key.replaceAll("\\[\\d+]", "").replaceAll(".*\\.", "");
        assertTrue(e.getMessage().contains("schema") && e.getMessage().contains(field),
                "the error names the schema and " + field + ": " + e.getMessage());
    }

    @Test
    void watchAnyNamespaceUsesClusterRoleBindings() {
        List<Map<String, Object>> rendered = Chart.render(Map.of("watchAnyNamespace", true));
        assertTrue(ofKind(rendered, "RoleBinding").isEmpty(), Manifests.describe(rendered));
        for (String role : List.of("strimzi-cluster-operator", "strimzi-cluster-operator-openshift")) {
            Map<String, Object> binding = single(rendered, "ClusterRoleBinding", role);
            assertEquals(role, map(binding, "roleRef").get("name"));
            assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "strimzi-cluster-operator", "namespace", Chart.NAMESPACE)),
                    binding.get("subjects"));
        }
        assertEquals(Map.of("value", "*"), env(container(rendered)).get(ClusterOperatorConfig.STRIMZI_NAMESPACE));
        assertTrue(operatorConfig(container(rendered)).watchesAnyNamespace());
    }

    @Test
    void watchNamespacesBindsTheRolesInEachOfThem() {
        List<Map<String, Object>> rendered = Chart.render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));
        for (String role : List.of("strimzi-cluster-operator", "strimzi-cluster-operator-openshift")) {
            List<String> namespaces = ofKind(rendered, "RoleBinding").stream()
                    .filter(b -> role.equals(Manifests.name(b)))
                    .map(b -> (String) map(b, "metadata").get("namespace"))
                    .collect(Collectors.toList());
            assertEquals(List.of(Chart.NAMESPACE, "team-a", "team-b"), namespaces, role);
        }
        assertEquals(Set.of(Chart.NAMESPACE, "team-a", "team-b"), operatorConfig(container(rendered)).namespaces());
    }

    @Test
    void pullSecretsReachThePodAndTheOperatorConfiguration() {
        List<Map<String, Object>> rendered = Chart.render(Map.of("imagePullSecrets[0]", "regcred", "imagePullSecrets[1]", "mirror",
                "operandImagePullPolicy", "Always"));
        Map<String, Object> deployment = single(rendered, "Deployment", DEPLOYMENT);
        assertEquals(List.of(Map.of("name", "regcred"), Map.of("name", "mirror")),
                list(deployment, "spec", "template", "spec", "imagePullSecrets"));
        ClusterOperatorConfig config = operatorConfig(container(rendered));
        assertEquals(List.of("regcred", "mirror"), config.imagePullSecrets());
        assertEquals(ClusterOperatorConfig.ImagePullPolicy.Always, config.imagePullPolicy());
    }

    @Test
    void schedulingValuesReachThePod() {
        List<Map<String, Object>> rendered = Chart.render(Map.of(
                "nodeSelector.kubernetes\\.io/os", "linux",
                "tolerations[0].key", "dedicated",
                "tolerations[0].operator", "Exists",
                "labels.team", "platform",
                "podAnnotations.note", "x",
                "priorityClassName", "system-cluster-critical"));
        Map<String, Object> deployment = single(rendered, "Deployment", DEPLOYMENT);
        Map<String, Object> pod = map(deployment, "spec", "template", "spec");
        assertEquals(Map.of("kubernetes.io/os", "linux"), pod.get("nodeSelector"));
        assertEquals(List.of(Map.of("key", "dedicated", "operator", "Exists")), pod.get("tolerations"));
        assertEquals("system-cluster-critical", pod.get("priorityClassName"));
        assertEquals("platform", map(deployment, "metadata", "labels").get("team"));
        assertEquals(Map.of("note", "x"), map(deployment, "spec", "template", "metadata", "annotations"));
    }

    private static Map<String, Object> defaultContainer() {
        return container(Chart.renderDefaults());
    }

    private static Map<String, Object> container(List<Map<String, Object>> rendered) {
        return operatorContainer(single(rendered, "Deployment", DEPLOYMENT));
    }

    /** The configuration the operator would read from this container's env (its namespace from the field ref). */
    private static ClusterOperatorConfig operatorConfig(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>(literalEnv(container));
        environment.putIfAbsent(ClusterOperatorConfig.STRIMZI_NAMESPACE, Chart.NAMESPACE);
        return ClusterOperatorConfig.fromMap(environment, OperatorVersion.current());
    }

    /** Variables added or changed in `after`, with their new values; fails when one was removed. */
    private static Map<String, String> changedEnv(Map<String, String> before, Map<String, String> after) {
        assertTrue(after.keySet().containsAll(before.keySet()), "no variable disappears: " + before.keySet() + " -> " + after.keySet());
        Map<String, String> changed = new TreeMap<>();
        after.forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                changed.put(name, value);
            }
        });
        return changed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutEnv(Map<String, Object> deployment, Set<String> names) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(deployment);
        List<Object> env = list(operatorContainer(copy), "env");
        env.removeIf(e -> names.contains(((Map<String, Object>) e).get("name")));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        } else if (value instanceof List) {
            return ((List<Object>) value).stream().map(HelmChartTest::deepCopy).collect(Collectors.toCollection(ArrayList::new));
        }
        return value;
    }

    private static Map<String, Map<String, Object>> byKindAndName(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        for (Map<String, Object> object : objects) {
            String key = object.get("kind") + "/" + Manifests.name(object);
            if (byKey.put(key, object) != null) {
                throw new AssertionError("two objects " + key);
            }
        }
        return byKey;
    }

    private static Set<String> kindsAndNames(List<Map<String, Object>> objects) {
        return byKindAndName(objects).keySet();
    }
}
