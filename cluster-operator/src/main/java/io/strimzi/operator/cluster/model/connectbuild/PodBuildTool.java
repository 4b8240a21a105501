package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.strimzi.operator.cluster.model.InvalidResourceException;

import java.util.List;
import java.util.Map;

/**
 * A build tool that runs in the build Pod's container (Buildah, Kaniko, the layer builder): what it accepts, what it reads and what its
 * container runs. It turns the builder-neutral {@link BuildDescription} into its own inputs. Everything else about the
 * build Pod (the input and push secret volumes, labels, templates, proxies as env vars, resources, pull policy) is
 * common and lives in {@link PodBuild}. Not to be confused with the operator's BuildBackend, the platform side that
 * creates and watches the Pod (or, on OpenShift, the Build).
 *
 * A new tool is one implementation of this interface and one {@link BuildTool} constant.
 */
interface PodBuildTool {
    /** Name of the push secret volume the Pod defines when there is a push secret; tools mount it where they need. */
    String PUSH_SECRET_VOLUME = "push-secret";
    /** Inside the push secret volume: the Secret's `.dockerconfigjson` as a Docker `config.json`. */
    String PUSH_SECRET_FILE = "config.json";
    /** The build container writes the pushed image reference (or, on failure, the reason) here. */
    String TERMINATION_LOG_PATH = "/dev/termination-log";

    /**
     * Refuses what this tool cannot build (an output it cannot push to, options it does not allow).
     *
     * @throws InvalidResourceException naming the field and the reason
     */
    void check(BuildDescription build);

    /** What the tool reads (a Dockerfile, a build plan): one ConfigMap key. Its content goes into the revision. */
    ToolInput input(BuildDescription build, String connectName);

    /**
     * Whether the tool's container runs under the restricted Pod Security profile (no added capabilities, non-root,
     * no privilege escalation, RuntimeDefault seccomp). Buildah and Kaniko do not; under
     * STRIMZI_POD_SECURITY_PROVIDER_CLASS=restricted a tool that does not is refused ({@link BuildTool}).
     */
    default boolean fitsRestrictedProfile() {
        return false;
    }

    /** The tool's part of the build Pod, for a build that passed {@link #check}. */
    ToolPod pod(BuildDescription build, PodSettings settings);

    /** Only a registry output: an ImageStream is OpenShift's and only its Builds push to one. */
    static BuildOutput.Registry requireRegistryOutput(BuildDescription build) {
        if (build.output() instanceof BuildOutput.Registry registry) {
            return registry;
        }
        throw new InvalidResourceException(BuildOutput.FIELD + ".type: the imagestream output needs OpenShift "
                + "(this cluster does not serve build.openshift.io); use the docker output");
    }

    /**
     * The tool's input: ConfigMap `configMapName` with the single key `key`, mounted read-only at `mountPath` through
     * the volume `volumeName`.
     */
    record ToolInput(String configMapName, String volumeName, String mountPath, String key, String content) {
    }

    /**
     * What the Pod gives every tool.
     *
     * @param proxyBuildArgs   `--build-arg=NAME=VALUE` for each of the operator's proxies, for a tool whose build steps do
     *                         not see its environment; a value with credentials is a `$(NAME)` reference to the variable
     *                         {@link PodBuild} sets from the proxy Secret. (Buildah passes its environment's proxies to
     *                         its build steps itself.)
     * @param scratchSizeLimit size limit for the tool's scratch emptyDir, as a Kubernetes quantity
     */
    record PodSettings(List<String> proxyBuildArgs, String scratchSizeLimit) {
    }

    /**
     * The tool's part of the build Pod.
     *
     * @param image              the tool's image
     * @param command            the container command, or empty to keep the image's entrypoint
     * @param args               the container arguments
     * @param env                the tool's environment variables
     * @param volumeMounts       mounts besides the input's (which the Pod adds)
     * @param securityContext    the container's default security context (a template can replace it), or null
     * @param volumes            volumes besides the input and push secret volumes (scratch space)
     * @param podSecurityContext the Pod's default security context (a template can replace it), or null
     * @param annotations        annotations of the Pod besides the revision
     */
    record ToolPod(String image, List<String> command, List<String> args, List<EnvVar> env, List<VolumeMount> volumeMounts,
                   SecurityContext securityContext, List<Volume> volumes, PodSecurityContext podSecurityContext,
                   Map<String, String> annotations) {
    }
}
