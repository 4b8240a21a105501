package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.Artifact;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.DownloadableArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.build.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.build.Platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A stand-in for the build model while it is being written: the revision hashes the plugins and the output image
 * (not the additional options), the builder follows the Buildah gate, and the objects are minimal but real.
 * Switch {@link #FACTORY} to {@link BuildPlanFactory#MODEL} once the model lands.
 */
final class FakeBuildPlans {
    static final BuildPlanFactory FACTORY = FakeBuildPlans::create;

    private FakeBuildPlans() {
    }

    static BuildPlan create(KafkaConnect connect, io.strimzi.operator.cluster.config.ClusterOperatorConfig config, Platform platform) {
        String name = connect.getMetadata().getName();
        var output = connect.getSpec().getBuild().getOutput();
        if (output == null || output.getImage() == null) {
            throw new InvalidResourceException(".spec.build.output.image is required");
        }
        List<Condition> warnings = new ArrayList<>();
        String builder = platform == Platform.OPENSHIFT ? "openshift"
                : config.featureGates().useConnectBuildWithBuildah() ? "buildah" : "kaniko";
        if (output instanceof DockerOutput docker) {
            @SuppressWarnings("deprecation")
            List<String> kaniko = docker.getAdditionalKanikoOptions();
            if (kaniko != null) {
                warnings.add(new Condition("Warning", "True", "DeprecatedFields",
                        "The field .spec.build.output.additionalKanikoOptions is deprecated; use .spec.build.output.additionalBuildOptions", null));
            }
            List<String> options = docker.getAdditionalBuildOptions();
            if (options != null) {
                for (String option : options) {
                    if (option.startsWith("--forbidden")) {
                        throw new InvalidResourceException(".spec.build.output.additionalBuildOptions contains forbidden options: " + option);
                    }
                }
            }
        }
        StringBuilder identity = new StringBuilder(output.getImage());
        for (Plugin p : connect.getSpec().getBuild().getPlugins()) {
            identity.append('|').append(p.getName());
            for (Artifact a : p.getArtifacts()) {
                identity.append(',').append(a instanceof DownloadableArtifact d ? d.getUrl() : a.toString());
            }
        }
        String revision = sha(identity.toString());
        String builderImage = builder.equals("buildah") ? config.buildahImage() : config.kanikoExecutorImage();
        var owner = new OwnerReferenceBuilder().withApiVersion("kafka.strimzi.io/v1beta2").withKind("KafkaConnect")
                .withName(name).withUid(connect.getMetadata().getUid()).build();
        String ns = connect.getMetadata().getNamespace();
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(KafkaConnectBuild.dockerfileConfigMapName(name))
                .withNamespace(ns).withOwnerReferences(owner).endMetadata()
                .addToData("Dockerfile", "FROM base\n# " + identity + "\n").build();
        ServiceAccount sa = new ServiceAccountBuilder().withNewMetadata().withName(KafkaConnectBuild.serviceAccountName(name))
                .withNamespace(ns).withOwnerReferences(owner).endMetadata().build();
        Pod pod = new PodBuilder().withNewMetadata().withName(KafkaConnectBuild.buildPodName(name)).withNamespace(ns)
                .addToAnnotations(KafkaConnectBuild.REVISION_ANNOTATION, revision).withOwnerReferences(owner).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withServiceAccountName(sa.getMetadata().getName())
                .addNewContainer().withName("build").withImage(builderImage).endContainer().endSpec().build();
        GenericKubernetesResource bc = null;
        if (platform == Platform.OPENSHIFT) {
            bc = new GenericKubernetesResource();
            bc.setApiVersion("build.openshift.io/v1");
            bc.setKind("BuildConfig");
            bc.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(KafkaConnectBuild.buildConfigName(name))
                    .withNamespace(ns).withOwnerReferences(owner).build());
            bc.setAdditionalProperty("spec", java.util.Map.of(
                    "runPolicy", "Serial",
                    "strategy", java.util.Map.of("type", "Docker", "dockerStrategy", java.util.Map.of()),
                    "source", java.util.Map.of("type", "Dockerfile", "dockerfile", cm.getData().get("Dockerfile")),
                    "output", java.util.Map.of("to", java.util.Map.of("kind", "DockerImage", "name", output.getImage()))));
            pod = null;
        }
        return plan(revision, output.getImage(), builder, cm, sa, pod, bc, warnings);
    }

    private static BuildPlan plan(String revision, String image, String builder, ConfigMap cm, ServiceAccount sa, Pod pod,
                                  GenericKubernetesResource bc, List<Condition> warnings) {
        return new BuildPlan() {
            @Override
            public String revision() {
                return revision;
            }

            @Override
            public String outputImage() {
                return image;
            }

            @Override
            public String builderName() {
                return builder;
            }

            @Override
            public ConfigMap dockerfileConfigMap() {
                return new ConfigMapBuilder(cm).build();
            }

            @Override
            public ServiceAccount serviceAccount() {
                return new ServiceAccountBuilder(sa).build();
            }

            @Override
            public Pod buildPod() {
                return pod == null ? null : new PodBuilder(pod).build();
            }

            @Override
            public GenericKubernetesResource buildConfig() {
                return bc;
            }

            @Override
            public List<Condition> warnings() {
                return warnings;
            }
        };
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
