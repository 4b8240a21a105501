package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.BuildStatus;
import io.strimzi.api.kafka.model.connect.KafkaConnectStatus;
import io.strimzi.operator.cluster.model.KafkaConnectReader;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static java.net.HttpURLConnection.HTTP_CONFLICT;
import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

/**
 * Writes a KafkaConnect's status when it differs from the stored one; `lastTransitionTime` moves only on a transition.
 * Blocking: call from a worker thread.
 *
 * <p>The stored status comes from the cache, which includes the operator's own last write. When it already is the desired
 * one nothing is sent. Otherwise the write carries the cached resourceVersion; a conflict (someone changed the resource
 * meanwhile) reads it again, compares again and writes again, a few times at most.
 */
final class StatusWriter {
    private static final Logger LOGGER = LogManager.getLogger(StatusWriter.class);
    /** Status writes per call that may meet a conflict (a concurrent change) before the reconciliation fails. */
    private static final int WRITE_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final ClusterCaches caches;
    private final OwnedResources resources;
    private final Clock clock;
    private final StopSignal stop;

    StatusWriter(KubernetesClient client, ClusterCaches caches, OwnedResources resources, Clock clock, StopSignal stop) {
        this.client = client;
        this.caches = caches;
        this.resources = resources;
        this.clock = clock;
        this.stop = stop;
    }

    /**
     * @param read the KafkaConnect as this reconciliation read it: its generation is the one observed
     */
    void write(Reconciliation r, GenericKubernetesResource read, DesiredStatus desired) {
        stop.check();
        Long generation = read.getMetadata().getGeneration();
        // The replicas that exist, as the scale subresource of a Deployment reports them (0 before it has a status).
        Deployment deployment = desired.valid()
                ? resources.get(OwnedKinds.DEPLOYMENTS, r.namespace(), KafkaConnectCluster.deploymentName(r.name())) : null;
        GenericKubernetesResource stored = stored(r, read);
        var connects = client.genericKubernetesResources(KafkaConnectAssemblyOperator.KAFKA_CONNECTS).inNamespace(r.namespace());
        for (int attempt = 1; ; attempt++) {
            if (stored == null) {
                return;
            }
            KafkaConnectStatus status = status(r, generation, KafkaConnectReader.status(stored), desired, deployment);
            if (status == null) {
                return;
            }
            GenericKubernetesResource body = client.getKubernetesSerialization().clone(stored);
            body.setAdditionalProperty("status", client.getKubernetesSerialization().convertValue(status, Map.class));
            try {
                OwnedResources.write(caches.connects(), r.namespace(), r.name(), () -> connects.resource(body).updateStatus());
                Condition ready = desired.ready();
                LOGGER.info("{}: status {}={}{}", r, ready.getType(), ready.getStatus(),
                        ready.getReason() != null ? " (" + ready.getReason() + ")" : "");
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HTTP_NOT_FOUND) {
                    return;
                }
                if (e.getCode() != HTTP_CONFLICT || attempt == WRITE_ATTEMPTS) {
                    throw new KubernetesRequestException("writing the status of KafkaConnect " + r.key(), e);
                }
                LOGGER.debug("{}: the KafkaConnect changed while its status was written; reading it again", r);
                stored = get(r);
            }
        }
    }

    /**
     * After a failed reconciliation: Ready=False with reason ReconciliationFailed and the message, keeping the stored
     * warnings and build status (what failed may be the very request that would have changed them).
     */
    void writeFailure(Reconciliation r, GenericKubernetesResource read, String message) {
        GenericKubernetesResource stored = stored(r, read);
        KafkaConnectStatus current = stored != null ? KafkaConnectReader.status(stored) : null;
        List<Condition> warnings = current == null || current.getConditions() == null ? List.of()
                : current.getConditions().stream().filter(c -> !StatusConditions.READY.equals(c.getType())).toList();
        write(r, read, DesiredStatus.notReady(ConditionReasons.RECONCILIATION_FAILED, message, warnings,
                current != null ? current.getBuild() : null));
    }

    /** The stored resource from the cache (with the operator's own last write), or the one read when not cached. */
    private GenericKubernetesResource stored(Reconciliation r, GenericKubernetesResource read) {
        ResourceCache<GenericKubernetesResource> cache = caches.connects();
        if (cache.covers(r.namespace())) {
            return cache.get(r.namespace(), r.name());
        }
        return read;
    }

    private GenericKubernetesResource get(Reconciliation r) {
        try {
            return client.genericKubernetesResources(KafkaConnectAssemblyOperator.KAFKA_CONNECTS).inNamespace(r.namespace())
                    .withName(r.name()).get();
        } catch (KubernetesClientException e) {
            throw new KubernetesRequestException("reading KafkaConnect " + r.key(), e);
        }
    }

    /** The status to write over `current` (the stored one), or null when that one already is it. */
    private KafkaConnectStatus status(Reconciliation r, Long generation, KafkaConnectStatus current, DesiredStatus desired,
                                      Deployment deployment) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(desired.ready());
        conditions.addAll(desired.warnings());
        KafkaConnectStatus status = new KafkaConnectStatus();
        status.setConditions(StatusConditions.withTransitionTimes(conditions, current != null ? current.getConditions() : null,
                clock.instant()));
        status.setObservedGeneration(generation);
        if (desired.valid()) {
            status.setUrl(KafkaConnectCluster.restApiUrl(r.namespace(), r.name()));
            status.setReplicas(deployment != null && deployment.getStatus() != null
                    && deployment.getStatus().getReplicas() != null ? deployment.getStatus().getReplicas() : 0);
            status.setLabelSelector(KafkaConnectCluster.labelSelector(r.name()));
            // What the REST API last reported, until it answers again.
            status.setConnectorPlugins(desired.plugins() != null ? desired.plugins()
                    : current != null ? current.getConnectorPlugins() : null);
        }
        status.setBuild(carriedBuildStatus(desired.build(), current != null ? current.getBuild() : null));
        return Objects.equals(status, current) ? null : status;
    }

    /**
     * A succeeded build's status as stored (with its Pod, start and finish times) when it describes the same image:
     * a later reconciliation only knows the revision and the image (from the Deployment), and must not replace the stored
     * details with less.
     */
    static BuildStatus carriedBuildStatus(BuildStatus desired, BuildStatus stored) {
        if (BuildPhase.SUCCEEDED.of(desired) && BuildPhase.SUCCEEDED.of(stored)
                && Objects.equals(desired.getRevision(), stored.getRevision()) && Objects.equals(desired.getImage(), stored.getImage())) {
            return stored;
        }
        return desired;
    }
}
