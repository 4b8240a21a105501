package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrading the operator must not rebuild anything: the build revision of an unchanged KafkaConnect stays what the
 * operator computed before. `revisions/kafka-connects.yaml` holds the resources and `revisions/expected-revisions.txt`
 * the revisions computed for them by the code of commit 6d11703 (before the model refactor), one line per resource,
 * feature gates, platform and proxy setting. The configuration is fixed here (operator version and images), since
 * a changed base or Maven builder image rightly changes the revision.
 */
class RevisionStabilityTest {
    static final String OPERATOR_VERSION = "0.49.0";

    /** The operator environment of every line; the line adds STRIMZI_FEATURE_GATES and, with `proxy`, the proxies. */
    static Map<String, String> environment(String gates, boolean proxy) {
        Map<String, String> env = new HashMap<>();
        env.put(ClusterOperatorConfig.STRIMZI_KAFKA_CONNECT_IMAGES,
                "4.0.0=quay.io/strimzi/kafka:0.49.0-kafka-4.0.0\n4.1.0=quay.io/strimzi/kafka:0.49.0-kafka-4.1.0\n");
        env.put(ClusterOperatorConfig.STRIMZI_DEFAULT_MAVEN_BUILDER, "quay.io/strimzi/maven-builder:0.49.0");
        env.put(ClusterOperatorConfig.STRIMZI_DEFAULT_BUILDAH_IMAGE, "quay.io/strimzi/buildah:0.49.0");
        env.put(ClusterOperatorConfig.STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE, "quay.io/strimzi/kaniko-executor:0.49.0");
        env.put(ClusterOperatorConfig.STRIMZI_FEATURE_GATES, gates);
        if (proxy) {
            env.put(ClusterOperatorConfig.HTTP_PROXY, "http://user:secret@proxy.example.com:3128");
            env.put(ClusterOperatorConfig.HTTPS_PROXY, "http://proxy.example.com:3129");
            env.put(ClusterOperatorConfig.NO_PROXY, "localhost,.svc");
        }
        return env;
    }

    record Expected(String document, String gates, Platform platform, boolean proxy, String revision) {
        @Override
        public String toString() {
            return document + " " + gates + " " + platform.name().toLowerCase(Locale.ROOT) + " " + (proxy ? "proxy" : "no-proxy");
        }
    }

    static Map<String, KafkaConnect> documents() throws IOException {
        Map<String, KafkaConnect> documents = new LinkedHashMap<>();
        for (String document : resource("/revisions/kafka-connects.yaml").split("\n---\n")) {
            KafkaConnect connect = Serialization.unmarshal(document, KafkaConnect.class);
            documents.put(connect.getMetadata().getName(), connect);
        }
        return documents;
    }

    static List<Expected> expected() throws IOException {
        List<Expected> lines = new ArrayList<>();
        for (String line : resource("/revisions/expected-revisions.txt").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            assertEquals(5, fields.length, "document gates platform proxy|no-proxy revision: " + line);
            lines.add(new Expected(fields[0], fields[1], Platform.valueOf(fields[2].toUpperCase(Locale.ROOT)),
                    "proxy".equals(fields[3]), fields[4]));
        }
        return lines;
    }

    static String revision(KafkaConnect connect, String gates, Platform platform, boolean proxy) {
        ClusterOperatorConfig config = ClusterOperatorConfig.fromMap(environment(gates, proxy), OPERATOR_VERSION);
        return KafkaConnectBuild.fromCrd(connect, config, platform).revision();
    }

    @Test
    void everyResourceKeepsTheRevisionTheOperatorComputedBefore() throws IOException {
        Map<String, KafkaConnect> documents = documents();
        List<Expected> expected = expected();
        List<String> wrong = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (Expected line : expected) {
            KafkaConnect connect = documents.get(line.document());
            assertTrue(connect != null, "no document named " + line.document());
            covered.add(line.document());
            String actual = revision(connect, line.gates(), line.platform(), line.proxy());
            if (!line.revision().equals(actual)) {
                wrong.add(line + ": expected " + line.revision() + ", computed " + actual);
            }
        }
        assertEquals(documents.keySet(), covered, "every document has expected revisions");
        assertTrue(expected.size() >= 2 * documents.size(), "each document under more than one setting");
        assertEquals(List.of(), wrong);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RevisionStabilityTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
