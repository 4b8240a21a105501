package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.template.BuildConfigTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenShift build (`build.openshift.io/v1`) as generic resources, since the fabric8 OpenShift client of the
 * project's fabric8 line is not available: a BuildConfig with a Docker strategy and the Dockerfile inline, run policy
 * Serial, output to a registry (`DockerImage`, with the push secret) or an `ImageStreamTag`; and the BuildRequest that
 * starts a Build from it. Proxies reach the build as env vars and build args; the pull secret comes from
 * `template.buildConfig.pullSecret`.
 */
final class OpenShiftBuild {
    static final String API_VERSION = "build.openshift.io/v1";
    /** Finished Builds OpenShift keeps per BuildConfig, for `oc logs` after a failure. */
    static final int BUILDS_HISTORY_LIMIT = 5;
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KafkaConnect connect;
    private final ClusterOperatorConfig config;
    private final ConnectDockerfile dockerfile;
    private final String revision;
    private final BuildConfigTemplate template;
    private final Map<String, String> labels;
    private final OwnerReference owner;

    OpenShiftBuild(KafkaConnect connect, ClusterOperatorConfig config, ConnectDockerfile dockerfile, String revision,
                   BuildConfigTemplate template, Map<String, String> labels, OwnerReference owner) {
        this.connect = connect;
        this.config = config;
        this.dockerfile = dockerfile;
        this.revision = revision;
        this.template = template;
        this.labels = labels;
        this.owner = owner;
    }

    GenericKubernetesResource buildConfig() {
        Build build = connect.getSpec().getBuild();
        Map<String, Object> to = new LinkedHashMap<>();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("to", to);
        if (build.getOutput() instanceof DockerOutput docker) {
            to.put("kind", "DockerImage");
            to.put("name", docker.getImage());
            if (docker.getPushSecret() != null) {
                output.put("pushSecret", Map.of("name", docker.getPushSecret()));
            }
        } else {
            to.put("kind", "ImageStreamTag");
            to.put("name", build.getOutput().getImage());
        }

        Map<String, Object> dockerStrategy = new LinkedHashMap<>();
        List<Map<String, Object>> proxies = new ArrayList<>();
        config.proxy().asEnv().forEach((name, value) -> proxies.add(nameValue(name, value)));
        if (!proxies.isEmpty()) {
            dockerStrategy.put("env", proxies);
            dockerStrategy.put("buildArgs", proxies);
        }
        if (template != null && template.getPullSecret() != null) {
            dockerStrategy.put("pullSecret", Map.of("name", template.getPullSecret()));
        }

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("runPolicy", "Serial");
        spec.put("source", Map.of("type", "Dockerfile", "dockerfile", dockerfile.content()));
        spec.put("strategy", Map.of("type", "Docker", "dockerStrategy", dockerStrategy));
        spec.put("output", output);
        if (build.getResources() != null) {
            // Plain maps, so that the object equals what is read back from the API server.
            spec.put("resources", SERIALIZATION.convertValue(build.getResources(), Map.class));
        }
        spec.put("successfulBuildsHistoryLimit", BUILDS_HISTORY_LIMIT);
        spec.put("failedBuildsHistoryLimit", BUILDS_HISTORY_LIMIT);

        String name = KafkaConnectBuild.buildConfigName(connect.getMetadata().getName());
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("BuildConfig")
                .withMetadata(KafkaConnectBuild.metadata(connect, name, template == null ? null : template.getMetadata(), revision))
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    GenericKubernetesResource buildRequest() {
        ObjectMeta metadata = new ObjectMetaBuilder()
                .withName(KafkaConnectBuild.buildConfigName(connect.getMetadata().getName()))
                .withNamespace(connect.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(Map.of(KafkaConnectBuild.REVISION_ANNOTATION, revision))
                .withOwnerReferences(owner)
                .build();
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("BuildRequest")
                .withMetadata(metadata)
                .build();
    }

    private static Map<String, Object> nameValue(String name, String value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("value", value);
        return entry;
    }
}
