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
            if (value.contains(";") || value.contains("/") || ControlCharacters.contains(value)) {
                throw new InvalidResourceException(path + (hasCertificate ? ".certificate" : ".pattern")
                        + " must be a file name without '/', ';' or control characters");
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

    /** `secret/certificate;secret/pattern;…`, or null without trusted certificates. */
    static String env(KafkaConnectSpec spec) {
        if (spec.getTls() == null || spec.getTls().getTrustedCertificates() == null || spec.getTls().getTrustedCertificates().isEmpty()) {
            return null;
        }
        List<String> entries = new ArrayList<>();
        for (CertSecretSource c : spec.getTls().getTrustedCertificates()) {
            entries.add(c.getSecretName() + "/" + (c.getCertificate() != null ? c.getCertificate() : c.getPattern()));
        }
        return String.join(";", entries);
    }
}
