package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;

/** An informer store that lags behind the API server: it keeps answering with one old copy of a KafkaConnect. */
final class LaggingStore implements Store<GenericKubernetesResource> {
    private final GenericKubernetesResource old;

    LaggingStore(GenericKubernetesResource old) {
        this.old = old;
    }

    @Override
    public List<GenericKubernetesResource> list() {
        return List.of(old);
    }

    @Override
    public List<String> listKeys() {
        return List.of(getKey(old));
    }

    @Override
    public GenericKubernetesResource get(GenericKubernetesResource object) {
        return getByKey(getKey(object));
    }

    @Override
    public GenericKubernetesResource getByKey(String key) {
        return getKey(old).equals(key) ? old : null;
    }

    @Override
    public String getKey(GenericKubernetesResource object) {
        return Cache.metaNamespaceKeyFunc(object);
    }
}
