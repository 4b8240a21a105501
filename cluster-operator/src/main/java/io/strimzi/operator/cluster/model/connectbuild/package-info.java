/**
 * The Connect Build model: pure functions from a KafkaConnect, the operator configuration and the platform to the
 * objects of its build. The operator package does the I/O (operator.BuildBackend: PodBuildBackend creates and watches
 * a build Pod, OpenShiftBuildBackend a BuildConfig and its Builds).
 *
 * <p>How a build is made, in order ({@link io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild#fromCrd}):
 * <ol>
 *   <li>{@link io.strimzi.operator.cluster.model.connectbuild.BuildDescription}: the builder-neutral description, from
 *       `.spec.build` validated: base image, {@link io.strimzi.operator.cluster.model.connectbuild.PluginArtifact}s
 *       (by {@link io.strimzi.operator.cluster.model.connectbuild.PluginValidator}, each with its directory),
 *       {@link io.strimzi.operator.cluster.model.connectbuild.BuildOutput} and the user's options.</li>
 *   <li>{@link io.strimzi.operator.cluster.model.connectbuild.BuildTool}: the tool, chosen once from configuration,
 *       platform and output (Buildah, Kaniko, the layer builder, OpenShift Build).</li>
 *   <li>The tool turns the description into its inputs and objects: a
 *       {@link io.strimzi.operator.cluster.model.connectbuild.PodBuildTool}
 *       ({@link io.strimzi.operator.cluster.model.connectbuild.BuildahTool} and
 *       {@link io.strimzi.operator.cluster.model.connectbuild.KanikoTool}, both a
 *       {@link io.strimzi.operator.cluster.model.connectbuild.DockerfileTool}) checks what it accepts, names its input (the
 *       {@link io.strimzi.operator.cluster.model.connectbuild.ConnectDockerfile}, written by
 *       {@link io.strimzi.operator.cluster.model.connectbuild.DockerfileWriter}) and its container, and
 *       {@link io.strimzi.operator.cluster.model.connectbuild.PodBuild} makes the input ConfigMap, ServiceAccount and
 *       build Pod around it; on OpenShift {@link io.strimzi.operator.cluster.model.connectbuild.OpenShiftBuild} makes the
 *       BuildConfig and BuildRequest.</li>
 * </ol>
 *
 * <p>Shared parts: {@link io.strimzi.operator.cluster.model.connectbuild.BuildRevision} (what a revision hashes),
 * {@link io.strimzi.operator.cluster.model.connectbuild.BuildNames} (object names, labels, annotation keys),
 * {@link io.strimzi.operator.cluster.model.connectbuild.BuildMetadata} (template metadata merged with the operator's),
 * {@link io.strimzi.operator.cluster.model.connectbuild.BuildWarnings} (deprecated fields),
 * {@link io.strimzi.operator.cluster.model.connectbuild.ScratchSizeLimit} (`template.buildPod.tmpDirSizeLimit`),
 * {@link io.strimzi.operator.cluster.model.connectbuild.BuildOptionAllowlist} (a tool's allowed options) and
 * {@link io.strimzi.operator.cluster.model.connectbuild.BuildTerminationMessage} (the pushed image a build reports).
 * The value rules (image grammar, DNS-1123, control characters, SHA-256) live in {@code io.strimzi.operator.cluster.values}.
 *
 * <p>A tool that runs in a Pod is one {@code PodBuildTool} implementation and one {@code BuildTool} constant; its
 * input's content is what its revisions hash. {@link io.strimzi.operator.cluster.model.connectbuild.LayerTool} (the
 * layer builder) is one: a JSON build plan in its ConfigMap, its own scratch volume and a restricted Pod security
 * context; its program is the connect-builder module.
 */
package io.strimzi.operator.cluster.model.connectbuild;
