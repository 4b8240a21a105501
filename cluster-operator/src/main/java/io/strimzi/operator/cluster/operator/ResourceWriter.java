package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.operator.cluster.values.Sha256;

import java.util.HashMap;
import java.util.Map;

/**
 * Creates or updates an object only when it differs from what was last written. The comparison uses a hash of the
 * desired object kept in an annotation, so that fields the API server fills in (defaults, cluster IPs) never cause a
 * write. Blocking: call from a worker thread.
 */
final class ResourceWriter {
    static final String DESIRED_HASH_ANNOTATION = "strimzi.io/desired-hash";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ResourceWriter() {
    }

    /** The outcome of an apply: what is stored now and whether this call wrote it. */
    record Applied<T>(T resource, boolean written) {
    }

    static <T extends HasMetadata> Applied<T> apply(NonNamespaceOperation<T, ?, ? extends Resource<T>> op, T desired) {
        return apply(op, desired, null);
    }

    /**
     * @param seen the object as read a moment ago in the same reconciliation, or null. It can only show that nothing
     *             needs writing (sparing a GET); a write always starts from a fresh GET, so a stale copy never decides
     *             what is overwritten.
     */
    static <T extends HasMetadata> Applied<T> apply(NonNamespaceOperation<T, ?, ? extends Resource<T>> op, T desired, T seen) {
        String hash = hash(desired);
        Map<String, String> annotations = desired.getMetadata().getAnnotations() != null
                ? new HashMap<>(desired.getMetadata().getAnnotations()) : new HashMap<>();
        annotations.put(DESIRED_HASH_ANNOTATION, hash);
        desired.getMetadata().setAnnotations(annotations);
        if (seen != null && hasHash(seen, hash)) {
            return new Applied<>(seen, false);
        }
        T existing = op.withName(desired.getMetadata().getName()).get();
        if (existing == null) {
            return new Applied<>(op.resource(desired).create(), true);
        }
        if (hasHash(existing, hash)) {
            return new Applied<>(existing, false);
        }
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        if (desired instanceof Service desiredService && existing instanceof Service existingService
                && existingService.getSpec() != null) {
            // The cluster IP is immutable once assigned.
            desiredService.getSpec().setClusterIP(existingService.getSpec().getClusterIP());
            desiredService.getSpec().setClusterIPs(existingService.getSpec().getClusterIPs());
        }
        return new Applied<>(op.resource(desired).update(), true);
    }

    /** Deletes the named object when it exists; returns whether it existed. */
    static <T extends HasMetadata> boolean deleteIfExists(NonNamespaceOperation<T, ?, ? extends Resource<T>> op, String name) {
        Resource<T> resource = op.withName(name);
        if (resource.get() == null) {
            return false;
        }
        resource.delete();
        return true;
    }

    private static boolean hasHash(HasMetadata stored, String hash) {
        Map<String, String> storedAnnotations = stored.getMetadata().getAnnotations();
        return storedAnnotations != null && hash.equals(storedAnnotations.get(DESIRED_HASH_ANNOTATION));
    }

    static String hash(HasMetadata desired) {
        return Sha256.hex(SERIALIZATION.asJson(desired), 32);
    }
}
