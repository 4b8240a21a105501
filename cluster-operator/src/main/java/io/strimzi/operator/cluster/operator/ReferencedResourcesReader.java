package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.operator.cluster.model.connect.ReferencedResources;

import java.util.List;

/**
 * Reads the Secrets and ConfigMaps a KafkaConnect's pods reference ({@code KafkaConnectCluster.references}), for the
 * model to check, copy and hash. One GET per object; blocking: call from a worker thread.
 */
final class ReferencedResourcesReader {
    private ReferencedResourcesReader() {
    }

    static ReferencedResources read(KubernetesClient client, String namespace, List<ReferencedResources.Ref> refs) {
        ReferencedResources.Builder found = ReferencedResources.builder();
        for (ReferencedResources.Ref ref : refs) {
            if (ref.kind() == ReferencedResources.Kind.SECRET) {
                Secret secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
                if (secret != null) {
                    found.secret(ref.name(), secret.getData(), secret.getStringData());
                }
            } else {
                ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(ref.name()).get();
                if (configMap != null) {
                    found.configMap(ref.name(), configMap.getData());
                }
            }
        }
        return found.build();
    }
}
