package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.BuildTerminationMessage;
import io.strimzi.operator.cluster.model.connectbuild.BuildTool;
import io.strimzi.operator.cluster.model.connectbuild.OpenShiftBuild;
import io.strimzi.operator.cluster.values.ImageReference;
import io.vertx.core.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.Comparator;
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
    static final ResourceDefinitionContext BUILD_CONFIGS = context("build.openshift.io", "BuildConfig", "buildconfigs");
    static final ResourceDefinitionContext BUILDS = context("build.openshift.io", "Build", "builds");
    static final ResourceDefinitionContext IMAGE_STREAMS = context("image.openshift.io", "ImageStream", "imagestreams");
    /** Set by OpenShift on every Build started from a BuildConfig. */
    static final String BUILD_CONFIG_LABEL = "openshift.io/build-config.name";
    static final String BUILD_NUMBER_ANNOTATION = "openshift.io/build.number";
    /** Status reasons of the OpenShift path only (the others are shared with the build Pod path). */

    private static final Logger LOGGER = LogManager.getLogger(OpenShiftBuildBackend.class);
    private static final Set<String> RUNNING_PHASES = Set.of("New", "Pending", "Running");

    private final KubernetesClient client;
    private final Blocking blocking;

    OpenShiftBuildBackend(KubernetesClient client, Blocking blocking) {
        this.client = client;
        this.blocking = blocking;
    }

    @Override
    public Future<ExistingBuild> find(Reconciliation r, OpenShiftBuild desired) {
        return blocking.run(() -> {
            GenericKubernetesResource newest = builds(r).withLabel(BUILD_CONFIG_LABEL, BuildNames.buildConfigName(r.name()))
                    .list().getItems().stream()
                    .max(Comparator.comparingLong(OpenShiftBuildBackend::buildNumber)
                            .thenComparing(b -> b.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.naturalOrder())))
                    .orElse(null);
            if (newest == null) {
                return null;
            }
            return new ExistingBuild(newest.getMetadata().getName(), annotation(newest, BuildNames.REVISION_ANNOTATION),
                    BuildTool.OPENSHIFT_BUILD.statusName(), outcome(r, desired, newest), time(newest, "startTimestamp", true),
                    time(newest, "completionTimestamp", false));
        });
    }

    @Override
    public Future<String> start(Reconciliation r, KafkaConnect connect, OpenShiftBuild desired, ExistingBuild stale) {
        return blocking.run(() -> {
            String imageStream = desired.imageStreamName();
            if (imageStream != null && imageStreams(r).withName(imageStream).get() == null) {
                throw new BuildNotStartedException(ConditionReasons.IMAGE_STREAM_NOT_FOUND, ".spec.build.output.image: the ImageStream '"
                        + imageStream + "' of the output '" + desired.outputImage() + "' does not exist in namespace "
                        + r.namespace() + "; create it (oc create imagestream " + imageStream + ") or use a docker output");
            }
            if (stale != null && stale.outcome() instanceof BuildOutcome.Running) {
                // With the Serial run policy a new Build would wait for the stale one to finish.
                LOGGER.info("{}: cancelling Build {} of revision {}", r, stale.name(), stale.revision());
                builds(r).withName(stale.name()).edit(b -> {
                    status(b).put("cancelled", true);
                    return b;
                });
            }
            String buildConfigName = BuildNames.buildConfigName(r.name());
            ResourceWriter.apply(client.genericKubernetesResources(BUILD_CONFIGS).inNamespace(r.namespace()), desired.buildConfig());
            String instantiate = "/apis/" + BUILD_CONFIGS.getGroup() + "/" + BUILD_CONFIGS.getVersion() + "/namespaces/"
                    + r.namespace() + "/" + BUILD_CONFIGS.getPlural() + "/" + buildConfigName + "/instantiate";
            String response;
            try {
                response = client.raw(instantiate, "POST", desired.buildRequest());
            } catch (KubernetesClientException e) {
                throw new BuildNotStartedException(ConditionReasons.BUILD_REJECTED, "starting a Build of BuildConfig " + buildConfigName
                        + " was rejected by the API server (HTTP " + e.getCode() + "): " + PodBuildBackend.apiMessage(e));
            }
            if (response == null) {
                throw new BuildNotStartedException(ConditionReasons.BUILD_REJECTED, "starting a Build of BuildConfig " + buildConfigName
                        + " failed: the BuildConfig was not found");
            }
            GenericKubernetesResource build = client.getKubernetesSerialization().unmarshal(response, GenericKubernetesResource.class);
            return build.getMetadata().getName();
        });
    }

    @Override
    public Future<BuildOutcome> await(Reconciliation r, OpenShiftBuild desired, String buildName, long timeoutMs, StopSignal stop) {
        return CompletionWatch.await(blocking, builds(r).withName(buildName), b -> !RUNNING_PHASES.contains(phase(b)), timeoutMs,
                        "the OpenShift Build " + buildName + " did not finish within " + timeoutMs + " ms; it keeps running "
                                + "and the next reconciliation waits for it", stop)
                .compose(finished -> finished.isEmpty()
                        ? Future.succeededFuture(new BuildOutcome.Failed(ConditionReasons.BUILD_FAILED, "the OpenShift Build " + buildName
                                + " was deleted before it finished"))
                        : blocking.run(() -> outcome(r, desired, finished.get())));
    }

    /** Finished Builds stay for `oc logs`; the BuildConfig's history limits prune them. */
    @Override
    public Future<Void> cleanUp(Reconciliation r, String buildName) {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> deleteAll(Reconciliation r) {
        return blocking.run(() -> {
            String buildConfigName = BuildNames.buildConfigName(r.name());
            boolean any = ResourceWriter.deleteIfExists(client.genericKubernetesResources(BUILD_CONFIGS).inNamespace(r.namespace()),
                    buildConfigName);
            // OpenShift's garbage collector would remove the Builds with their BuildConfig; doing it here does not
            // depend on it and is harmless when it already happened.
            var builds = builds(r).withLabel(BUILD_CONFIG_LABEL, buildConfigName);
            if (!builds.list().getItems().isEmpty()) {
                builds.delete();
                any = true;
            }
            if (any) {
                LOGGER.info("{}: .spec.build was removed; deleted BuildConfig {} and its Builds", r, buildConfigName);
            }
            return null;
        });
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
                GenericKubernetesResource imageStream = imageStreams(r).withName(desired.imageStreamName()).get();
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

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> buildsOp() {
        return client.genericKubernetesResources(BUILDS);
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> builds(Reconciliation r) {
        return buildsOp().inNamespace(r.namespace());
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> imageStreams(Reconciliation r) {
        return client.genericKubernetesResources(IMAGE_STREAMS).inNamespace(r.namespace());
    }

    private static ResourceDefinitionContext context(String group, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind).withPlural(plural)
                .withNamespaced(true).build();
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
