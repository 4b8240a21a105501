package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strimzi.operator.cluster.model.connectbuild.Platform;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of object the operator writes or watches for its KafkaConnects; {@link OwnedKinds} lists them all.
 *
 * @param kind           the kind, as objects name it (`Deployment`)
 * @param type           the model class (GenericKubernetesResource for the OpenShift kinds)
 * @param generic        for the OpenShift kinds, their API coordinates; null for the model classes
 * @param selector       the labels that select the operator's objects of this kind (its informer sees only those)
 * @param platforms      where the kind exists: the informer of a kind is started only there
 * @param kept           true: the operator keeps each such object as desired (compares, restores, recreates and
 *                       prunes it); false: only watched (build Pods and OpenShift Builds, whose lifecycle the build step
 *                       owns)
 * @param preservedPaths fields an update keeps from the stored object, because the API server owns them
 */
record OwnedKind<T extends HasMetadata>(String kind, Class<T> type, ResourceDefinitionContext generic, Map<String, String> selector,
                                        Set<Platform> platforms, boolean kept, List<String> preservedPaths) {

    /** The operation on every object of this kind (choose a namespace next). */
    @SuppressWarnings("unchecked")
    MixedOperation<T, ? extends KubernetesResourceList<T>, Resource<T>> operation(KubernetesClient client) {
        if (generic != null) {
            return (MixedOperation<T, ? extends KubernetesResourceList<T>, Resource<T>>) (Object) client.genericKubernetesResources(generic);
        }
        return client.resources(type);
    }

    /** Whether a desired object is of this kind. */
    boolean describes(HasMetadata object) {
        if (generic != null) {
            return object instanceof GenericKubernetesResource && kind.equals(object.getKind())
                    && (generic.getGroup() + "/" + generic.getVersion()).equals(object.getApiVersion());
        }
        return type.isInstance(object);
    }

    /** Whether its objects live in a namespace; a cluster-scoped kind (a ClusterRoleBinding) has one cache for all. */
    boolean namespaced() {
        return generic != null ? generic.isNamespaceScoped() : Namespaced.class.isAssignableFrom(type);
    }

    /** The namespace of this kind's object for a KafkaConnect in the given namespace: none when cluster-scoped. */
    String namespaceFor(String connectNamespace) {
        return namespaced() ? connectNamespace : null;
    }

    /** The objects of a namespace; for a cluster-scoped kind, all of them (the namespace is ignored). */
    NonNamespaceOperation<T, ? extends KubernetesResourceList<T>, Resource<T>> objects(KubernetesClient client, String namespace) {
        var operation = operation(client);
        return namespaced() ? operation.inNamespace(namespace) : operation;
    }

    boolean existsOn(Platform platform) {
        return platforms.contains(platform);
    }

    @Override
    public String toString() {
        return kind;
    }
}
