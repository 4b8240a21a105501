package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.Artifact;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DownloadableArtifact;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.api.kafka.model.connect.build.OtherArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.TgzArtifact;
import io.strimzi.api.kafka.model.connect.build.ZipArtifact;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for KafkaConnect resources and configurations used by the Dockerfile tests. */
final class DockerfileTestInputs {
    static final String KAFKA_4_0_IMAGE = "quay.io/strimzi/kafka:0.49.0-kafka-4.0.0";
    static final String KAFKA_4_1_IMAGE = "quay.io/strimzi/kafka:0.49.0-kafka-4.1.0";
    static final String MAVEN_BUILDER_IMAGE = "quay.io/strimzi/maven-builder:0.49.0";
    static final String SHA512 = "a".repeat(64) + "0123456789abcdef".repeat(4);

    private DockerfileTestInputs() {
    }

    static ClusterOperatorConfig config() {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("4.0.0", KAFKA_4_0_IMAGE);
        images.put("4.1.0", KAFKA_4_1_IMAGE);
        return ClusterOperatorConfig.builder("0.49.0").kafkaConnectImages(images).mavenBuilderImage(MAVEN_BUILDER_IMAGE).build();
    }

    static KafkaConnect connect(Plugin... plugins) {
        return connect(Arrays.asList(plugins));
    }

    static KafkaConnect connect(List<Plugin> plugins) {
        Build build = new Build();
        build.setPlugins(plugins);
        KafkaConnectSpec spec = new KafkaConnectSpec();
        spec.setVersion("4.1.0");
        spec.setBuild(build);
        KafkaConnect connect = new KafkaConnect();
        connect.setMetadata(new ObjectMetaBuilder().withName("my-connect").withNamespace("kafka").build());
        connect.setSpec(spec);
        return connect;
    }

    static Plugin plugin(String name, Artifact... artifacts) {
        Plugin plugin = new Plugin();
        plugin.setName(name);
        plugin.setArtifacts(artifacts == null ? null : Arrays.asList(artifacts));
        return plugin;
    }

    static JarArtifact jar(String url) {
        return downloadable(new JarArtifact(), url, null, null);
    }

    static JarArtifact jar(String url, String sha512sum, Boolean insecure) {
        return downloadable(new JarArtifact(), url, sha512sum, insecure);
    }

    static TgzArtifact tgz(String url, String sha512sum, Boolean insecure) {
        return downloadable(new TgzArtifact(), url, sha512sum, insecure);
    }

    static ZipArtifact zip(String url, String sha512sum, Boolean insecure) {
        return downloadable(new ZipArtifact(), url, sha512sum, insecure);
    }

    static OtherArtifact other(String url, String fileName, String sha512sum, Boolean insecure) {
        OtherArtifact other = downloadable(new OtherArtifact(), url, sha512sum, insecure);
        other.setFileName(fileName);
        return other;
    }

    static MavenArtifact maven(String repository, String group, String artifact, String version, Boolean insecure) {
        MavenArtifact maven = new MavenArtifact();
        maven.setRepository(repository);
        maven.setGroup(group);
        maven.setArtifact(artifact);
        maven.setVersion(version);
        maven.setInsecure(insecure);
        return maven;
    }

    private static <T extends DownloadableArtifact> T downloadable(T artifact, String url, String sha512sum, Boolean insecure) {
        artifact.setUrl(url);
        artifact.setSha512sum(sha512sum);
        artifact.setInsecure(insecure);
        return artifact;
    }
}
