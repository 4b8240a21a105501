package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Secret and ConfigMap a Connect Pod uses, found in the Pod itself (its volumes and its variables' `valueFrom`),
 * so that no way of referencing one is missed; each named by the field it comes from. The operator's own ConfigMap
 * is left out: its hash is the configuration annotation.
 */
final class PodReferences {
    private PodReferences() {
    }

    static List<ReferencedResources.Ref> of(PodSpec pod) {
        Map<String, ReferencedResources.Ref> refs = new LinkedHashMap<>();
        for (Volume volume : pod.getVolumes()) {
            String field = volumeField(volume.getName());
            if (volume.getSecret() != null) {
                add(refs, new ReferencedResources.Ref(ReferencedResources.Kind.SECRET, volume.getSecret().getSecretName(), field,
                        Boolean.TRUE.equals(volume.getSecret().getOptional()), true));
            } else if (volume.getConfigMap() != null && !volume.getName().equals(ConnectPod.CONFIG_VOLUME)) {
                add(refs, new ReferencedResources.Ref(ReferencedResources.Kind.CONFIG_MAP, volume.getConfigMap().getName(), field,
                        Boolean.TRUE.equals(volume.getConfigMap().getOptional()), true));
            }
        }
        List<EnvVar> env = pod.getContainers().get(0).getEnv();
        for (EnvVar variable : env) {
            if (variable.getValueFrom() == null) {
                continue;
            }
            String field = "the variable " + variable.getName();
            var secret = variable.getValueFrom().getSecretKeyRef();
            var configMap = variable.getValueFrom().getConfigMapKeyRef();
            if (secret != null) {
                add(refs, new ReferencedResources.Ref(ReferencedResources.Kind.SECRET, secret.getName(), field,
                        Boolean.TRUE.equals(secret.getOptional()), true));
            } else if (configMap != null) {
                add(refs, new ReferencedResources.Ref(ReferencedResources.Kind.CONFIG_MAP, configMap.getName(), field,
                        Boolean.TRUE.equals(configMap.getOptional()), true));
            }
        }
        return new ArrayList<>(refs.values());
    }

    /** One entry per object; it may be missing only when every reference to it is optional. */
    private static void add(Map<String, ReferencedResources.Ref> refs, ReferencedResources.Ref ref) {
        String key = ref.kind() + "/" + ref.name();
        ReferencedResources.Ref earlier = refs.get(key);
        if (earlier == null) {
            refs.put(key, ref);
        } else if (earlier.optional() && !ref.optional()) {
            refs.put(key, ref);
        }
    }

    private static String volumeField(String volume) {
        if (volume.startsWith(TrustedCertificates.VOLUME_PREFIX)) {
            return ".spec.tls.trustedCertificates";
        }
        if (volume.equals(ConnectSecurity.TLS_AUTH_VOLUME)) {
            return ".spec.authentication.certificateAndKey.secretName";
        }
        if (volume.equals(ConnectSecurity.PASSWORD_VOLUME)) {
            return ".spec.authentication.passwordSecret.secretName";
        }
        if (volume.startsWith(ExternalConfigurationMounts.VOLUME_PREFIX)) {
            return ".spec.externalConfiguration.volumes (" + volume.substring(ExternalConfigurationMounts.VOLUME_PREFIX.length()) + ")";
        }
        return ".spec.template.pod.volumes (" + volume + ")";
    }
}
