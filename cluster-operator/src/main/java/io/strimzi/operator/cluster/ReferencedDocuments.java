package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.operator.cluster.model.connect.ReferencedResources;

import java.util.ArrayList;
import java.util.List;

/**
 * The documents of a `render` file after the KafkaConnect: the Secrets and ConfigMaps it references, standing for
 * what the operator reads from the cluster (to check keys, expand certificate patterns, copy the logging and metrics
 * configurations and hash them into the pods' annotation). None given: nothing is looked up, as before.
 */
final class ReferencedDocuments {
    private ReferencedDocuments() {
    }

    /** The YAML documents of a file (separated by `---` lines), without empty ones; at least one. */
    static List<String> split(String text) {
        List<String> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.strip().equals("---")) {
                add(documents, current);
                current = new StringBuilder();
            } else {
                current.append(line).append('\n');
            }
        }
        add(documents, current);
        if (documents.isEmpty()) {
            documents.add(text);
        }
        return documents;
    }

    private static void add(List<String> documents, StringBuilder document) {
        boolean content = document.toString().lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#"));
        if (content) {
            documents.add(document.toString());
        }
    }

    /** @throws IllegalArgumentException naming a document that is not a Secret or ConfigMap */
    static ReferencedResources read(List<String> documents, KubernetesSerialization serialization) {
        if (documents.isEmpty()) {
            return ReferencedResources.notRead();
        }
        ReferencedResources.Builder found = ReferencedResources.builder();
        for (int i = 0; i < documents.size(); i++) {
            GenericKubernetesResource resource = serialization.unmarshal(documents.get(i), GenericKubernetesResource.class);
            String kind = resource == null ? null : resource.getKind();
            if ("Secret".equals(kind)) {
                Secret secret = serialization.unmarshal(documents.get(i), Secret.class);
                found.secret(secret.getMetadata().getName(), secret.getData(), secret.getStringData());
            } else if ("ConfigMap".equals(kind)) {
                ConfigMap configMap = serialization.unmarshal(documents.get(i), ConfigMap.class);
                found.configMap(configMap.getMetadata().getName(), configMap.getData());
            } else {
                throw new IllegalArgumentException("document " + (i + 2) + " is a " + kind + "; after the KafkaConnect only "
                        + "the Secrets and ConfigMaps it references may follow");
            }
        }
        return found.build();
    }
}
