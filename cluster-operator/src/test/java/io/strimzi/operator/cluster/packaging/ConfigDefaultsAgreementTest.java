package io.strimzi.operator.cluster.packaging;

import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.OperatorVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_CONNECT_BUILD_TIMEOUT_MS;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_DEFAULT_BUILDAH_IMAGE;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_DEFAULT_MAVEN_BUILDER;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_FEATURE_GATES;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_FULL_RECONCILIATION_INTERVAL_MS;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_HEALTH_PORT;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_KAFKA_CONNECT_IMAGES;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_OPERATION_TIMEOUT_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The defaults written in install/ and in the chart are the operator's own defaults (ClusterOperatorConfig). */
class ConfigDefaultsAgreementTest {
    private static final String LOG_LEVEL = "STRIMZI_LOG_LEVEL";
    private static final String VERSION = OperatorVersion.current();

    @Test
    void installChartAndOperatorAgreeOnEverySharedVariable() {
        Map<String, String> operatorDefaults = operatorDefaults();
        Map<String, String> install = Manifests.literalEnv(installContainer());
        Map<String, String> chart = Manifests.literalEnv(chartContainer());

        Set<String> shared = new TreeSet<>(operatorDefaults.keySet());
        shared.retainAll(install.keySet());
        shared.retainAll(chart.keySet());
        // Guards against a vacuous pass: these are the variables the packaging is meant to pin.
        assertTrue(shared.containsAll(Set.of(STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, STRIMZI_OPERATION_TIMEOUT_MS,
                STRIMZI_CONNECT_BUILD_TIMEOUT_MS, STRIMZI_FEATURE_GATES, STRIMZI_DEFAULT_BUILDAH_IMAGE,
                STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, STRIMZI_DEFAULT_MAVEN_BUILDER, STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE,
                STRIMZI_KAFKA_CONNECT_IMAGES, STRIMZI_HEALTH_PORT, LOG_LEVEL)),
                "shared variables: " + shared);
        for (String name : shared) {
            assertEquals(operatorDefaults.get(name), install.get(name), name + " in install/ vs ClusterOperatorConfig");
            assertEquals(operatorDefaults.get(name), chart.get(name), name + " in the chart vs ClusterOperatorConfig");
        }
    }

    /** Read back by the operator's own parser, the install/ env gives exactly the default configuration. */
    @Test
    void installEnvParsesToTheDefaultConfiguration() {
        Map<String, String> environment = new HashMap<>(Manifests.literalEnv(installContainer()));
        ClusterOperatorConfig parsed = ClusterOperatorConfig.fromMap(environment, VERSION);
        ClusterOperatorConfig defaults = ClusterOperatorConfig.builder(VERSION).build();
        assertEquals(defaults.fullReconciliationIntervalMs(), parsed.fullReconciliationIntervalMs());
        assertEquals(defaults.operationTimeoutMs(), parsed.operationTimeoutMs());
        assertEquals(defaults.connectBuildTimeoutMs(), parsed.connectBuildTimeoutMs());
        assertEquals(defaults.featureGates().effectiveValue(), parsed.featureGates().effectiveValue());
        assertEquals(defaults.buildahImage(), parsed.buildahImage());
        assertEquals(defaults.kanikoExecutorImage(), parsed.kanikoExecutorImage());
        assertEquals(defaults.mavenBuilderImage(), parsed.mavenBuilderImage());
        assertEquals(defaults.layerBuilderImage(), parsed.layerBuilderImage());
        assertEquals(defaults.kafkaConnectImages(), parsed.kafkaConnectImages());
        assertEquals(defaults.imagePullPolicy(), parsed.imagePullPolicy());
        assertEquals(defaults.imagePullSecrets(), parsed.imagePullSecrets());
        assertEquals(defaults.healthPort(), parsed.healthPort());
    }

    /** The probes and the declared port are where the operator serves health: STRIMZI_HEALTH_PORT. */
    @Test
    @SuppressWarnings("unchecked")
    void containerPortIsTheHealthPort() {
        for (Map<String, Object> container : java.util.List.of(installContainer(), chartContainer())) {
            Map<String, Object> http = Manifests.list(container, "ports").stream().map(p -> (Map<String, Object>) p)
                    .filter(p -> "http".equals(p.get("name"))).findFirst().orElseThrow();
            assertEquals(ClusterOperatorConfig.DEFAULT_HEALTH_PORT, http.get("containerPort"));
            assertEquals(String.valueOf(http.get("containerPort")), Manifests.literalEnv(container).get(STRIMZI_HEALTH_PORT));
        }
    }

