package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workload fields (`tls`, `authentication`, `logging`, `jvmOptions`, probes, `metricsConfig`, `tracing`,
 * `externalConfiguration`) as the worker configuration, the Pod and the Connect ConfigMap show them, and the Secrets
 * and ConfigMaps the pods reference. What a real worker and broker make of them: local-cluster's
 * ConnectWorkerScenariosTest.
 */
class ConnectWorkloadFieldsTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ClusterOperatorConfig CONFIG = WorkloadSpecs.CONFIG;

    private static KafkaConnect connect(String spec) {
        return WorkloadSpecs.connect(spec);
    }

    private static KafkaConnectCluster cluster(String spec, ReferencedResources referenced) {
        return WorkloadSpecs.cluster(spec, referenced);
    }

    private static KafkaConnectCluster cluster(String spec) {
        return cluster(spec, ReferencedResources.notRead());
    }

    private static Map<String, String> worker(KafkaConnectCluster cluster) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(cluster.configMap().getData().get(KafkaConnectCluster.CONFIG_FILE)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    private static Container container(KafkaConnectCluster cluster) {
        return cluster.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(KafkaConnectCluster cluster) {
        Map<String, String> env = new LinkedHashMap<>();
        container(cluster).getEnv().forEach(v -> env.put(v.getName(), v.getValue()));
        return env;
    }

    private static String message(String spec, ReferencedResources referenced) {
        return assertThrows(InvalidResourceException.class, () -> cluster(spec, referenced)).getMessage();
    }

    private static ReferencedResources.Builder secret(ReferencedResources.Builder b, String name, Map<String, String> data) {
        Map<String, String> base64 = new LinkedHashMap<>();
        data.forEach((k, v) -> base64.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return b.secret(name, base64, null);
    }

    private static final String TLS = """
            tls:
              trustedCertificates:
                - secretName: cluster-ca
                  certificate: ca.crt
                - secretName: other-ca
                  pattern: "*.pem"
            """;

    @Test
    void trustedCertificatesArePemReferencesToTheMountedFilesForEveryClient() {
        ReferencedResources read = secret(secret(ReferencedResources.builder(), "cluster-ca", Map.of("ca.crt", "A", "ca.p12", "x")),
                "other-ca", Map.of("b.pem", "B", "a.pem", "C", "readme", "r")).build();
        Map<String, String> worker = worker(cluster(TLS, read));
        String pem = "${strimzidir:/opt/kafka/connect-certs/cluster-ca:ca.crt}\n${strimzidir:/opt/kafka/connect-certs/other-ca:a.pem}\n"
                + "${strimzidir:/opt/kafka/connect-certs/other-ca:b.pem}";
        for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
            assertEquals("SSL", worker.get(prefix + "security.protocol"), prefix);
            assertEquals("PEM", worker.get(prefix + "ssl.truststore.type"), prefix);
            assertEquals(pem, worker.get(prefix + "ssl.truststore.certificates"), prefix);
        }
    }

    @Test
    void aMissingSecretKeyOrAPatternThatMatchesNothingIsRefusedNamingTheField() {
        ReferencedResources noKey = secret(secret(ReferencedResources.builder(), "cluster-ca", Map.of("tls.crt", "A")),
                "other-ca", Map.of("a.pem", "C")).build();
        assertEquals(".spec.tls.trustedCertificates[0].certificate: Secret cluster-ca has no key ca.crt (it has [tls.crt])",
                message(TLS, noKey));
        ReferencedResources noMatch = secret(secret(ReferencedResources.builder(), "cluster-ca", Map.of("ca.crt", "A")),
                "other-ca", Map.of("a.crt", "C")).build();
        assertEquals(".spec.tls.trustedCertificates[1].pattern '*.pem' matches no key of Secret other-ca (it has [a.crt])",
                message(TLS, noMatch));
        ReferencedResources missing = secret(ReferencedResources.builder(), "cluster-ca", Map.of("ca.crt", "A")).build();
        assertTrue(message(TLS, missing).startsWith(".spec.tls.trustedCertificates: Secret other-ca does not exist in namespace kafka"),
                message(TLS, missing));
    }

    @Test
    void scramTakesThePasswordFromTheMountedSecretAndTheUsernameFromAVariable() {
        KafkaConnectCluster cluster = cluster(TLS + """
                authentication:
                  type: scram-sha-512
                  username: my-user
                  passwordSecret:
                    secretName: my-user
                    password: password
                """);
        Map<String, String> worker = worker(cluster);
        assertAll(
            () -> assertEquals("SASL_SSL", worker.get("security.protocol")),
            () -> assertEquals("SASL_SSL", worker.get("admin.security.protocol")),
            () -> assertEquals("SCRAM-SHA-512", worker.get("consumer.sasl.mechanism")),
            () -> assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"${strimzienv:KAFKA_CONNECT_SASL_USERNAME}\" "
                    + "password=\"${strimzidir:/opt/kafka/connect-password/my-user:password}\";", worker.get("producer.sasl.jaas.config")),
            () -> assertEquals("my-user", env(cluster).get("KAFKA_CONNECT_SASL_USERNAME")),
            () -> assertTrue(container(cluster).getVolumeMounts().stream()
                    .anyMatch(m -> m.getMountPath().equals("/opt/kafka/connect-password/my-user") && m.getReadOnly())));
        String plain = worker(cluster("""
                authentication:
                  type: plain
                  username: u
                  passwordSecret: {secretName: s, password: p}
                """)).get("sasl.jaas.config");
        assertTrue(plain.startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required"), plain);
        assertEquals("SASL_PLAINTEXT", worker(cluster("""
                authentication:
                  type: scram-sha-256
                  username: u
                  passwordSecret: {secretName: s, password: p}
                """)).get("security.protocol"));
    }

    @Test
    void tlsClientAuthenticationIsAPemKeyStoreOfTheMountedUserSecret() {
        KafkaConnectCluster cluster = cluster(TLS + """
                authentication:
                  type: tls
                  certificateAndKey: {secretName: my-user, certificate: user.crt, key: user.key}
                """);
        Map<String, String> worker = worker(cluster);
        assertAll(
            () -> assertEquals("SSL", worker.get("security.protocol")),
            () -> assertEquals("PEM", worker.get("consumer.ssl.keystore.type")),
            () -> assertEquals("${strimzidir:/opt/kafka/connect-certs/my-user:user.crt}", worker.get("ssl.keystore.certificate.chain")),
            () -> assertEquals("${strimzidir:/opt/kafka/connect-certs/my-user:user.key}", worker.get("admin.ssl.keystore.key")),
            () -> assertTrue(container(cluster).getVolumeMounts().stream()
                    .anyMatch(m -> m.getName().equals("tls-auth-cert") && m.getMountPath().equals("/opt/kafka/connect-certs/my-user"))));
        assertTrue(message("authentication:\n  type: tls\n  certificateAndKey: {secretName: u, certificate: c, key: k}\n",
                ReferencedResources.notRead()).startsWith(".spec.authentication of type tls needs .spec.tls"));
    }

    @Test
    void oauthAndCustomAuthenticationAreRefusedClearly() {
        assertTrue(message("authentication:\n  type: oauth\n  clientId: c\n  tokenEndpointUri: https://sso\n", ReferencedResources.notRead())
                .startsWith(".spec.authentication.type oauth is not supported by this operator yet"));
        assertTrue(message("authentication:\n  type: custom\n  sasl: true\n", ReferencedResources.notRead())
                .startsWith(".spec.authentication.type custom is not supported by this operator yet"));
    }

    @Test
    void noSecretValueEverReachesTheConfigMapOrTheDeployment() {
        String password = "pa55-" + "word-" + "in-secret";
        ReferencedResources read = secret(ReferencedResources.builder(), "cluster-ca", Map.of("ca.crt", "A"))
                .secret("other-ca", Map.of("a.pem", Base64.getEncoder().encodeToString("C".getBytes(StandardCharsets.UTF_8))), null)
                .secret("my-user", Map.of("password", Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))), null)
                .build();
        KafkaConnectCluster cluster = cluster(TLS + """
                authentication:
                  type: scram-sha-512
                  username: my-user
                  passwordSecret: {secretName: my-user, password: password}
                """, read);
        assertFalse(SERIALIZATION.asYaml(cluster.configMap()).contains(password));
        assertFalse(SERIALIZATION.asYaml(cluster.deployment()).contains(password));
    }

    @Test
    void aChangeOfAReferencedSecretRollsThePods() {
        String spec = TLS;
        Deployment before = cluster(spec, secret(secret(ReferencedResources.builder(), "cluster-ca", Map.of("ca.crt", "A")),
                "other-ca", Map.of("a.pem", "C")).build()).deployment();
        Deployment after = cluster(spec, secret(secret(ReferencedResources.builder(), "cluster-ca", Map.of("ca.crt", "renewed")),
                "other-ca", Map.of("a.pem", "C")).build()).deployment();
        String annotation = KafkaConnectCluster.REFERENCED_HASH_ANNOTATION;
        assertNotEquals(before.getSpec().getTemplate().getMetadata().getAnnotations().get(annotation),
                after.getSpec().getTemplate().getMetadata().getAnnotations().get(annotation));
        assertNull(cluster(spec).deployment().getSpec().getTemplate().getMetadata().getAnnotations().get(annotation),
                "nothing read, nothing hashed");
    }

    @Test
    void referencesListEverySecretAndConfigMapThePodsUse() {
        List<ReferencedResources.Ref> refs = KafkaConnectCluster.references(connect(TLS + """
                logging:
                  type: external
                  valueFrom: {configMapKeyRef: {name: my-logging, key: log4j2.properties}}
                externalConfiguration:
                  env:
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
                  volumes:
                    - name: conf
                      configMap: {name: connector-conf}
                template:
                  pod:
                    volumes:
                      - name: extra
                        secret: {secretName: extra-secret}
                  connectContainer:
                    env:
                      - name: TOKEN
                        valueFrom: {configMapKeyRef: {name: tokens, key: t, optional: true}}
                    volumeMounts:
                      - name: extra
                        mountPath: /mnt/extra
                """), CONFIG);
        assertEquals(List.of("SECRET/cluster-ca", "SECRET/other-ca", "CONFIG_MAP/connector-conf", "SECRET/extra-secret",
                "SECRET/db", "CONFIG_MAP/tokens", "CONFIG_MAP/my-logging"), refs.stream().map(r -> r.kind() + "/" + r.name()).toList());
        assertTrue(refs.get(5).optional());
        assertFalse(refs.get(6).hashed(), "the logging configuration is copied, its levels applied without a restart");
    }

    @Test
    void inlineLoggingIsSetOverTheDefaultAndItsLevelsAreKnown() {
        KafkaConnectCluster cluster = cluster("""
                logging:
                  type: inline
                  loggers:
                    rootLogger.level: WARN
                    logger.herder.name: org.apache.kafka.connect.runtime.distributed.DistributedHerder
                    logger.herder.level: DEBUG
                """);
        String log4j = cluster.configMap().getData().get(ConnectLogging.CONFIG_KEY);
        assertTrue(log4j.contains("rootLogger.level=WARN\n") && !log4j.contains("rootLogger.level=INFO"), log4j);
        assertTrue(log4j.contains("appender.console.type=Console\n") && log4j.contains("monitorInterval=30\n"), log4j);
        assertEquals(Map.of("root", "WARN", "org.apache.kafka.connect.runtime.distributed.DistributedHerder", "DEBUG",
                "org.reflections", "ERROR"), ConnectLogging.levels(log4j));
        assertTrue(message("logging:\n  type: inline\n  loggers: {rootLogger.level: LOUD}\n", ReferencedResources.notRead())
                .startsWith(".spec.logging.loggers.rootLogger.level must be one of"));
    }

    @Test
    void aChangeOfLevelsOnlyDoesNotChangeThePodTemplateButAnAppenderDoes() {
        Deployment info = cluster("logging:\n  type: inline\n  loggers: {rootLogger.level: INFO}\n").deployment();
        Deployment debug = cluster("logging:\n  type: inline\n  loggers: {rootLogger.level: DEBUG, logger.x.name: a.b, logger.x.level: TRACE}\n")
                .deployment();
        Deployment pattern = cluster("logging:\n  type: inline\n  loggers: {appender.console.layout.pattern: '%m%n'}\n").deployment();
        assertEquals(info.getSpec().getTemplate(), debug.getSpec().getTemplate());
        assertNotEquals(info.getSpec().getTemplate(), pattern.getSpec().getTemplate());
    }

    @Test
    void externalLoggingIsCopiedFromItsConfigMap() {
        String spec = "logging:\n  type: external\n  valueFrom: {configMapKeyRef: {name: my-logging, key: log4j2.properties}}\n";
        String content = "rootLogger.level=DEBUG\nappender.x.type=Console\n";
        KafkaConnectCluster cluster = cluster(spec, ReferencedResources.builder().configMap("my-logging",
                Map.of("log4j2.properties", content)).build());
        assertEquals(content + "monitorInterval=30\n", cluster.loggingConfiguration());
        assertEquals(".spec.logging.valueFrom.configMapKeyRef: ConfigMap my-logging has no key log4j2.properties",
                message(spec, ReferencedResources.builder().configMap("my-logging", Map.of("other", "x")).build()));
        assertTrue(message(spec, ReferencedResources.builder().build())
                .startsWith(".spec.logging.valueFrom.configMapKeyRef: ConfigMap my-logging does not exist"));
    }

    @Test
    void jvmOptionsAreTheImagesVariablesWithStrimzisDefaults() {
        Map<String, String> env = env(cluster("""
                jvmOptions:
                  "-Xms": 256m
                  "-Xmx": 1g
                  "-XX": {UseG1GC: "true", UseParNewGC: "false", MaxGCPauseMillis: "20", UnlockDiagnosticVMOptions: "true"}
                  javaSystemProperties: [{name: a.b, value: c}, {name: d, value: e}]
                  gcLoggingEnabled: true
                """));
        assertAll(
            () -> assertEquals("-Xms256m -Xmx1g", env.get("KAFKA_HEAP_OPTS")),
            () -> assertEquals("-XX:+UnlockDiagnosticVMOptions -XX:MaxGCPauseMillis=20 -XX:+UseG1GC -XX:-UseParNewGC",
                    env.get("KAFKA_JVM_PERFORMANCE_OPTS")),
            () -> assertEquals("-Da.b=c -Dd=e", env.get("STRIMZI_JAVA_SYSTEM_PROPERTIES")),
            () -> assertEquals("true", env.get("STRIMZI_KAFKA_GC_LOG_ENABLED")));
        Map<String, String> withMemory = env(cluster("resources: {limits: {memory: 2Gi}}\n"));
        assertEquals("75", withMemory.get("STRIMZI_DYNAMIC_HEAP_PERCENTAGE"));
        assertNull(withMemory.get("KAFKA_HEAP_OPTS"));
        assertEquals("-Xms128M", env(cluster("")).get("KAFKA_HEAP_OPTS"));
        assertEquals("false", env(cluster("")).get("STRIMZI_KAFKA_GC_LOG_ENABLED"));
        assertTrue(message("jvmOptions:\n  javaSystemProperties: [{name: a, value: 'b -Dc=d'}]\n", ReferencedResources.notRead())
                .startsWith(".spec.jvmOptions.javaSystemProperties[0].value must not contain white space"));
    }

    @Test
    void probesTakeTheResourcesFieldsOverTheDefaults() {
        Container container = container(cluster("""
                readinessProbe: {initialDelaySeconds: 30, timeoutSeconds: 3, failureThreshold: 4}
                livenessProbe: {periodSeconds: 20}
                """));
        Probe readiness = container.getReadinessProbe();
        Probe liveness = container.getLivenessProbe();
        assertAll(
            () -> assertEquals(30, readiness.getInitialDelaySeconds()),
            () -> assertEquals(3, readiness.getTimeoutSeconds()),
            () -> assertEquals(4, readiness.getFailureThreshold()),
            () -> assertEquals(10, readiness.getPeriodSeconds()),
            () -> assertEquals(60, liveness.getInitialDelaySeconds()),
            () -> assertEquals(20, liveness.getPeriodSeconds()));
        assertEquals(".spec.livenessProbe.successThreshold must be 1 for a liveness probe, but is 2",
                message("livenessProbe: {successThreshold: 2}\n", ReferencedResources.notRead()));
    }

    @Test
    void jmxPrometheusExporterMetricsOpenThePortAndCopyTheConfiguration() {
        String spec = "metricsConfig:\n  type: jmxPrometheusExporter\n  valueFrom: {configMapKeyRef: {name: metrics, key: m.yml}}\n";
        KafkaConnectCluster cluster = cluster(spec, ReferencedResources.builder().configMap("metrics", Map.of("m.yml", "rules: []\n")).build());
        assertEquals("rules: []\n", cluster.configMap().getData().get("metrics-config.json"));
        assertEquals("true", env(cluster).get("KAFKA_CONNECT_JMX_EXPORTER_ENABLED"));
        assertTrue(container(cluster).getPorts().stream().anyMatch(p -> p.getName().equals("tcp-prometheus") && p.getContainerPort() == 9404));
        assertTrue(cluster.service().getSpec().getPorts().stream().anyMatch(p -> p.getName().equals("tcp-prometheus") && p.getPort() == 9404));
        assertTrue(message("metricsConfig:\n  type: strimziMetricsReporter\n", ReferencedResources.notRead())
                .startsWith(".spec.metricsConfig.type strimziMetricsReporter is not supported by this operator yet"));
    }

    @Test
    void openTelemetryTracingSetsTheAgentAndTheInterceptors() {
        KafkaConnectCluster cluster = cluster("tracing:\n  type: opentelemetry\n");
        assertEquals("opentelemetry", env(cluster).get("STRIMZI_TRACING"));
        assertEquals(WorkerConfiguration.TRACING_CONSUMER_INTERCEPTOR, worker(cluster).get("consumer.interceptor.classes"));
        assertEquals(WorkerConfiguration.TRACING_PRODUCER_INTERCEPTOR, worker(cluster).get("producer.interceptor.classes"));
        assertTrue(message("tracing:\n  type: jaeger\n", ReferencedResources.notRead()).startsWith(".spec.tracing.type jaeger is not supported"));
        assertTrue(message("tracing:\n  type: opentelemetry\nconfig:\n  consumer.interceptor.classes: x\n", ReferencedResources.notRead())
                .contains("is set by the operator for .spec.tracing"));
    }

    @Test
    void externalConfigurationGivesVariablesAndVolumes() {
        KafkaConnectCluster cluster = cluster("""
                externalConfiguration:
                  env:
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
                  volumes:
                    - name: conf
                      configMap: {name: connector-conf}
                """);
        Container container = container(cluster);
        EnvVar variable = container.getEnv().stream().filter(v -> v.getName().equals("DB_PASSWORD")).findFirst().orElseThrow();
        assertEquals("db", variable.getValueFrom().getSecretKeyRef().getName());
        assertNull(variable.getValue());
        assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("ext-conf-conf")
                && m.getMountPath().equals("/opt/kafka/external-configuration/conf")));
        assertTrue(message("externalConfiguration:\n  env: [{name: KAFKA_X, valueFrom: {secretKeyRef: {name: a, key: b}}}]\n",
                ReferencedResources.notRead()).startsWith(".spec.externalConfiguration.env[0].name KAFKA_X is reserved"));
    }

    @Test
    void securityKeysOfTheConfigAreTheOperatorsButStrimzisExceptionsStayTheUsers() {
        assertTrue(message("config:\n  security.protocol: SSL\n", ReferencedResources.notRead())
                .startsWith(".spec.config.security.protocol is set by the operator from .spec.tls and .spec.authentication"));
        assertTrue(message("config:\n  producer.ssl.truststore.location: /x\n", ReferencedResources.notRead())
                .startsWith(".spec.config.producer.ssl.truststore.location is set by the operator"));
        assertEquals("", worker(cluster("config:\n  ssl.endpoint.identification.algorithm: ''\n")).get("ssl.endpoint.identification.algorithm"));
        assertEquals("file,strimzienv,strimzifile,strimzidir", worker(cluster("config:\n  config.providers: file\n")).get("config.providers"));
        assertTrue(message("config:\n  config.providers.strimzidir.param.allowed.paths: /\n", ReferencedResources.notRead())
                .contains("configures the operator's config provider strimzidir"));
    }
}
