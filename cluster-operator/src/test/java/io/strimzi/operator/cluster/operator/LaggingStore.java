package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.strimzi.api.kafka.model.connect.KafkaConnect;

import java.util.List;

/** An informer store that lags behind the API server: it keeps answering with one old copy of a KafkaConnect. */
final class LaggingStore implements Store<KafkaConnect> {
    private final KafkaConnect old;

    LaggingStore(KafkaConnect old) {
        this.old = old;
    }

    @Override
    public List<KafkaConnect> list() {
        return List.of(old);
    }

    @Override
    public List<String> listKeys() {
        return List.of(getKey(old));
    }

    @Override
    public KafkaConnect get(KafkaConnect object) {
        return getByKey(getKey(object));
    }

    @Override
    public KafkaConnect getByKey(String key) {
        return getKey(old).equals(key) ? old : null;
    }

    @Override
    public String getKey(KafkaConnect object) {
        return Cache.metaNamespaceKeyFunc(object);
    }
}
