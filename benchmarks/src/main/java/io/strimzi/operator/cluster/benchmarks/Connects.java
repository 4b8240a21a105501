package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The KafkaConnect resources, operator configuration and kubelet writes the operator benchmarks use. */
final class Connects {
    static final String NAMESPACE = "bench";
    static final String OPERATOR_VERSION = "0.49.0";
    static final String REGISTRY = "registry.bench.example";

    private Connects() {
    }

    /** The operator's configuration: one watched namespace, Buildah, no periodic pass (the benchmark drives passes). */
    static ClusterOperatorConfig config(long fullReconciliationIntervalMs) {
        return ClusterOperatorConfig.builder(OPERATOR_VERSION)
                .namespaces(Set.of(NAMESPACE))
                .leaseNamespace(NAMESPACE)
                .fullReconciliationIntervalMs(fullReconciliationIntervalMs)
                .featureGates(FeatureGates.parse("+UseConnectBuildWithBuildah", OPERATOR_VERSION))
                .build();
    }

    static String name(int i) {
        return String.format("connect-%04d", i);
    }

    static String outputRepository(String name) {
        return REGISTRY + "/connect/" + name;
    }

    /** A Connect cluster with two plugins of one checksummed jar each; `variant` changes one URL (a new revision). */
    static KafkaConnect connect(String name, int variant) {
        KafkaConnectSpec spec = new KafkaConnectSpec();
        spec.setReplicas(1);
        spec.setVersion("4.1.0");
        spec.setBootstrapServers("my-kafka-bootstrap:9092");
        DockerOutput output = new DockerOutput();
        output.setImage(outputRepository(name) + ":latest");
        Build build = new Build();
        build.setOutput(output);
        build.setPlugins(List.of(
                plugin("echo-sink", "https://artifacts.bench.example/echo-sink/1.0." + variant + "/echo-sink.jar"),
                plugin("file-source", "https://artifacts.bench.example/file-source/2.3.0/file-source.jar")));
        spec.setBuild(build);
        KafkaConnect connect = new KafkaConnect();
        connect.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connect.setSpec(spec);
        return connect;
    }

    private static Plugin plugin(String name, String url) {
        JarArtifact jar = new JarArtifact();
        jar.setUrl(url);
        jar.setSha512sum(sha512Hex(url));
        Plugin plugin = new Plugin();
        plugin.setName(name);
        plugin.setArtifacts(List.of(jar));
        return plugin;
    }

    /** The digest a fake build of this connect and this build number "pushed". */
    static String digest(String name, int build) {
        return "sha256:" + sha256Hex(name + "#" + build);
    }

    static String imageReference(String name, int build) {
        return outputRepository(name) + "@" + digest(name, build);
    }

    /** The image a fake build of this KafkaConnect at this revision "pushed" (InstantBuildCompleter writes it). */
    static String builtImage(String name, String revision) {
        return outputRepository(name) + "@sha256:" + sha256Hex(name + "@" + revision);
    }

    /** The KafkaConnect is Ready for its generation with a Succeeded build (what the set-up waits for). */
    static boolean isReadyAndBuilt(KafkaConnect kc) {
        return kc.getStatus() != null && kc.getStatus().getBuild() != null
                && "Succeeded".equals(kc.getStatus().getBuild().getPhase())
                && kc.getMetadata().getGeneration().equals(kc.getStatus().getObservedGeneration())
                && kc.getStatus().getConditions() != null
                && kc.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * Changes the plugins as a user would with kubectl: an edit carries the resourceVersion it read, so when the
     * operator's status write lands in between, the API server answers 409 and the edit is made again on a fresh copy.
     */
    static void changePlugins(KubernetesClient client, String name, KafkaConnect changed) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName(name).edit(kc -> {
                    kc.getSpec().getBuild().setPlugins(changed.getSpec().getBuild().getPlugins());
                    return kc;
                });
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** What the kubelet writes when the build container exits with 0 and the given termination message. */
    static Pod terminated(Pod pod, String terminationMessage) {
        return new PodBuilder(pod)
                .withNewStatus()
                    .withPhase("Succeeded")
                    .addNewContainerStatus()
                        .withName(pod.getSpec().getContainers().get(0).getName())
                        .withImage(pod.getSpec().getContainers().get(0).getImage())
                        .withNewState().withNewTerminated()
                            .withExitCode(0)
                            .withReason("Completed")
                            .withMessage(terminationMessage)
                            .withFinishedAt(Instant.now().toString())
                        .endTerminated().endState()
                    .endContainerStatus()
                .endStatus()
                .build();
    }

    /**
     * Why this KafkaConnect is not in the operator's "build done" state, or null when it is: Ready=True for its current
     * generation, a Succeeded build status for the current revision, and a Deployment that carries that revision and
     * runs the built image.
     */
    static String notDoneReason(KubernetesClient client, KafkaConnect kc, ClusterOperatorConfig config) {
        String name = kc.getMetadata().getName();
        String revision = KafkaConnectBuild.fromCrd(kc, config, Platform.KUBERNETES).revision();
        if (kc.getStatus() == null) {
            return name + ": no status";
        }
        Condition ready = kc.getStatus().getConditions() == null ? null : kc.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        if (ready == null || !"True".equals(ready.getStatus())) {
            return name + ": Ready is " + (ready == null ? "missing" : ready.getStatus() + " (" + ready.getReason() + ")");
        }
        if (!kc.getMetadata().getGeneration().equals(kc.getStatus().getObservedGeneration())) {
            return name + ": observedGeneration " + kc.getStatus().getObservedGeneration() + " != " + kc.getMetadata().getGeneration();
        }
        var build = kc.getStatus().getBuild();
        if (build == null || !"Succeeded".equals(build.getPhase()) || !revision.equals(build.getRevision())) {
            return name + ": build status " + (build == null ? "missing" : build.getPhase() + " of " + build.getRevision())
                    + ", expected Succeeded of " + revision;
        }
        Deployment d = client.apps().deployments().inNamespace(NAMESPACE).withName(KafkaConnectCluster.deploymentName(name)).get();
        if (d == null) {
            return name + ": no Deployment";
        }
        Map<String, String> annotations = d.getMetadata().getAnnotations();
        String image = d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        if (annotations == null || !revision.equals(annotations.get(BuildNames.REVISION_ANNOTATION))
                || !image.equals(annotations.get(BuildNames.IMAGE_ANNOTATION)) || !image.equals(build.getImage())) {
            return name + ": Deployment annotations " + annotations + " / image " + image + " do not match revision " + revision
                    + " and built image " + build.getImage();
        }
        if (client.pods().inNamespace(NAMESPACE).withName(BuildNames.buildPodName(name)).get() != null) {
            return name + ": the build Pod still exists";
        }
        return null;
    }

    static List<String> notDone(KubernetesClient client, ClusterOperatorConfig config) {
        List<String> reasons = new ArrayList<>();
        for (KafkaConnect kc : client.resources(KafkaConnect.class).inNamespace(NAMESPACE).list().getItems()) {
            String reason = notDoneReason(client, kc, config);
            if (reason != null) {
                reasons.add(reason);
            }
        }
        return reasons;
    }

    static String sha256Hex(String s) {
        return hex("SHA-256", s);
    }

    static String sha512Hex(String s) {
        return hex("SHA-512", s);
    }

    private static String hex(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
