package io.strimzi.operator.cluster.model.template;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.strimzi.api.kafka.model.template.ContainerEnvVar;
import io.strimzi.api.kafka.model.template.ContainerEnvVarSource;
import io.strimzi.api.kafka.model.template.ContainerTemplate;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The container template fields of every container the operator makes: environment variables (a value, or a key of
 * a Secret or ConfigMap) and mounts of the pod template's additional volumes, checked as the API server would.
 */
public final class ContainerTemplates {
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private ContainerTemplates() {
    }

    /**
     * The template's variables, each checked: a valid name and exactly one of `value` and `valueFrom` (none means
     * the empty value, as in Kubernetes).
     *
     * @param path the container template's path, e.g. `.spec.template.connectContainer`
     */
    public static List<EnvVar> env(String path, ContainerTemplate template) {
        List<EnvVar> env = new ArrayList<>();
        if (template == null || template.getEnv() == null) {
            return env;
        }
        List<ContainerEnvVar> variables = template.getEnv();
        for (int i = 0; i < variables.size(); i++) {
            String field = path + ".env[" + i + "]";
            ContainerEnvVar variable = variables.get(i);
            if (variable == null || variable.getName() == null || !ENV_NAME.matcher(variable.getName()).matches()) {
                throw new InvalidResourceException(field + ".name must be a valid environment variable name");
            }
            if (variable.getValue() != null && variable.getValueFrom() != null) {
                throw new InvalidResourceException(field + " must set value or valueFrom, not both");
            }
            env.add(new EnvVar(variable.getName(), variable.getValue(), source(field + ".valueFrom", variable.getValueFrom())));
        }
        return env;
    }

    private static EnvVarSource source(String field, ContainerEnvVarSource source) {
        if (source == null) {
            return null;
        }
        if ((source.getSecretKeyRef() == null) == (source.getConfigMapKeyRef() == null)) {
            throw new InvalidResourceException(field + " must set exactly one of secretKeyRef and configMapKeyRef");
        }
        if (source.getSecretKeyRef() != null) {
            requireKeyReference(field + ".secretKeyRef", source.getSecretKeyRef().getName(), source.getSecretKeyRef().getKey());
            return new EnvVarSourceBuilder().withSecretKeyRef(source.getSecretKeyRef()).build();
        }
        requireKeyReference(field + ".configMapKeyRef", source.getConfigMapKeyRef().getName(), source.getConfigMapKeyRef().getKey());
        return new EnvVarSourceBuilder().withConfigMapKeyRef(source.getConfigMapKeyRef()).build();
    }

    private static void requireKeyReference(String field, String name, String key) {
        if (!KubernetesNames.isDns1123Subdomain(name)) {
            throw new InvalidResourceException(field + ".name " + PodTemplates.describe(name) + " is not a valid object name");
        }
        if (key == null || key.isEmpty()) {
            throw new InvalidResourceException(field + ".key is required");
        }
    }

    /**
     * The template's mounts, each of a volume of the pod template.
     *
     * @param path             the container template's path
     * @param podTemplatePath  the pod template's path, for the message
     * @param volumes          the names of the pod template's additional volumes
     * @param operatorMounts   the mount paths the operator gives this container
     * @throws InvalidResourceException naming the mount when it refers to no such volume, has no absolute path, uses a
     *                                  path already mounted, or a sub-path outside its volume
     */
    public static List<VolumeMount> volumeMounts(String path, ContainerTemplate template, String podTemplatePath,
                                                 Set<String> volumes, Set<String> operatorMounts) {
        List<VolumeMount> mounts = new ArrayList<>();
        if (template == null || template.getVolumeMounts() == null) {
            return mounts;
        }
        Map<String, Integer> paths = new HashMap<>();
        List<VolumeMount> given = template.getVolumeMounts();
        for (int i = 0; i < given.size(); i++) {
            String field = path + ".volumeMounts[" + i + "]";
            VolumeMount mount = given.get(i);
            if (mount == null) {
                throw new InvalidResourceException(field + " must not be empty");
            }
            if (mount.getName() == null || !volumes.contains(mount.getName())) {
                throw new InvalidResourceException(field + ".name " + PodTemplates.describe(mount.getName())
                        + " is not a volume of " + podTemplatePath + ".volumes"
                        + (volumes.isEmpty() ? " (it has none)" : " (" + String.join(", ", volumes) + ")"));
            }
            String mountPath = mount.getMountPath();
            if (mountPath == null || !mountPath.startsWith("/")) {
                throw new InvalidResourceException(field + ".mountPath " + PodTemplates.describe(mountPath)
                        + " must be an absolute path");
            }
            String normalized = mountPath.length() > 1 && mountPath.endsWith("/")
                    ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
            if (operatorMounts.contains(normalized)) {
                throw new InvalidResourceException(field + ".mountPath '" + mountPath + "' is where the operator mounts "
                        + "one of its own volumes; choose another path");
            }
            Integer earlier = paths.putIfAbsent(normalized, i);
            if (earlier != null) {
                throw new InvalidResourceException(field + ".mountPath '" + mountPath + "' is already the path of "
                        + path + ".volumeMounts[" + earlier + "]");
            }
            String subPath = mount.getSubPath();
            if (subPath != null && (subPath.startsWith("/") || List.of(subPath.split("/")).contains(".."))) {
                throw new InvalidResourceException(field + ".subPath '" + subPath + "' must be a relative path without '..'");
            }
            mounts.add(mount);
        }
        return mounts;
    }
}
