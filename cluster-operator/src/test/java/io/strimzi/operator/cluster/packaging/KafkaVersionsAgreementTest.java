package io.strimzi.operator.cluster.packaging;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.KafkaVersions;
import io.strimzi.operator.cluster.config.OperatorVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kafka-versions.yaml is the one list of Kafka versions: the operator's defaults come from it, and install/, the
 * chart's values and the local-kafka module's Kafka version agree with it.
 */
class KafkaVersionsAgreementTest {
    private static final List<String> VERSIONS = KafkaVersions.all().stream().map(KafkaVersions.Entry::version).toList();

    @Test
    void theOperatorsDefaultsAreTheFile() {
        assertEquals(VERSIONS, List.copyOf(ClusterOperatorConfig.defaultKafkaConnectImages(OperatorVersion.current()).keySet()));
        assertEquals(RepositoryFiles.read(RepositoryFiles.ROOT.resolve(KafkaVersions.RESOURCE)),
                RepositoryFiles.read(RepositoryFiles.ROOT.resolve("cluster-operator/target/classes/" + KafkaVersions.RESOURCE)),
                "the jar carries the file as it is");
        assertEquals(VERSIONS.get(VERSIONS.size() - 1), KafkaVersions.defaultVersion(), "the default is the newest");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChartListsTheFilesVersionsAndImage() {
        Map<String, Object> values = new KubernetesSerialization().unmarshal(RepositoryFiles.read(
                RepositoryFiles.CHART_DIR.resolve("values.yaml")), Map.class);
        Map<String, Object> kafkaConnect = (Map<String, Object>) values.get("kafkaConnect");
        assertEquals(VERSIONS, kafkaConnect.get("versions"));
        Map<String, Object> image = (Map<String, Object>) kafkaConnect.get("image");
        for (KafkaVersions.Entry entry : KafkaVersions.all()) {
            assertEquals(entry.image(), image.get("registry") + "/" + image.get("repository") + "/" + image.get("name"), entry.version());
        }
    }

    @Test
    void installListsTheFilesVersionsInItsOrder() {
        String deployment = RepositoryFiles.read(RepositoryFiles.INSTALL_DIR.resolve("060-Deployment-strimzi-cluster-operator.yaml"));
        Matcher line = Pattern.compile("(?m)^ +([0-9]+\\.[0-9]+\\.[0-9]+)=(\\S+)$").matcher(deployment);
        List<String> listed = line.results().map(m -> m.group(1)).toList();
        assertEquals(VERSIONS, listed);
        for (KafkaVersions.Entry entry : KafkaVersions.all()) {
            assertTrue(deployment.contains(entry.version() + "=" + entry.imageFor("0.0.0-SNAPSHOT")), entry.version());
        }
    }

    /** The local-kafka module runs the default version, so the tests that use a real broker test the default. */
    @Test
    void localKafkaRunsTheDefaultVersion() {
        String pom = RepositoryFiles.read(RepositoryFiles.ROOT.resolve("pom.xml"));
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertTrue(version.find(), "the root pom sets kafka.version");
        assertEquals(KafkaVersions.defaultVersion(), version.group(1));
    }
}
