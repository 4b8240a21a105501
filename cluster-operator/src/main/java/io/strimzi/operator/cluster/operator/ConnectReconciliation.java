package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.ConnectorPlugin;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ConnectAssembly;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connect.ReferencedResources;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Supplier;

/**
 * The order of one reconciliation, the same for the operator and for `render`: read and validate → look up the Secrets
 * and ConfigMaps the pods reference → validate with them → (with `.spec.build`)
 * keep the build's inputs, then the build step → the Connect workload with the built image → prune → status → clean up
 * the finished build. Each step is a {@link Steps} call: the operator's do the I/O, render's collect the objects, so the
 * two agree by construction.
 *
 * <p>The workload is written only once an image exists: while the first build runs, or a build of a new revision runs
 * or has failed, the running Connect cluster is left as it is. The finished build Pod is removed only after the
 * Deployment and the status are written, so that an operator stopped in between finds the finished build again
 * instead of building once more.
 */
public final class ConnectReconciliation {
    /** The I/O of a reconciliation. */
    public interface Steps {
        /** Finds the Secrets and ConfigMaps the Connect pods reference (missing ones are left out). */
        Future<ReferencedResources> referenced(KafkaConnect connect, List<ReferencedResources.Ref> refs);

        /** Writes the objects the resource keeps while it is as it is (the build's inputs). */
        Future<Void> keep(List<HasMetadata> objects);

        /** Finds, starts or follows the build of the current revision. */
        Future<BuildResult> build(KafkaConnect connect, KafkaConnectBuild build);

        /** The resource has no `.spec.build` (any more): remove build Pods or OpenShift Builds. */
        Future<Void> removeBuild();

        /**
         * Writes the Connect workload; returns the connector plugins its running workers report, or null when they did
         * not answer (or none runs).
         */
        Future<List<ConnectorPlugin>> workload(KafkaConnectCluster workload);

        /** Deletes the owned objects the resource no longer has. */
        Future<Void> prune(List<HasMetadata> kept);

        /** Writes the status. */
        Future<Void> status(DesiredStatus status);

        /** Removes the finished build once its image runs. */
        Future<Void> finished(BuildResult.Built built);
    }

    private ConnectReconciliation() {
    }

    /**
     * @param read reads the resource into the model; throws {@link InvalidResourceException} when it cannot
     */
    public static Future<Void> run(Supplier<KafkaConnect> read, ClusterOperatorConfig config, Platform platform, Steps steps) {
        KafkaConnect connect;
        List<ReferencedResources.Ref> refs;
        try {
            connect = read.get();
            refs = ConnectAssembly.references(connect, config);
        } catch (InvalidResourceException e) {
            return steps.status(DesiredStatus.invalid(e.getMessage()));
        }
        return steps.referenced(connect, refs).compose(referenced -> {
            ConnectAssembly assembly;
            try {
                assembly = ConnectAssembly.of(connect, config, platform, referenced);
            } catch (InvalidResourceException e) {
                return steps.status(DesiredStatus.invalid(e.getMessage()));
            }
            return run(assembly, steps);
        });
    }

    private static Future<Void> run(ConnectAssembly assembly, Steps steps) {
        List<Condition> warnings = assembly.warnings();
        KafkaConnectBuild build = assembly.build();
        if (build == null) {
            return steps.removeBuild()
                    .compose(v -> steps.workload(assembly.workload()))
                    .compose(plugins -> steps.prune(assembly.keptObjects())
                            .compose(v -> steps.status(DesiredStatus.ready(warnings, null).withPlugins(plugins))));
        }
        return steps.keep(build.inputs())
                .compose(v -> steps.build(assembly.connect(), build))
                .compose(result -> {
                    if (result instanceof BuildResult.Built built) {
                        return steps.workload(assembly.builtWorkload(built.image(), built.revision()))
                                .compose(plugins -> steps.prune(assembly.keptObjects())
                                        .compose(v -> steps.status(DesiredStatus.ready(warnings, built.status()).withPlugins(plugins))))
                                .compose(v -> steps.finished(built));
                    }
                    DesiredStatus status;
                    if (result instanceof BuildResult.InProgress running) {
                        status = DesiredStatus.notReady(ConditionReasons.BUILD_RUNNING, "Building the Connect image (revision "
                                + running.status().getRevision() + ") with " + running.status().getBuilder() + " in "
                                + running.status().getPodName(), warnings, running.status());
                    } else {
                        BuildResult.NotBuilt failed = (BuildResult.NotBuilt) result;
                        // The Deployment keeps its image: the running Connect cluster is not touched.
                        status = DesiredStatus.notReady(failed.reason(), failed.message(), warnings, failed.status());
                    }
                    return steps.prune(assembly.keptObjects()).compose(v -> steps.status(status));
                });
    }
}