    /** One Lease per operator namespace, and a holder name `kubectl get lease` users recognise: the Pod's. */
    @Test
    void leaderElectionUsesThePodNamespaceAndName() {
        Map<String, Object> namespace = Map.of("valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.namespace")));
        Map<String, Object> podName = Map.of("valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.name")));
        for (Map<String, Object> container : java.util.List.of(installContainer(), chartContainer())) {
            assertEquals(namespace, Manifests.env(container).get(ClusterOperatorConfig.STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE));
            assertEquals(podName, Manifests.env(container).get(ClusterOperatorConfig.STRIMZI_LEADER_ELECTION_IDENTITY));
        }
    }

    /** A misspelt variable would be silently ignored by the operator: every one in install/ must be one it reads. */
    @Test
    void everyVariableInInstallAndChartIsOneTheOperatorReads() {
        Set<String> known = operatorVariableNames();
        known.add(LOG_LEVEL);
        for (Map<String, Object> container : java.util.List.of(installContainer(), chartContainer())) {
            Set<String> unknown = new TreeSet<>(Manifests.env(container).keySet());
            unknown.removeAll(known);
            assertEquals(Set.of(), unknown, "variables the operator does not read");
        }
    }

    @Test
    void namespaceComesFromThePodByDefault() {
        Map<String, Object> expected = Map.of("valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.namespace")));
        assertEquals(expected, Manifests.env(installContainer()).get(ClusterOperatorConfig.STRIMZI_NAMESPACE));
        assertEquals(expected, Manifests.env(chartContainer()).get(ClusterOperatorConfig.STRIMZI_NAMESPACE));
    }

    /** The defaults as the operator would see them written in an env var. */
    private static Map<String, String> operatorDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, String.valueOf(ClusterOperatorConfig.DEFAULT_FULL_RECONCILIATION_INTERVAL_MS));
        defaults.put(STRIMZI_OPERATION_TIMEOUT_MS, String.valueOf(ClusterOperatorConfig.DEFAULT_OPERATION_TIMEOUT_MS));
        defaults.put(STRIMZI_CONNECT_BUILD_TIMEOUT_MS, String.valueOf(ClusterOperatorConfig.DEFAULT_CONNECT_BUILD_TIMEOUT_MS));
        // Empty means "the defaults of this release": nothing is forced on or off.
        defaults.put(STRIMZI_FEATURE_GATES, "");
        defaults.put(STRIMZI_DEFAULT_BUILDAH_IMAGE, ClusterOperatorConfig.defaultBuildahImage(VERSION));
        defaults.put(STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, ClusterOperatorConfig.defaultKanikoExecutorImage(VERSION));
        defaults.put(STRIMZI_DEFAULT_MAVEN_BUILDER, ClusterOperatorConfig.defaultMavenBuilderImage(VERSION));
        defaults.put(STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE, ClusterOperatorConfig.defaultLayerBuilderImage(VERSION));
        defaults.put(STRIMZI_KAFKA_CONNECT_IMAGES, ClusterOperatorConfig.defaultKafkaConnectImagesValue(VERSION));
        defaults.put(STRIMZI_HEALTH_PORT, String.valueOf(ClusterOperatorConfig.DEFAULT_HEALTH_PORT));
        defaults.put(LOG_LEVEL, log4jDefaultLevel());
        return defaults;
    }

    /** The level log4j2.properties falls back to when STRIMZI_LOG_LEVEL is unset. */
    private static String log4jDefaultLevel() {
        try (InputStream in = ConfigDefaultsAgreementTest.class.getResourceAsStream("/log4j2.properties")) {
            String properties = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher matcher = Pattern.compile("rootLogger\\.level\\s*=\\s*\\$\\{env:" + LOG_LEVEL + ":-(\\w+)}").matcher(properties);
            assertTrue(matcher.find(), "log4j2.properties takes the root level from " + LOG_LEVEL);
            return matcher.group(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The names of the variables ClusterOperatorConfig reads: its public String constants holding a variable name. */
    private static Set<String> operatorVariableNames() {
        Set<String> names = new TreeSet<>();
        for (Field field : ClusterOperatorConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value.matches("[A-Z_]+") && field.getName().equals(value)) {
                        names.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertTrue(names.contains(STRIMZI_DEFAULT_BUILDAH_IMAGE), "found " + names);
        return names;
    }

    private static Map<String, Object> installContainer() {
        return Manifests.operatorContainer(Manifests.single(RepositoryFiles.installObjects(), "Deployment", "strimzi-cluster-operator"));
    }

    private static Map<String, Object> chartContainer() {
        return Manifests.operatorContainer(Manifests.single(Chart.renderDefaults(), "Deployment", "strimzi-cluster-operator"));
    }

    /** The layer builder's image is the operator's own, in install/ and in the chart (whatever image the chart is given). */
    @Test
    void theLayerBuilderImageIsTheOperatorImage() {
        for (Map<String, Object> container : java.util.List.of(installContainer(), chartContainer())) {
            assertEquals(container.get("image"), Manifests.literalEnv(container).get(STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE));
            assertEquals(container.get("image"), Manifests.literalEnv(container).get(ClusterOperatorConfig.STRIMZI_DEFAULT_KAFKA_INIT_IMAGE),
                    "the rack init container's program is in the operator image");
        }
        Map<String, Object> custom = Manifests.operatorContainer(Manifests.single(Chart.render(Map.of(
                "image.registry", "registry.example.com", "image.repository", "mirror", "image.tag", "1.2.3")),
                "Deployment", "strimzi-cluster-operator"));
        assertEquals("registry.example.com/mirror/operator:1.2.3", custom.get("image"));
        assertEquals(custom.get("image"), Manifests.literalEnv(custom).get(STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE));
    }
}
