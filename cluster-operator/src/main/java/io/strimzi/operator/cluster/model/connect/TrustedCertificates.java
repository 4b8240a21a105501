package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.connect.CertSecretSource;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ControlCharacters;
import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `.spec.tls.trustedCertificates`: one volume per Secret, mounted under {@link #PATH}, and the variable naming them. */
final class TrustedCertificates {
    static final String PATH = "/opt/kafka/connect-certs";
    static final String VOLUME_PREFIX = "trusted-certs-";

    private TrustedCertificates() {
    }

    static void validate(KafkaConnectSpec spec) {
        if (spec.getTls() == null || spec.getTls().getTrustedCertificates() == null) {
            return;
        }
        List<CertSecretSource> certs = spec.getTls().getTrustedCertificates();
        for (int i = 0; i < certs.size(); i++) {
            String path = ".spec.tls.trustedCertificates[" + i + "]";
            CertSecretSource c = certs.get(i);
            if (c == null || !KubernetesNames.isDns1123Subdomain(c.getSecretName())) {
                throw new InvalidResourceException(path + ".secretName must be a valid Secret name");
            }
            boolean hasCertificate = c.getCertificate() != null && !c.getCertificate().isBlank();
            boolean hasPattern = c.getPattern() != null && !c.getPattern().isBlank();
            if (hasCertificate == hasPattern) {
                throw new InvalidResourceException(path + " must set exactly one of certificate and pattern");
            }
            String value = hasCertificate ? c.getCertificate() : c.getPattern();
            if (value.contains(";") || value.contains("/") || value.contains(":") || value.contains("}")
                    || ControlCharacters.contains(value)) {
                throw new InvalidResourceException(path + (hasCertificate ? ".certificate" : ".pattern")
                        + " must be a file name without '/', ';', ':', '}' or control characters");
            }
        }
    }

    /** One entry per Secret, even when several certificates come from it. */
    private static List<CertSecretSource> bySecret(KafkaConnectSpec spec) {
        if (spec.getTls() == null || spec.getTls().getTrustedCertificates() == null) {
            return List.of();
        }
        Map<String, CertSecretSource> bySecret = new LinkedHashMap<>();
        for (CertSecretSource c : spec.getTls().getTrustedCertificates()) {
            bySecret.putIfAbsent(c.getSecretName(), c);
        }
        return List.copyOf(bySecret.values());
    }

    static List<Volume> volumes(KafkaConnectSpec spec) {
        List<Volume> volumes = new ArrayList<>();
        List<CertSecretSource> certs = bySecret(spec);
        for (int i = 0; i < certs.size(); i++) {
            volumes.add(new VolumeBuilder().withName(VOLUME_PREFIX + i)
                    .withNewSecret().withSecretName(certs.get(i).getSecretName()).endSecret().build());
        }
        return volumes;
    }

    static List<VolumeMount> mounts(KafkaConnectSpec spec) {
        List<VolumeMount> mounts = new ArrayList<>();
        List<CertSecretSource> certs = bySecret(spec);
        for (int i = 0; i < certs.size(); i++) {
            mounts.add(new VolumeMountBuilder().withName(VOLUME_PREFIX + i)
                    .withMountPath(PATH + "/" + certs.get(i).getSecretName()).withReadOnly(true).build());
        }
        return mounts;
    }

    /**
     * The PEM certificates the workers trust, as config provider references to the mounted Secrets' files joined by
     * newlines (Kafka's PEM trust store reads every certificate of the value), or null without trusted certificates.
     * A `pattern` is matched against the keys of its Secret once the operator has read it; unread (render), it
     * stands unexpanded.
     *
     * @throws InvalidResourceException naming the entry when its Secret has no such key or no key matches
     */
    static String pemReferences(KafkaConnectSpec spec, ReferencedResources referenced) {
        if (spec.getTls() == null || spec.getTls().getTrustedCertificates() == null || spec.getTls().getTrustedCertificates().isEmpty()) {
            return null;
        }
        List<String> references = new ArrayList<>();
        List<CertSecretSource> certs = spec.getTls().getTrustedCertificates();
        for (int i = 0; i < certs.size(); i++) {
            CertSecretSource c = certs.get(i);
            String dir = PATH + "/" + c.getSecretName();
            String field = ".spec.tls.trustedCertificates[" + i + "]";
            java.util.Optional<Map<String, String>> data = referenced.data(ReferencedResources.Kind.SECRET, c.getSecretName());
            if (c.getCertificate() != null && !c.getCertificate().isBlank()) {
                if (data.isPresent() && !data.get().containsKey(c.getCertificate())) {
                    throw new InvalidResourceException(field + ".certificate: Secret " + c.getSecretName() + " has no key "
                            + c.getCertificate() + " (it has " + new java.util.TreeSet<>(data.get().keySet()) + ")");
                }
                references.add(ConfigProviders.file(dir, c.getCertificate()));
                continue;
            }
            if (data.isEmpty()) {
                references.add(ConfigProviders.file(dir, c.getPattern()));
                continue;
            }
            java.nio.file.PathMatcher glob = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + c.getPattern());
            List<String> keys = data.get().keySet().stream().sorted()
                    .filter(key -> glob.matches(java.nio.file.Path.of(key))).toList();
            if (keys.isEmpty()) {
                throw new InvalidResourceException(field + ".pattern '" + c.getPattern() + "' matches no key of Secret "
                        + c.getSecretName() + " (it has " + new java.util.TreeSet<>(data.get().keySet()) + ")");
            }
            keys.forEach(key -> references.add(ConfigProviders.file(dir, key)));
        }
        return String.join("\n", references);
    }

    /** Names of the Secrets mounted under {@link #PATH}. */
    static java.util.Set<String> secretNames(KafkaConnectSpec spec) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        bySecret(spec).forEach(c -> names.add(c.getSecretName()));
        return names;
    }
}
