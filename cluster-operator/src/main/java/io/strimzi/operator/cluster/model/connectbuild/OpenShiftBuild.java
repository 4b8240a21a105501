package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.template.BuildConfigTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.ProxyConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A build by OpenShift's build system ({@link BuildTool#OPENSHIFT_BUILD}), as generic resources of
 * `build.openshift.io/v1`, since the fabric8 OpenShift client of the project's fabric8 line is not available: a
 * BuildConfig with a Docker strategy and the Dockerfile inline, run policy Serial, output to a registry
 * (`DockerImage`, with the push secret) or an `ImageStreamTag`; and the BuildRequest that starts a Build from it.
 * Proxies reach the build as build args only: the Docker strategy's `env` would become an ENV instruction of the image,
 * and its `buildArgs` cannot take a value from a Secret, so a proxy URL with credentials is left out (with a Warning
 * condition: OpenShift builds use the cluster's build proxy, `build.config.openshift.io/cluster`). The pull secret
 * comes from `template.buildConfig.pullSecret`.
 * The additional options (which no OpenShift build uses) are neither checked nor used.
 *
 * @param buildConfig     the BuildConfig
 * @param buildRequest    the BuildRequest to POST to `buildconfigs/<name>/instantiate`: it carries the revision
 *                        annotation (and the labels), which OpenShift copies onto the Build it creates
 * @param imageStreamName for an `imagestream` output, the ImageStream (in the KafkaConnect's namespace) that must exist
 *                        before a Build starts; null for a `docker` output
 */
public record OpenShiftBuild(String revision, String outputImage, List<Condition> warnings, GenericKubernetesResource buildConfig,
                             GenericKubernetesResource buildRequest, String imageStreamName) implements KafkaConnectBuild {
    static final String API_VERSION = "build.openshift.io/v1";
    /** Finished Builds OpenShift keeps per BuildConfig, for `oc logs` after a failure. */
    static final int BUILDS_HISTORY_LIMIT = 5;
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Override
    public BuildTool tool() {
        return BuildTool.OPENSHIFT_BUILD;
    }

    /** The BuildConfig; the BuildRequest is posted, not applied. */
    @Override
    public List<HasMetadata> inputs() {
        return List.of(buildConfig);
    }

    @Override
    public List<HasMetadata> objects() {
        return inputs();
    }

    static OpenShiftBuild create(KafkaConnect connect, ClusterOperatorConfig config, BuildDescription build,
                                 List<Condition> warnings) {
        String dockerfile = ConnectDockerfile.of(build, config.mavenBuilderImage()).content();
        String revision = BuildRevision.of(dockerfile, build.output().image());
        BuildConfigTemplate template = connect.getSpec().getTemplate() == null ? null : connect.getSpec().getTemplate().getBuildConfig();
        String imageStream = build.output() instanceof BuildOutput.ImageStream stream ? stream.name() : null;
        List<Condition> allWarnings = new ArrayList<>(warnings);
        if (!config.proxy().withCredentials().isEmpty()) {
            allWarnings.add(BuildWarnings.proxyCredentialsNotPassed(config.proxy().withCredentials().keySet()));
        }
        return new OpenShiftBuild(revision, build.output().image(), List.copyOf(allWarnings),
                buildConfig(connect, config, build, dockerfile, revision, template), buildRequest(connect, config, revision),
                imageStream);
    }

    private static GenericKubernetesResource buildConfig(KafkaConnect connect, ClusterOperatorConfig config,
                                                         BuildDescription build, String dockerfile, String revision,
                                                         BuildConfigTemplate template) {
        Map<String, Object> to = new LinkedHashMap<>();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("to", to);
        if (build.output() instanceof BuildOutput.Registry registry) {
            to.put("kind", "DockerImage");
            to.put("name", registry.image());
            if (registry.pushSecret() != null) {
                output.put("pushSecret", Map.of("name", registry.pushSecret()));
            }
        } else {
            to.put("kind", "ImageStreamTag");
            to.put("name", build.output().image());
        }

        Map<String, Object> dockerStrategy = new LinkedHashMap<>();
        List<Map<String, Object>> proxies = new ArrayList<>();
        config.proxy().asEnv().forEach((name, value) -> {
            if (!ProxyConfig.hasCredentials(value)) {
                proxies.add(nameValue(name, value));
            }
        });
        if (!proxies.isEmpty()) {
            dockerStrategy.put("buildArgs", proxies);
        }
        if (template != null && template.getPullSecret() != null) {
            dockerStrategy.put("pullSecret", Map.of("name", template.getPullSecret()));
        }

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("runPolicy", "Serial");
        // Ordered maps throughout (Map.of iterates in an order that changes from one JVM to the next): render prints
        // the same text every time, and the desired-object hash of the BuildConfig survives an operator restart.
        spec.put("source", typed("Dockerfile", "dockerfile", dockerfile));
        spec.put("strategy", typed("Docker", "dockerStrategy", dockerStrategy));
        spec.put("output", output);
        if (connect.getSpec().getBuild().getResources() != null) {
            // Plain maps, so that the object equals what is read back from the API server.
            spec.put("resources", SERIALIZATION.convertValue(connect.getSpec().getBuild().getResources(), Map.class));
        }
        spec.put("successfulBuildsHistoryLimit", BUILDS_HISTORY_LIMIT);
        spec.put("failedBuildsHistoryLimit", BUILDS_HISTORY_LIMIT);

        String name = BuildNames.buildConfigName(connect.getMetadata().getName());
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("BuildConfig")
                .withMetadata(BuildMetadata.of(connect, config, name, template == null ? null : template.getMetadata(),
                        Map.of(BuildNames.REVISION_ANNOTATION, revision)))
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    private static GenericKubernetesResource buildRequest(KafkaConnect connect, ClusterOperatorConfig config, String revision) {
        ObjectMeta metadata = new ObjectMetaBuilder()
                .withName(BuildNames.buildConfigName(connect.getMetadata().getName()))
                .withNamespace(connect.getMetadata().getNamespace())
                .withLabels(BuildMetadata.labels(connect, config))
                .withAnnotations(Map.of(BuildNames.REVISION_ANNOTATION, revision))
                .withOwnerReferences(BuildMetadata.ownerReference(connect))
                .build();
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind("BuildRequest")
                .withMetadata(metadata)
                .build();
    }

    /** `{type: TYPE, FIELD: VALUE}`, in that order. */
    private static Map<String, Object> typed(String type, String field, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", type);
        entry.put(field, value);
        return entry;
    }

    private static Map<String, Object> nameValue(String name, String value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("value", value);
        return entry;
    }
}
