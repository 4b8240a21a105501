package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a kubelet does with a container's environment before it starts it: each `valueFrom` (a Secret's or ConfigMap's
 * key, the Pod's name or namespace) becomes the value, and `$(NAME)` in the command and arguments becomes the value of
 * the variable NAME defined before (`$$` stays a literal `$`, an undefined reference stays as it is), as Kubernetes
 * documents. A Secret or ConfigMap that does not exist yet keeps the container waiting, as a kubelet's
 * CreateContainerConfigError does.
 */
final class ContainerEnv {
    private ContainerEnv() {
    }

    /** The container with every variable a plain value and its command and arguments expanded. */
    static Container resolve(KubernetesClient client, Pod pod, Container container) throws PodVolumes.MissingSourceException {
        Map<String, String> values = new LinkedHashMap<>();
        List<EnvVar> env = new ArrayList<>();
        if (container.getEnv() != null) {
            for (EnvVar variable : container.getEnv()) {
                String value = variable.getValueFrom() != null ? valueFrom(client, pod, variable.getName(), variable.getValueFrom())
                        : expand(variable.getValue() == null ? "" : variable.getValue(), values);
                values.put(variable.getName(), value);
                env.add(new EnvVar(variable.getName(), value, null));
            }
        }
        return new ContainerBuilder(container)
                .withEnv(env)
                .withCommand(expandAll(container.getCommand(), values))
                .withArgs(expandAll(container.getArgs(), values))
                .build();
    }

    private static String valueFrom(KubernetesClient client, Pod pod, String name, EnvVarSource source)
            throws PodVolumes.MissingSourceException {
        String namespace = pod.getMetadata().getNamespace();
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
            String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(ref.getKey());
            if (encoded != null) {
                return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            }
            String plain = secret == null || secret.getStringData() == null ? null : secret.getStringData().get(ref.getKey());
            return present(plain, Boolean.TRUE.equals(ref.getOptional()), "secret \"" + ref.getName() + "\"", ref.getKey(), name);
        }
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
            String value = configMap == null || configMap.getData() == null ? null : configMap.getData().get(ref.getKey());
            return present(value, Boolean.TRUE.equals(ref.getOptional()), "configmap \"" + ref.getName() + "\"", ref.getKey(), name);
        }
        if (source.getFieldRef() != null) {
            return switch (source.getFieldRef().getFieldPath()) {
                case "metadata.name" -> pod.getMetadata().getName();
                case "metadata.namespace" -> namespace;
                default -> throw new UnsupportedOperationException("the fake kubelet does not support fieldRef "
                        + source.getFieldRef().getFieldPath() + " (env " + name + ")");
            };
        }
        throw new UnsupportedOperationException("the fake kubelet supports secretKeyRef, configMapKeyRef and fieldRef, not "
                + source + " (env " + name + ")");
    }

    private static String present(String value, boolean optional, String source, String key, String name)
            throws PodVolumes.MissingSourceException {
        if (value != null) {
            return value;
        }
        if (optional) {
            return "";
        }
        throw new PodVolumes.MissingSourceException("couldn't find key " + key + " in " + source + " for env " + name);
    }

    private static List<String> expandAll(List<String> parts, Map<String, String> values) {
        if (parts == null) {
            return null;
        }
        return parts.stream().map(part -> expand(part, values)).toList();
    }

    /** Kubernetes' `$(NAME)` expansion. */
    static String expand(String text, Map<String, String> values) {
        StringBuilder result = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                result.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                int end = text.indexOf(')', i + 2);
                String name = end < 0 ? null : text.substring(i + 2, end);
                if (name != null && values.containsKey(name)) {
                    result.append(values.get(name));
                    i = end + 1;
                } else {
                    result.append(c);
                    i++;
                }
            } else {
                result.append(c);
                i++;
            }
        }
        return result.toString();
    }
}
