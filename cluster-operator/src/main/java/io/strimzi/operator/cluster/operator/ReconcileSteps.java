package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.ConnectorPlugin;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.connect.ConnectLogging;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connect.ReferencedResources;
import io.strimzi.operator.cluster.model.connectbuild.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.connectbuild.OpenShiftBuild;
import io.strimzi.operator.cluster.model.connectbuild.PodBuild;
import io.vertx.core.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's steps of one reconciliation ({@link ConnectReconciliation}): each reads from the caches and writes what
 * differs, on a worker thread.
 */
final class ReconcileSteps implements ConnectReconciliation.Steps {
    private static final Logger LOGGER = LogManager.getLogger(ReconcileSteps.class);

    /** What the steps work with, the same for every reconciliation of the operator. */
    /**
     * @param buildBackends the backends whose builds a resource may have on this platform: removed with `.spec.build`
     * @param connectApi    the running workers' REST API
     */
    record Services(KubernetesClient client, Blocking blocking, OwnedResources resources, StatusWriter status,
                    ConnectBuildOperator builds, PodBuildBackend podBackend, OpenShiftBuildBackend openShiftBackend,
                    List<BuildBackend<?>> buildBackends, ConnectRestApi connectApi, ReconcileTimers timers, StopSignal stop) {
    }

    private final Reconciliation r;
    private final GenericKubernetesResource read;
    private final Services services;
    /** The backend of this reconciliation's build, once the build step ran. */
    private BuildBackend<?> buildBackend;

    ReconcileSteps(Reconciliation r, GenericKubernetesResource read, Services services) {
        this.r = r;
        this.read = read;
        this.services = services;
    }

    @Override
    public Future<Void> keep(List<HasMetadata> objects) {
        return services.blocking().run(() -> {
            for (HasMetadata object : objects) {
                services.resources().apply(r, object);
            }
            return null;
        });
    }

    @Override
    public Future<ReferencedResources> referenced(KafkaConnect connect, List<ReferencedResources.Ref> refs) {
        if (refs.isEmpty()) {
            return Future.succeededFuture(ReferencedResources.builder().build());
        }
        return services.blocking().run(() -> {
            services.stop().check();
            return ReferencedResourcesReader.read(services.client(), r.namespace(), refs);
        });
    }

    @Override
    public Future<BuildResult> build(KafkaConnect connect, KafkaConnectBuild build) {
        buildBackend = build instanceof PodBuild ? services.podBackend() : services.openShiftBackend();
        return services.blocking().run(() -> {
            Deployment current = services.resources().get(OwnedKinds.DEPLOYMENTS, r.namespace(), KafkaConnectCluster.deploymentName(r.name()));
            BuildResult result = build instanceof PodBuild pod
                    ? services.builds().reconcile(r, connect, KafkaConnectReader.status(read), pod, services.podBackend(), current)
                    : services.builds().reconcile(r, connect, KafkaConnectReader.status(read), (OpenShiftBuild) build,
                            services.openShiftBackend(), current);
            if (result instanceof BuildResult.InProgress running) {
                services.timers().at(r, running.deadline());
            } else if (result instanceof BuildResult.NotBuilt failed && failed.nextAttempt() != null) {
                services.timers().at(r, failed.nextAttempt());
            } else {
                services.timers().cancel(r);
            }
            return result;
        });
    }

    @Override
    public Future<Void> removeBuild() {
        return services.blocking().run(() -> {
            services.timers().cancel(r);
            for (BuildBackend<?> backend : services.buildBackends()) {
                services.builds().deleteBuild(r, backend);
            }
            return null;
        });
    }

    @Override
    public Future<List<ConnectorPlugin>> workload(KafkaConnectCluster workload) {
        return services.blocking().run(() -> {
            boolean written = false;
            for (HasMetadata object : workload.objects()) {
                written |= services.resources().apply(r, object).written();
            }
            if (written) {
                LOGGER.info("{}: updated the Connect workload (image {})", r, workload.image());
            }
            Deployment deployment = services.resources().get(OwnedKinds.DEPLOYMENTS, r.namespace(),
                    KafkaConnectCluster.deploymentName(r.name()));
            Map<String, String> levels = ConnectLogging.levels(workload.loggingConfiguration());
            if (workload.replicas() == 0 || !services.connectApi().due(r, deployment, levels)) {
                return null;
            }
            // Pods rolled out: their REST API gets the logger levels and reports the plugins (not an error otherwise).
            services.stop().check();
            return services.connectApi().observe(r, KafkaConnectCluster.restApiUrl(r.namespace(), r.name()), deployment, levels)
                    .plugins().orElse(null);
        });
    }

    @Override
    public Future<Void> prune(List<HasMetadata> kept) {
        return services.blocking().run(() -> {
            Set<String> ids = new LinkedHashSet<>();
            kept.forEach(object -> ids.add(OwnedResources.id(object)));
            services.resources().pruneExcept(r, ids);
            return null;
        });
    }

    @Override
    public Future<Void> status(DesiredStatus status) {
        if (ConditionReasons.INVALID_RESOURCE.equals(status.ready().getReason())) {
            LOGGER.warn("{}: invalid resource: {}", r, status.ready().getMessage());
        }
        for (var warning : status.warnings()) {
            LOGGER.warn("{}: {}: {}", r, warning.getReason(), warning.getMessage());
        }
        return services.blocking().run(() -> {
            services.status().write(r, read, status);
            return null;
        });
    }

    @Override
    public Future<Void> finished(BuildResult.Built built) {
        if (built.finishedBuild() == null) {
            return Future.succeededFuture();
        }
        return services.blocking().run(() -> {
            services.stop().check();
            (buildBackend != null ? buildBackend : services.buildBackends().get(0)).cleanUp(r, built.finishedBuild());
            return null;
        });
    }
}
