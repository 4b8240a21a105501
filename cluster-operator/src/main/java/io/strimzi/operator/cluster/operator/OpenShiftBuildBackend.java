package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.vertx.core.Future;

/** Builds with a BuildConfig and Builds on OpenShift. */
final class OpenShiftBuildBackend implements BuildBackend {
    private final KubernetesClient client;
    private final Blocking blocking;

    OpenShiftBuildBackend(KubernetesClient client, Blocking blocking) {
        this.client = client;
        this.blocking = blocking;
    }

    @Override
    public Future<ExistingBuild> find(Reconciliation r, BuildPlan plan) {
        return Future.failedFuture(new UnsupportedOperationException("OpenShift builds are not implemented yet"));
    }

    @Override
    public Future<String> start(Reconciliation r, KafkaConnect connect, BuildPlan plan, ExistingBuild stale) {
        return Future.failedFuture(new UnsupportedOperationException("OpenShift builds are not implemented yet"));
    }

    @Override
    public Future<BuildOutcome> await(Reconciliation r, BuildPlan plan, String buildName, long timeoutMs) {
        return Future.failedFuture(new UnsupportedOperationException("OpenShift builds are not implemented yet"));
    }

    @Override
    public Future<Void> cleanUp(Reconciliation r, String buildName) {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> deleteAll(Reconciliation r) {
        return Future.succeededFuture();
    }
}
