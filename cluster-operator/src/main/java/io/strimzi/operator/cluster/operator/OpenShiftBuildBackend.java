package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.BuildTerminationMessage;
import io.strimzi.operator.cluster.model.connectbuild.BuildTool;
import io.strimzi.operator.cluster.model.connectbuild.OpenShiftBuild;
import io.strimzi.operator.cluster.values.ImageReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds with a BuildConfig and Builds on OpenShift (`build.openshift.io/v1`, as generic resources).
 *
 * A build is started the way `oc start-build` does it: POST of the model's BuildRequest to
 * `buildconfigs/<name>/instantiate`. OpenShift then creates the Build `<name>-<number>`, labels it
 * `openshift.io/build-config.name=<name>` and copies the request's revision annotation onto it; that annotation is how
 * a later reconciliation (or a restarted operator) recognises and adopts the Build of the current revision.
 *
 * The image comes from the finished Build's `status.output.to.imageDigest`, composed with the repository the Build
 * pushed to: for a `docker` output the output image without its tag; for an `imagestream` output the ImageStream's
 * `status.dockerImageRepository` (the internal registry's pull spec, the one Connect Pods can pull), which is why the
 * ImageStream must exist before a Build starts. Finished Builds are kept (the BuildConfig's history limits prune them)
 * so that `oc logs build/<name>` still works; `.spec.build` removed deletes the BuildConfig and its Builds.
 */
final class OpenShiftBuildBackend implements BuildBackend<OpenShiftBuild> {
    static final ResourceDefinitionContext BUILD_CONFIGS = OwnedKinds.BUILD_CONFIGS.generic();
    static final ResourceDefinitionContext BUILDS = OwnedKinds.BUILDS.generic();
    static final ResourceDefinitionContext IMAGE_STREAMS = OwnedKinds.openShift("image.openshift.io", "ImageStream", "imagestreams");
    /** Set by OpenShift on every Build started from a BuildConfig. */
    static final String BUILD_CONFIG_LABEL = "openshift.io/build-config.name";
    static final String BUILD_NUMBER_ANNOTATION = "openshift.io/build.number";

    private static final Logger LOGGER = LogManager.getLogger(OpenShiftBuildBackend.class);
    private static final Set<String> RUNNING_PHASES = Set.of("New", "Pending", "Running");

    private final KubernetesClient client;
    private final OwnedResources resources;
    private final ResourceCache<GenericKubernetesResource> builds;

    OpenShiftBuildBackend(KubernetesClient client, OwnedResources resources, ResourceCache<GenericKubernetesResource> builds) {
        this.client = client;
        this.resources = resources;
        this.builds = builds;
    }

    @Override
    public ExistingBuild find(Reconciliation r, OpenShiftBuild desired) {
        GenericKubernetesResource newest = buildsOf(r).stream()
                .max(Comparator.comparingLong(OpenShiftBuildBackend::buildNumber)
                        .thenComparing(b -> b.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
        return newest == null ? null : existing(r, desired, newest);
    }

    private ExistingBuild existing(Reconciliation r, OpenShiftBuild desired, GenericKubernetesResource build) {
        return new ExistingBuild(build.getMetadata().getName(), build.getMetadata().getUid(),
                annotation(build, BuildNames.REVISION_ANNOTATION),
                BuildTool.OPENSHIFT_BUILD.statusName(), outcome(r, desired, build), time(build, "startTimestamp", true),
                time(build, "completionTimestamp", false));
    }

    /** The Builds of this KafkaConnect's BuildConfig, from the Builds informer. */
    private List<GenericKubernetesResource> buildsOf(Reconciliation r) {
        String buildConfigName = BuildNames.buildConfigName(r.name());
        return builds.ownedBy(r.namespace(), r.name()).stream()
                .filter(b -> b.getMetadata().getLabels() != null && buildConfigName.equals(b.getMetadata().getLabels().get(BUILD_CONFIG_LABEL)))
                .toList();
    }

    @Override
    public ExistingBuild start(Reconciliation r, KafkaConnect connect, OpenShiftBuild desired, ExistingBuild stale) {
        String imageStream = desired.imageStreamName();
        if (imageStream != null && get(imageStreams(r), "ImageStream", r, imageStream) == null) {
            throw new BuildNotStartedException(ConditionReasons.IMAGE_STREAM_NOT_FOUND, ".spec.build.output.image: the ImageStream '"
                    + imageStream + "' of the output '" + desired.outputImage() + "' does not exist in namespace "
                    + r.namespace() + "; create it (oc create imagestream " + imageStream + ") or use a docker output");
        }
        if (stale != null && stale.outcome() instanceof BuildOutcome.Running) {
            // With the Serial run policy a new Build would wait for the stale one to finish.
            LOGGER.info("{}: cancelling Build {} of revision {}", r, stale.name(), stale.revision());
            try {
                OwnedResources.write(builds, r.namespace(), stale.name(),
                        () -> client.genericKubernetesResources(BUILDS).inNamespace(r.namespace()).withName(stale.name()).edit(b -> {
                            status(b).put("cancelled", true);
                            return b;
                        }));
            } catch (KubernetesClientException e) {
                throw new KubernetesRequestException("cancelling Build " + r.namespace() + "/" + stale.name(), e);
            }
        }
        String buildConfigName = BuildNames.buildConfigName(r.name());
        String instantiate = "/apis/" + BUILD_CONFIGS.getGroup() + "/" + BUILD_CONFIGS.getVersion() + "/namespaces/"
                + r.namespace() + "/" + BUILD_CONFIGS.getPlural() + "/" + buildConfigName + "/instantiate";
        String response;
        try {
            response = client.raw(instantiate, "POST", desired.buildRequest());
        } catch (KubernetesClientException e) {
            if (e.getCode() <= 0 || e.getCode() >= 500 || e.getCode() == 429) {
                throw new KubernetesRequestException("starting a Build of BuildConfig " + r.namespace() + "/" + buildConfigName, e);
            }
            throw new BuildNotStartedException(ConditionReasons.BUILD_REJECTED, "starting a Build of BuildConfig " + buildConfigName
                    + " was rejected by the API server (HTTP " + e.getCode() + "): " + PodBuildBackend.apiMessage(e));
        }
        if (response == null) {
            throw new BuildNotStartedException(ConditionReasons.BUILD_REJECTED, "starting a Build of BuildConfig " + buildConfigName
                    + " failed: the BuildConfig was not found");
        }
        GenericKubernetesResource build = client.getKubernetesSerialization().unmarshal(response, GenericKubernetesResource.class);
        builds.wrote(build);
        return existing(r, desired, build);
    }

    /** Finished Builds stay for `oc logs`; the BuildConfig's history limits prune them. */
    @Override
    public void cleanUp(Reconciliation r, String buildName) {
    }

    @Override
    public void deleteAll(Reconciliation r) {
        // The BuildConfig is pruned as a kept object; OpenShift's garbage collector would remove its Builds with it, doing
        // it here does not depend on that.
        boolean any = false;
        for (GenericKubernetesResource build : buildsOf(r)) {
            any |= resources.delete(r, OwnedKinds.BUILDS, build.getMetadata().getName(), false);
        }
        if (any) {
            LOGGER.info("{}: .spec.build was removed; deleted the Builds of BuildConfig {}", r, BuildNames.buildConfigName(r.name()));
        }
    }

    /** What a Build says about the build. Blocking: an imagestream output reads its ImageStream. */
    private BuildOutcome outcome(Reconciliation r, OpenShiftBuild desired, GenericKubernetesResource build) {
        String name = build.getMetadata().getName();
        String phase = phase(build);
        if (phase == null || RUNNING_PHASES.contains(phase)) {
            return new BuildOutcome.Running();
        }
        Map<String, Object> status = status(build);
        if ("Complete".equals(phase)) {
            Object digest = nested(status, "output", "to", "imageDigest");
            if (!(digest instanceof String digestText) || digestText.isEmpty()) {
                return new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the OpenShift Build " + name
                        + " completed without reporting the pushed image's digest (status.output.to.imageDigest)");
            }
            String repository;
            if (desired.imageStreamName() != null) {
                GenericKubernetesResource imageStream = get(imageStreams(r), "ImageStream", r, desired.imageStreamName());
                Object pullSpec = imageStream == null ? null : nested(status(imageStream), "dockerImageRepository");
                if (!(pullSpec instanceof String pullSpecText) || pullSpecText.isEmpty()) {
                    return new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the OpenShift Build " + name + " completed, but the ImageStream '"
                            + desired.imageStreamName() + "' of .spec.build.output.image "
                            + (imageStream == null ? "no longer exists" : "has no status.dockerImageRepository (is the internal "
                                    + "image registry configured?)"));
                }
                repository = pullSpecText;
            } else {
                repository = ImageReference.parse(desired.outputImage()).name();
            }
            // The same check as for a build Pod's termination message: one reference by a sha256 digest.
            BuildTerminationMessage reference = BuildTerminationMessage.parse(repository + "@" + digestText, repository);
            return reference.isValid()
                    ? new BuildOutcome.Succeeded(reference.imageReference())
                    : new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the OpenShift Build " + name + " completed but its result is unusable: "
                            + reference.failure());
        }
        String reason = status.get("reason") instanceof String s ? " (" + s + ")" : "";
        String message = status.get("message") instanceof String s ? ": " + s : "";
        String log = status.get("logSnippet") instanceof String s && !s.isBlank() ? "; log: " + PodBuildBackend.tail(s) : "";
        // Failed, Error or Cancelled: the phase in the message tells them apart.
        return new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the OpenShift Build " + name + " ended in phase " + phase + reason + message
                + log + " (oc logs build/" + name + ")");
    }

    private static GenericKubernetesResource get(NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> objects, String kind, Reconciliation r, String name) {
        try {
            return objects.withName(name).get();
        } catch (KubernetesClientException e) {
            throw new KubernetesRequestException("reading " + kind + " " + r.namespace() + "/" + name, e);
        }
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> imageStreams(Reconciliation r) {
        return client.genericKubernetesResources(IMAGE_STREAMS).inNamespace(r.namespace());
    }

    static boolean isRunning(GenericKubernetesResource build) {
        String phase = phase(build);
        return phase == null || RUNNING_PHASES.contains(phase);
    }

    static String phase(GenericKubernetesResource build) {
        return status(build).get("phase") instanceof String phase ? phase : null;
    }

    /** The object's status as a mutable map (created when absent). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        if (!(status instanceof Map)) {
            status = new java.util.LinkedHashMap<String, Object>();
            resource.getAdditionalProperties().put("status", status);
        }
        return (Map<String, Object>) status;
    }

    private static Object nested(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    private static long buildNumber(GenericKubernetesResource build) {
        try {
            String number = annotation(build, BUILD_NUMBER_ANNOTATION);
            return number == null ? -1 : Long.parseLong(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String annotation(GenericKubernetesResource resource, String key) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static Instant time(GenericKubernetesResource build, String field, boolean orCreation) {
        Object value = status(build).get(field);
        if (value instanceof String text && !text.isEmpty()) {
            return Instant.parse(text);
        }
        String created = build.getMetadata().getCreationTimestamp();
        return orCreation && created != null ? Instant.parse(created) : null;
    }
}
