package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.connect.ExternalConfiguration;
import io.strimzi.api.kafka.model.connect.ExternalConfigurationEnv;
import io.strimzi.api.kafka.model.connect.ExternalConfigurationVolumeSource;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * `.spec.externalConfiguration` (v1beta2, deprecated by Strimzi): variables from Secret or ConfigMap keys, and
 * Secrets or ConfigMaps mounted read-only at /opt/kafka/external-configuration/&lt;name&gt;, as Strimzi mounts them, for
 * connector configurations (with the `strimzifile`, `strimzidir` and `strimzienv` providers).
 */
final class ExternalConfigurationMounts {
    static final String PATH = "/opt/kafka/external-configuration";
    static final String VOLUME_PREFIX = "ext-conf-";
    private static final String FIELD = ".spec.externalConfiguration";
    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    private ExternalConfigurationMounts() {
    }

    /** @throws InvalidResourceException naming the entry: an invalid or reserved name, not exactly one source */
    static List<EnvVar> env(KafkaConnectSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        ExternalConfiguration external = spec.getExternalConfiguration();
        if (external == null || external.getEnv() == null) {
            return env;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < external.getEnv().size(); i++) {
            String field = FIELD + ".env[" + i + "]";
            ExternalConfigurationEnv variable = external.getEnv().get(i);
            String name = variable == null ? null : variable.getName();
            if (name == null || !name.matches(ENV_NAME)) {
                throw new InvalidResourceException(field + ".name must be a valid environment variable name");
            }
            if (name.startsWith("KAFKA_") || name.startsWith("STRIMZI_")) {
                throw new InvalidResourceException(field + ".name " + name + " is reserved (KAFKA_* and STRIMZI_* are the "
                        + "image's and the operator's)");
            }
            if (!names.add(name)) {
                throw new InvalidResourceException(field + ".name " + name + " is set twice");
            }
            var source = variable.getValueFrom();
            if (source == null || (source.getSecretKeyRef() == null) == (source.getConfigMapKeyRef() == null)) {
                throw new InvalidResourceException(field + ".valueFrom must set exactly one of secretKeyRef and configMapKeyRef");
            }
            String refName = source.getSecretKeyRef() != null ? source.getSecretKeyRef().getName() : source.getConfigMapKeyRef().getName();
            String refKey = source.getSecretKeyRef() != null ? source.getSecretKeyRef().getKey() : source.getConfigMapKeyRef().getKey();
            if (!KubernetesNames.isDns1123Subdomain(refName) || refKey == null || refKey.isBlank()) {
                throw new InvalidResourceException(field + ".valueFrom needs the name and key of a Secret or ConfigMap");
            }
            env.add(new EnvVar(name, null, source.getSecretKeyRef() != null
                    ? new EnvVarSourceBuilder().withSecretKeyRef(source.getSecretKeyRef()).build()
                    : new EnvVarSourceBuilder().withConfigMapKeyRef(source.getConfigMapKeyRef()).build()));
        }
        return env;
    }

    /** @throws InvalidResourceException naming the volume: an invalid or repeated name, not exactly one source */
    static List<Volume> volumes(KafkaConnectSpec spec) {
        List<Volume> volumes = new ArrayList<>();
        for (ExternalConfigurationVolumeSource source : sources(spec)) {
            VolumeBuilder volume = new VolumeBuilder().withName(VOLUME_PREFIX + source.getName());
            volumes.add(source.getSecret() != null ? volume.withSecret(source.getSecret()).build()
                    : volume.withConfigMap(source.getConfigMap()).build());
        }
        return volumes;
    }

    static List<VolumeMount> mounts(KafkaConnectSpec spec) {
        List<VolumeMount> mounts = new ArrayList<>();
        for (ExternalConfigurationVolumeSource source : sources(spec)) {
            mounts.add(new VolumeMountBuilder().withName(VOLUME_PREFIX + source.getName()).withMountPath(PATH + "/" + source.getName())
                    .withReadOnly(true).build());
        }
        return mounts;
    }

    private static List<ExternalConfigurationVolumeSource> sources(KafkaConnectSpec spec) {
        ExternalConfiguration external = spec.getExternalConfiguration();
        if (external == null || external.getVolumes() == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        List<ExternalConfigurationVolumeSource> sources = external.getVolumes();
        for (int i = 0; i < sources.size(); i++) {
            String field = FIELD + ".volumes[" + i + "]";
            ExternalConfigurationVolumeSource source = sources.get(i);
            if (source == null || source.getName() == null || !KubernetesNames.isDns1123Label(source.getName())
                    || (VOLUME_PREFIX + source.getName()).length() > 63) {
                throw new InvalidResourceException(field + ".name must be a DNS-1123 label of at most " + (63 - VOLUME_PREFIX.length())
                        + " characters");
            }
            if (!names.add(source.getName())) {
                throw new InvalidResourceException(field + ".name " + source.getName() + " is used twice");
            }
            if ((source.getSecret() == null) == (source.getConfigMap() == null)) {
                throw new InvalidResourceException(field + " must set exactly one of secret and configMap");
            }
            String name = source.getSecret() != null ? source.getSecret().getSecretName() : source.getConfigMap().getName();
            if (!KubernetesNames.isDns1123Subdomain(name)) {
                throw new InvalidResourceException(field + (source.getSecret() != null ? ".secret.secretName" : ".configMap.name")
                        + " must be a valid object name");
            }
        }
        return sources;
    }
}
