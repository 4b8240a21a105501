package io.strimzi.operator.cluster.config;

import io.strimzi.operator.cluster.config.ClusterOperatorConfig.ImagePullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.HTTPS_PROXY;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.HTTP_PROXY;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.NO_PROXY;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_CONNECT_BUILD_TIMEOUT_MS;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_DEFAULT_BUILDAH_IMAGE;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_DEFAULT_MAVEN_BUILDER;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_FEATURE_GATES;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_FULL_RECONCILIATION_INTERVAL_MS;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_HEALTH_PORT;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_IMAGE_PULL_POLICY;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_IMAGE_PULL_SECRETS;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_KAFKA_CONNECT_IMAGES;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_LEADER_ELECTION_IDENTITY;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_NAMESPACE;
import static io.strimzi.operator.cluster.config.ClusterOperatorConfig.STRIMZI_OPERATION_TIMEOUT_MS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ClusterOperatorConfigTest {
    private static final String RELEASE = "0.49.0";
    private static final String SNAPSHOT = "0.49.0-SNAPSHOT";

    private static ClusterOperatorConfig fromEnv(String... namesAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return ClusterOperatorConfig.fromMap(env, RELEASE);
    }

    @Test
    void emptyEnvironmentGivesTheDefaultsOfARelease() {
        ClusterOperatorConfig config = ClusterOperatorConfig.fromMap(Map.of(), RELEASE);
        assertAll(
            () -> assertEquals(RELEASE, config.operatorVersion()),
            () -> assertEquals(Set.of("*"), config.namespaces()),
            () -> assertTrue(config.watchesAnyNamespace()),
            () -> assertEquals(120_000, config.fullReconciliationIntervalMs()),
            () -> assertEquals(300_000, config.operationTimeoutMs()),
            () -> assertEquals(300_000, config.connectBuildTimeoutMs()),
            () -> assertFalse(config.featureGates().useConnectBuildWithBuildah(), "alpha in 0.49.0"),
            () -> assertEquals("quay.io/strimzi/buildah:0.49.0", config.buildahImage()),
            () -> assertEquals("quay.io/strimzi/kaniko-executor:0.49.0", config.kanikoExecutorImage()),
            () -> assertEquals("quay.io/strimzi/maven-builder:0.49.0", config.mavenBuilderImage()),
            () -> assertEquals(List.of("4.0.0", "4.0.1", "4.1.0", "4.1.1", "4.1.2", "4.2.0", "4.3.0"),
                    List.copyOf(config.kafkaConnectImages().keySet()), "the versions of kafka-versions.yaml, oldest first"),
            () -> assertEquals("quay.io/strimzi/kafka:0.49.0-kafka-4.1.1", config.kafkaConnectImages().get("4.1.1")),
            () -> assertEquals("quay.io/strimzi/kafka:0.49.0-kafka-4.3.0", config.newestKafkaConnectImage()),
            () -> assertEquals(PodSecurityProfile.BASELINE, config.podSecurityProfile()),
            () -> assertEquals(Map.of(), config.customBuildLabels()),
            () -> assertNull(config.imagePullPolicy(), "left to Kubernetes"),
            () -> assertEquals(List.of(), config.imagePullSecrets()),
            () -> assertEquals(ProxyConfig.NONE, config.proxy()),
            () -> assertEquals(Map.of(), config.proxy().asEnv()),
            () -> assertEquals(8080, config.healthPort()),
            () -> assertEquals("default", config.leaseNamespace()),
            () -> assertNull(config.leaderIdentity(), "a random identity is chosen when neither variable is set"));
    }

    @Test
    void snapshotDefaultsUseLatestImages() {
        ClusterOperatorConfig config = ClusterOperatorConfig.fromMap(Map.of(), SNAPSHOT);
        assertAll(
            () -> assertEquals("quay.io/strimzi/buildah:latest", config.buildahImage()),
            () -> assertEquals("quay.io/strimzi/kaniko-executor:latest", config.kanikoExecutorImage()),
            () -> assertEquals("quay.io/strimzi/maven-builder:latest", config.mavenBuilderImage()),
            () -> assertEquals("quay.io/strimzi/kafka:latest-kafka-4.1.0", config.kafkaConnectImages().get("4.1.0")));
    }

    @Test
    void blankValuesMeanTheDefault() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of(STRIMZI_NAMESPACE, STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, STRIMZI_OPERATION_TIMEOUT_MS,
                STRIMZI_CONNECT_BUILD_TIMEOUT_MS, STRIMZI_FEATURE_GATES, STRIMZI_DEFAULT_BUILDAH_IMAGE,
                STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, STRIMZI_DEFAULT_MAVEN_BUILDER, STRIMZI_KAFKA_CONNECT_IMAGES,
                STRIMZI_IMAGE_PULL_POLICY, STRIMZI_IMAGE_PULL_SECRETS, HTTP_PROXY, HTTPS_PROXY, NO_PROXY, STRIMZI_HEALTH_PORT,
                STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE, STRIMZI_LEADER_ELECTION_IDENTITY)) {
            env.put(name, "  ");
        }
        assertEquals(ClusterOperatorConfig.fromMap(Map.of(), RELEASE).toString(), ClusterOperatorConfig.fromMap(env, RELEASE).toString());
    }

    @Test
    void everyVariableTakesAValidValue() {
        ClusterOperatorConfig config = fromEnv(
                STRIMZI_NAMESPACE, " kafka, connect-1 ",
                STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, "60000",
                STRIMZI_OPERATION_TIMEOUT_MS, " 1000 ",
                STRIMZI_CONNECT_BUILD_TIMEOUT_MS, "900000",
                STRIMZI_FEATURE_GATES, "+UseConnectBuildWithBuildah",
                STRIMZI_DEFAULT_BUILDAH_IMAGE, "registry.example.com/buildah:1.40",
                STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, "registry.example.com/kaniko@sha256:" + "a".repeat(64),
                STRIMZI_DEFAULT_MAVEN_BUILDER, "registry.example.com/maven:3",
                STRIMZI_KAFKA_CONNECT_IMAGES, "4.0.0=registry.example.com/kafka:4.0.0\n 4.1.0 = registry.example.com/kafka:4.1.0 \n",
                STRIMZI_IMAGE_PULL_POLICY, "IfNotPresent",
                STRIMZI_IMAGE_PULL_SECRETS, "pull-secret, other.secret",
                HTTP_PROXY, "http://proxy.example.com:3128",
                HTTPS_PROXY, "http://proxy.example.com:3129",
                NO_PROXY, "localhost,.svc",
                STRIMZI_HEALTH_PORT, " 9090 ",
                STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE, "strimzi-system",
                STRIMZI_LEADER_ELECTION_IDENTITY, "strimzi-cluster-operator-6d4f9c7b8-x2v9q");
        assertAll(
            () -> assertEquals(9090, config.healthPort()),
            () -> assertEquals("strimzi-system", config.leaseNamespace()),
            () -> assertEquals("strimzi-cluster-operator-6d4f9c7b8-x2v9q", config.leaderIdentity()),
            () -> assertEquals(List.of("kafka", "connect-1"), List.copyOf(config.namespaces())),
            () -> assertFalse(config.watchesAnyNamespace()),
            () -> assertEquals(60_000, config.fullReconciliationIntervalMs()),
            () -> assertEquals(1_000, config.operationTimeoutMs()),
            () -> assertEquals(900_000, config.connectBuildTimeoutMs()),
            () -> assertTrue(config.featureGates().useConnectBuildWithBuildah()),
            () -> assertEquals("registry.example.com/buildah:1.40", config.buildahImage()),
            () -> assertEquals("registry.example.com/kaniko@sha256:" + "a".repeat(64), config.kanikoExecutorImage()),
            () -> assertEquals("registry.example.com/maven:3", config.mavenBuilderImage()),
            () -> assertEquals(Map.of("4.0.0", "registry.example.com/kafka:4.0.0", "4.1.0", "registry.example.com/kafka:4.1.0"),
                    config.kafkaConnectImages()),
            () -> assertEquals(ImagePullPolicy.IfNotPresent, config.imagePullPolicy()),
            () -> assertEquals(List.of("pull-secret", "other.secret"), config.imagePullSecrets()),
            () -> assertEquals(Map.of(HTTP_PROXY, "http://proxy.example.com:3128", HTTPS_PROXY, "http://proxy.example.com:3129",
                    NO_PROXY, "localhost,.svc"), config.proxy().asEnv()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Always", "IfNotPresent", "Never"})
    void everyKubernetesPullPolicyIsAccepted(String policy) {
        assertEquals(ImagePullPolicy.valueOf(policy), fromEnv(STRIMZI_IMAGE_PULL_POLICY, policy).imagePullPolicy());
    }

    @Test
    void commaSeparatedImageMapIsAcceptedToo() {
        assertEquals(Map.of("4.1.0", "a:1", "4.0.0", "b:2"),
                fromEnv(STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=a:1,4.0.0=b:2").kafkaConnectImages());
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
            arguments(STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, "two minutes", "not a number"),
            arguments(STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, "1.5", "not a number"),
            arguments(STRIMZI_FULL_RECONCILIATION_INTERVAL_MS, "0", "positive"),
            arguments(STRIMZI_OPERATION_TIMEOUT_MS, "300s", "not a number"),
            arguments(STRIMZI_OPERATION_TIMEOUT_MS, "-1", "positive"),
            arguments(STRIMZI_OPERATION_TIMEOUT_MS, "0", "positive"),
            arguments(STRIMZI_OPERATION_TIMEOUT_MS, "99999999999999999999", "not a number"),
            arguments(STRIMZI_CONNECT_BUILD_TIMEOUT_MS, "5m", "not a number"),
            arguments(STRIMZI_CONNECT_BUILD_TIMEOUT_MS, "-300000", "positive"),
            arguments(STRIMZI_CONNECT_BUILD_TIMEOUT_MS, "0", "positive"),
            arguments(STRIMZI_FEATURE_GATES, "UseConnectBuildWithBuildah", "must be +Name or -Name"),
            arguments(STRIMZI_FEATURE_GATES, "+UnknownGate", "unknown feature gate 'UnknownGate'"),
            arguments(STRIMZI_FEATURE_GATES, "+UseConnectBuildWithBuildah,-UseConnectBuildWithBuildah", "more than once"),
            arguments(STRIMZI_DEFAULT_BUILDAH_IMAGE, "quay.io/strimzi/buildah latest", "not an image reference"),
            arguments(STRIMZI_DEFAULT_BUILDAH_IMAGE, "quay.io/strimzi/buildah:latest\nRUN id", "not an image reference"),
            arguments(STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, "kaniko\texecutor", "not an image reference"),
            arguments(STRIMZI_DEFAULT_MAVEN_BUILDER, "maven builder", "not an image reference"),
            arguments(STRIMZI_DEFAULT_MAVEN_BUILDER, "maven:3;id", "not an image reference"),
            arguments(STRIMZI_DEFAULT_MAVEN_BUILDER, "$(id)", "not an image reference"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0", "must be version=image"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=", "must be version=image"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "=quay.io/strimzi/kafka:4.1.0", "must be version=image"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "latest=quay.io/strimzi/kafka:latest", "is not a Kafka version"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=quay.io/strimzi/kafka 4.1.0", "'quay.io/strimzi/kafka 4.1.0' is not an image reference"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=kafka:4.1.0 AS x", "is not an image reference"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=a:1\n4.1.0=b:2", "more than once"),
            // The one image grammar: an upper-case repository, a bad tag or digest is no image either.
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=quay.io/Strimzi/kafka:x", "'quay.io/Strimzi/kafka:x' is not an image reference: "
                    + "'Strimzi/kafka' is not a valid repository name"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, "4.0.0=a:1,4.1.0=kafka:-x", "'kafka:-x' is not an image reference: '-x' is not a valid tag"),
            arguments(STRIMZI_DEFAULT_BUILDAH_IMAGE, "Quay.io/Strimzi/buildah", "not an image reference"),
            arguments(STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, "kaniko@sha256:short", "not an image reference: 'sha256:short' is not a valid digest"),
            arguments(STRIMZI_DEFAULT_MAVEN_BUILDER, "maven:3:4", "not an image reference"),
            arguments(STRIMZI_KAFKA_CONNECT_IMAGES, ",", "no version=image entry"),
            arguments(STRIMZI_IMAGE_PULL_POLICY, "always", "must be Always, IfNotPresent or Never"),
            arguments(STRIMZI_IMAGE_PULL_POLICY, "Sometimes", "must be Always, IfNotPresent or Never"),
            arguments(STRIMZI_NAMESPACE, "Kafka", "'Kafka' is not a valid namespace name"),
            arguments(STRIMZI_NAMESPACE, "kafka,,connect", "'' is not a valid namespace name"),
            arguments(STRIMZI_NAMESPACE, "kafka_ns", "not a valid namespace name"),
            arguments(STRIMZI_NAMESPACE, "a".repeat(64), "not a valid namespace name"),
            arguments(STRIMZI_NAMESPACE, "*,kafka", "'*' cannot be combined"),
            arguments(STRIMZI_IMAGE_PULL_SECRETS, "my secret", "'my secret' is not a valid Secret name"),
            arguments(STRIMZI_IMAGE_PULL_SECRETS, "pull-secret,", "'' is not a valid Secret name"),
            arguments(STRIMZI_IMAGE_PULL_SECRETS, "-pull-secret", "not a valid Secret name"),
            arguments(STRIMZI_IMAGE_PULL_SECRETS, "Pull-Secret", "not a valid Secret name"),
            arguments(STRIMZI_HEALTH_PORT, "http", "not a port number"),
            arguments(STRIMZI_HEALTH_PORT, "0", "not a port number (1-65535)"),
            arguments(STRIMZI_HEALTH_PORT, "-8080", "not a port number"),
            arguments(STRIMZI_HEALTH_PORT, "65536", "not a port number"),
            arguments(STRIMZI_HEALTH_PORT, "8080.0", "not a port number"),
            arguments(STRIMZI_HEALTH_PORT, "99999999999", "not a port number"),
            arguments(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE, "Strimzi", "not a valid namespace name"),
            arguments(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE, "strimzi/system", "not a valid namespace name"),
            arguments(STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE, "a".repeat(64), "not a valid namespace name"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidValues")
    void invalidValueIsRefusedNamingTheVariableAndTheValue(String variable, String value, String reason) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> fromEnv(variable, value));
        assertAll(
            () -> assertTrue(e.getMessage().contains(variable), e.getMessage()),
            () -> assertTrue(e.getMessage().contains("'" + InvalidConfigurationException.printable(value) + "'"), e.getMessage()),
            () -> assertTrue(e.getMessage().contains(reason), e.getMessage()),
            () -> assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage()));
    }

    @Test
    void aConfigurationBuiltInCodeChecksItsImagesToo() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> ClusterOperatorConfig.builder(RELEASE)
                .kafkaConnectImages(Map.of("4.1.0", "quay.io/strimzi/kafka:$(id)")).build());
        assertTrue(e.getMessage().startsWith("Invalid value '4.1.0=quay.io/strimzi/kafka:$(id)' of STRIMZI_KAFKA_CONNECT_IMAGES: "
                + "'quay.io/strimzi/kafka:$(id)' is not an image reference: "), e.getMessage());
        e = assertThrows(InvalidConfigurationException.class, () -> ClusterOperatorConfig.builder(RELEASE)
                .mavenBuilderImage("maven builder").build());
        assertTrue(e.getMessage().startsWith("Invalid value 'maven builder' of STRIMZI_DEFAULT_MAVEN_BUILDER: not an image reference: "),
                e.getMessage());
        assertThrows(InvalidConfigurationException.class, () -> ClusterOperatorConfig.builder(RELEASE).buildahImage("a b").build());
        assertThrows(InvalidConfigurationException.class, () -> ClusterOperatorConfig.builder(RELEASE).kanikoExecutorImage("").build());
    }

    @Test
    void leaderIdentityFallsBackToTheHostName() {
        assertEquals("operator-pod-1", fromEnv("HOSTNAME", "operator-pod-1").leaderIdentity());
        assertEquals("from-variable", fromEnv("HOSTNAME", "operator-pod-1", STRIMZI_LEADER_ELECTION_IDENTITY, "from-variable")
                .leaderIdentity());
    }

    @Test
    void healthPortBoundsAreAccepted() {
        assertEquals(1, fromEnv(STRIMZI_HEALTH_PORT, "1").healthPort());
        assertEquals(65535, fromEnv(STRIMZI_HEALTH_PORT, "65535").healthPort());
    }

    @Test
    void newestKafkaVersionIsTheDefaultImageWhateverTheOrder() {
        assertEquals("new:1", fromEnv(STRIMZI_KAFKA_CONNECT_IMAGES, "4.10.0=new:1,4.9.0=old:1").newestKafkaConnectImage());
        assertEquals("new:1", fromEnv(STRIMZI_KAFKA_CONNECT_IMAGES, "4.9.0=old:1,4.10.0=new:1").newestKafkaConnectImage());
    }

    @Test
    void multiLineValueIsShownOnOneLine() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> fromEnv(STRIMZI_KAFKA_CONNECT_IMAGES, "4.1.0=a:1\nbad\n"));
        assertEquals("Invalid value '4.1.0=a:1\\nbad\\n' of STRIMZI_KAFKA_CONNECT_IMAGES: entry 'bad' must be version=image",
                e.getMessage());
    }

    @Test
    void proxyCredentialsNeverAppearInToString() {
        ClusterOperatorConfig config = fromEnv(
                HTTP_PROXY, "http://alice:hunter2@proxy.example.com:3128",
                HTTPS_PROXY, "bob:s3cr%40t@proxy.example.com:3129",
                NO_PROXY, "localhost");
        String logged = config.toString();
        assertAll(
            () -> assertFalse(logged.contains("hunter2"), logged),
            () -> assertFalse(logged.contains("alice"), logged),
            () -> assertFalse(logged.contains("s3cr"), logged),
            () -> assertFalse(logged.contains("bob"), logged),
            () -> assertTrue(logged.contains("proxy.example.com:3128") && logged.contains("proxy.example.com:3129"), logged),
            // builds still receive the real values
            () -> assertEquals("http://alice:hunter2@proxy.example.com:3128", config.proxy().httpProxy()),
            () -> assertEquals("bob:s3cr%40t@proxy.example.com:3129", config.proxy().httpsProxy()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ' ', value = {
        "http://user:p@ss@proxy:3128 p@ss",
        "http://user:pa/ss@proxy:3128 pa/ss",
        "https://:token1234@proxy:3128 token1234",
        "socks5://user:pass1234@proxy:1080 pass1234",
        "user:pass1234@proxy:3128 pass1234"})
    void everyProxyCredentialIsMasked(String proxy, String password) {
        String logged = fromEnv(HTTP_PROXY, proxy, HTTPS_PROXY, proxy).toString();
        assertFalse(logged.contains(password), logged);
        assertTrue(logged.contains("***@proxy:"), logged);
    }

    @Test
    void pullSecretNamesAndEveryValueAreInToString() {
        String logged = fromEnv(STRIMZI_IMAGE_PULL_SECRETS, "pull-secret", STRIMZI_NAMESPACE, "kafka").toString();
        assertTrue(logged.contains("imagePullSecrets=[pull-secret]"), logged);
        assertTrue(logged.contains("namespaces=[kafka]"), logged);
        assertTrue(logged.contains("featureGates=-UseConnectBuildWithBuildah"), logged);
    }
}
