package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.template.ContainerTemplate;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.api.kafka.model.template.PodTemplate;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ResourceLimits;
import io.strimzi.operator.cluster.model.template.ContainerTemplates;
import io.strimzi.operator.cluster.model.template.PodTemplates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A build in a Pod on Kubernetes, by a {@link PodBuildTool}: the tool's input ConfigMap, the build ServiceAccount and
 * the build Pod. The Pod is common to every tool: the input and push secret volumes, labels and templates
 * (`template.buildPod`, `buildContainer`, `buildServiceAccount`), the proxies as env vars ({@link BuildProxy}: those
 * with credentials from a Secret), `.spec.build.resources`, pull policy and pull secrets; the tool adds its container's
 * image, command, arguments, env, mounts, scratch volumes and security contexts.
 *
 * @param tool           the tool whose container runs in the Pod
 * @param inputConfigMap the tool's input (the Dockerfile, for Buildah and Kaniko)
 * @param serviceAccount the build Pod's ServiceAccount
 * @param proxySecret    the proxy URLs with credentials, or null when no proxy has credentials
 * @param pod            the build Pod, with the revision annotation
 */
public record PodBuild(String revision, BuildTool tool, String outputImage, List<Condition> warnings, ConfigMap inputConfigMap,
                       ServiceAccount serviceAccount, Secret proxySecret, Pod pod) implements KafkaConnectBuild {
    private static final String POD_FIELD = ".spec.template.buildPod";
    private static final String CONTAINER_FIELD = ".spec.template.buildContainer";

    /** The input ConfigMap, the ServiceAccount and the proxy Secret (when there is one), in the order the operator writes them. */
    @Override
    public List<HasMetadata> inputs() {
        List<HasMetadata> inputs = new ArrayList<>(List.of(inputConfigMap, serviceAccount));
        if (proxySecret != null) {
            inputs.add(proxySecret);
        }
        return List.copyOf(inputs);
    }

    /** The inputs, then the build Pod. */
    @Override
    public List<HasMetadata> objects() {
        List<HasMetadata> objects = new ArrayList<>(inputs());
        objects.add(pod);
        return List.copyOf(objects);
    }

    /**
     * @throws io.strimzi.operator.cluster.model.InvalidResourceException when the tool cannot build the description or
     *                                                                    the build Pod template is invalid
     */
    static PodBuild create(BuildTool kind, PodBuildTool tool, KafkaConnect connect, ClusterOperatorConfig config,
                           BuildDescription build, List<Condition> warnings) {
        tool.check(build);
        ResourceLimits.check(".spec.build.resources", connect.getSpec().getBuild().getResources());
        String scratchSizeLimit = ScratchSizeLimit.of(connect);
        String name = connect.getMetadata().getName();
        PodBuildTool.ToolInput input = tool.input(build, name);
        String revision = BuildRevision.of(input.content(), build.output().image());
        BuildProxy proxy = new BuildProxy(config.proxy(), name);
        PodBuildTool.ToolPod toolPod = tool.pod(build, new PodBuildTool.PodSettings(proxy.buildArgs(), scratchSizeLimit));
        KafkaConnectTemplate template = connect.getSpec().getTemplate();
        return new PodBuild(revision, kind, build.output().image(), warnings, inputConfigMap(connect, config, input),
                serviceAccount(connect, config, template), proxy.secret(connect, config),
                pod(connect, proxy, build, input, toolPod, revision, config));
    }

    private static ConfigMap inputConfigMap(KafkaConnect connect, ClusterOperatorConfig config, PodBuildTool.ToolInput input) {
        return new ConfigMapBuilder()
                .withMetadata(BuildMetadata.of(connect, config, input.configMapName(), null, Map.of()))
                .withData(Map.of(input.key(), input.content()))
                .build();
    }

    private static ServiceAccount serviceAccount(KafkaConnect connect, ClusterOperatorConfig config, KafkaConnectTemplate template) {
        var saTemplate = template == null ? null : template.getBuildServiceAccount();
        return new ServiceAccountBuilder()
                .withMetadata(BuildMetadata.of(connect, config, BuildNames.serviceAccountName(connect.getMetadata().getName()),
                        saTemplate == null ? null : saTemplate.getMetadata(), Map.of()))
                .build();
    }

    private static Pod pod(KafkaConnect connect, BuildProxy proxy, BuildDescription build, PodBuildTool.ToolInput input,
                           PodBuildTool.ToolPod tool, String revision, ClusterOperatorConfig config) {
        String name = connect.getMetadata().getName();
        KafkaConnectTemplate template = connect.getSpec().getTemplate();
        PodTemplate podTemplate = template == null ? null : template.getBuildPod();
        ContainerTemplate containerTemplate = template == null ? null : template.getBuildContainer();

        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName(input.volumeName())
                .withNewConfigMap().withName(input.configMapName())
                .addNewItem().withKey(input.key()).withPath(input.key()).endItem()
                .endConfigMap().build());
        if (build.pushSecret() != null) {
            volumes.add(new VolumeBuilder().withName(PodBuildTool.PUSH_SECRET_VOLUME)
                    .withNewSecret().withSecretName(build.pushSecret())
                    .addNewItem().withKey(".dockerconfigjson").withPath(PodBuildTool.PUSH_SECRET_FILE).endItem()
                    .endSecret().build());
        }
        volumes.addAll(tool.volumes());

        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(input.volumeName()).withMountPath(input.mountPath())
                .withReadOnly(true).build());
        mounts.addAll(tool.volumeMounts());

        // The template's volumes and mounts (a registry CA for --cert-dir, say), checked against the operator's own.
        PodTemplates.addTemplateVolumes(POD_FIELD, podTemplate, CONTAINER_FIELD, containerTemplate, volumes, mounts);

        ContainerBuilder container = new ContainerBuilder()
                .withName(BuildNames.buildContainerName(name))
                .withImage(tool.image())
                .withCommand(tool.command().isEmpty() ? null : tool.command())
                .withArgs(tool.args())
                .withEnv(env(tool.env(), proxy, containerTemplate))
                .withVolumeMounts(mounts)
                .withResources(connect.getSpec().getBuild().getResources())
                .withSecurityContext(containerTemplate != null && containerTemplate.getSecurityContext() != null
                        ? containerTemplate.getSecurityContext() : tool.securityContext())
                .withTerminationMessagePath(PodBuildTool.TERMINATION_LOG_PATH)
                .withTerminationMessagePolicy("File")
                .withImagePullPolicy(config.imagePullPolicy() == null ? null : config.imagePullPolicy().name());

        List<LocalObjectReference> pullSecrets = podTemplate != null && podTemplate.getImagePullSecrets() != null
                ? podTemplate.getImagePullSecrets()
                : config.imagePullSecrets().stream().map(LocalObjectReference::new).toList();
        Map<String, String> annotations = new LinkedHashMap<>(tool.annotations());
        annotations.put(BuildNames.REVISION_ANNOTATION, revision);

        Pod pod = new PodBuilder()
                .withMetadata(BuildMetadata.of(connect, config, BuildNames.buildPodName(name),
                        podTemplate == null ? null : podTemplate.getMetadata(), annotations))
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withServiceAccountName(BuildNames.serviceAccountName(name))
                    // The build talks to registries and Maven repositories, never to the API server.
                    .withAutomountServiceAccountToken(false)
                    .withContainers(container.build())
                    .withVolumes(volumes)
                    .withImagePullSecrets(pullSecrets.isEmpty() ? null : pullSecrets)
                    .withSecurityContext(podTemplate != null && podTemplate.getSecurityContext() != null
                            ? podTemplate.getSecurityContext() : tool.podSecurityContext())
                    .withTolerations(podTemplate == null ? null : podTemplate.getTolerations())
                    .withAffinity(podTemplate == null ? null : podTemplate.getAffinity())
                    .withNodeSelector(podTemplate == null ? null : podTemplate.getNodeSelector())
                    .withPriorityClassName(podTemplate == null ? null : podTemplate.getPriorityClassName())
                .endSpec()
                .build();
        PodTemplates.applyTo(pod.getSpec(), podTemplate);
        return pod;
    }

    /**
     * The tool's variables, then the proxies, then the template's variables. A template variable with the name of one
     * the operator sets is ignored: it would otherwise break the build (e.g. REGISTRY_AUTH_FILE).
     */
    private static List<EnvVar> env(List<EnvVar> toolEnv, BuildProxy proxy, ContainerTemplate template) {
        List<EnvVar> env = new ArrayList<>(toolEnv);
        env.addAll(proxy.env());
        Set<String> reserved = new LinkedHashSet<>();
        env.forEach(variable -> reserved.add(variable.getName()));
        for (EnvVar variable : ContainerTemplates.env(CONTAINER_FIELD, template)) {
            if (!reserved.contains(variable.getName())) {
                env.add(variable);
            }
        }
        return env;
    }
}
