package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.common.CertAndKeySecretSource;
import io.strimzi.api.kafka.model.common.PasswordSecretSource;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthentication;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationPlain;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationScramSha256;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationScramSha512;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationTls;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationWithPassword;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ControlCharacters;
import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the workers reach Kafka: `.spec.tls` (TLS, trusting `trustedCertificates`) and `.spec.authentication` (`tls`,
 * `scram-sha-256`, `scram-sha-512`, `plain`), written as Strimzi writes them, for the worker and its `producer.`,
 * `consumer.` and `admin.` clients. Secrets are mounted (certificates under /opt/kafka/connect-certs/&lt;secret&gt;,
 * passwords under /opt/kafka/connect-password/&lt;secret&gt;) and read by the `strimzidir` provider, never copied.
 */
final class ConnectSecurity {
    static final String PASSWORD_PATH = "/opt/kafka/connect-password";
    static final String TLS_AUTH_VOLUME = "tls-auth-cert";
    static final String PASSWORD_VOLUME = "sasl-password";
    static final String USERNAME_ENV = "KAFKA_CONNECT_SASL_USERNAME";
    private static final String FIELD = ".spec.authentication";
    private static final List<String> CLIENT_PREFIXES = List.of("", "producer.", "consumer.", "admin.");

    private ConnectSecurity() {
    }

    /**
     * @throws InvalidResourceException naming the field: an authentication type this operator does not support, a
     *                                  missing Secret name, key or username, `tls` authentication without `.spec.tls`
     */
    static void validate(KafkaConnectSpec spec) {
        KafkaClientAuthentication auth = spec.getAuthentication();
        if (auth == null) {
            return;
        }
        if (auth instanceof KafkaClientAuthenticationTls tls) {
            CertAndKeySecretSource certAndKey = tls.getCertificateAndKey();
            if (certAndKey == null) {
                throw new InvalidResourceException(FIELD + ".certificateAndKey is required for type tls");
            }
            secretName(FIELD + ".certificateAndKey.secretName", certAndKey.getSecretName());
            key(FIELD + ".certificateAndKey.certificate", certAndKey.getCertificate());
            key(FIELD + ".certificateAndKey.key", certAndKey.getKey());
            if (spec.getTls() == null) {
                throw new InvalidResourceException(FIELD + " of type tls needs .spec.tls: a client certificate is only sent "
                        + "over TLS (set .spec.tls, with trustedCertificates unless the JVM's default trust store holds the "
                        + "brokers' CA)");
            }
            return;
        }
        if (auth instanceof KafkaClientAuthenticationWithPassword password && mechanism(auth).isPresent()) {
            String username = password.getUsername();
            if (username == null || username.isBlank() || username.contains("\"") || username.contains("\\")
                    || ControlCharacters.contains(username)) {
                throw new InvalidResourceException(FIELD + ".username is required, without quotes, backslashes or control "
                        + "characters");
            }
            PasswordSecretSource secret = password.getPasswordSecret();
            if (secret == null) {
                throw new InvalidResourceException(FIELD + ".passwordSecret is required for type " + auth.getType());
            }
            secretName(FIELD + ".passwordSecret.secretName", secret.getSecretName());
            key(FIELD + ".passwordSecret.password", secret.getPassword());
            return;
        }
        throw new InvalidResourceException(FIELD + ".type " + auth.getType() + " is not supported by this operator yet (tls, "
                + "scram-sha-256, scram-sha-512 and plain are); remove it or use one of those");
    }

    /**
     * The security settings of the worker and its clients.
     *
     * @throws InvalidResourceException when a Secret the operator has read lacks a key the settings name
     */
    static Map<String, String> config(KafkaConnectSpec spec, ReferencedResources referenced) {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean tls = spec.getTls() != null;
        String trusted = TrustedCertificates.pemReferences(spec, referenced);
        if (trusted != null) {
            settings.put("ssl.truststore.type", "PEM");
            settings.put("ssl.truststore.certificates", trusted);
        }
        KafkaClientAuthentication auth = spec.getAuthentication();
        boolean sasl = false;
        if (auth instanceof KafkaClientAuthenticationTls tlsAuth) {
            CertAndKeySecretSource certAndKey = tlsAuth.getCertificateAndKey();
            requireKeys(referenced, FIELD + ".certificateAndKey", certAndKey.getSecretName(),
                    List.of(certAndKey.getCertificate(), certAndKey.getKey()));
            String dir = TrustedCertificates.PATH + "/" + certAndKey.getSecretName();
            settings.put("ssl.keystore.type", "PEM");
            settings.put("ssl.keystore.certificate.chain", ConfigProviders.file(dir, certAndKey.getCertificate()));
            settings.put("ssl.keystore.key", ConfigProviders.file(dir, certAndKey.getKey()));
        } else if (auth instanceof KafkaClientAuthenticationWithPassword password) {
            PasswordSecretSource secret = password.getPasswordSecret();
            requireKeys(referenced, FIELD + ".passwordSecret", secret.getSecretName(), List.of(secret.getPassword()));
            sasl = true;
            String module = auth instanceof KafkaClientAuthenticationPlain ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            settings.put("sasl.mechanism", mechanism(auth).orElseThrow());
            settings.put("sasl.jaas.config", module + " required username=\"" + ConfigProviders.env(USERNAME_ENV)
                    + "\" password=\"" + ConfigProviders.file(PASSWORD_PATH + "/" + secret.getSecretName(), secret.getPassword()) + "\";");
        }
        settings.put("security.protocol", sasl ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : (tls ? "SSL" : "PLAINTEXT"));
        Map<String, String> all = new LinkedHashMap<>();
        for (String prefix : CLIENT_PREFIXES) {
            settings.forEach((key, value) -> all.put(prefix + key, value));
        }
        return all;
    }

    /** The username variable (the password stays in its mounted Secret). */
    static List<EnvVar> env(KafkaConnectSpec spec) {
        if (spec.getAuthentication() instanceof KafkaClientAuthenticationWithPassword password) {
            return List.of(new EnvVar(USERNAME_ENV, password.getUsername(), null));
        }
        return List.of();
    }

    static List<Volume> volumes(KafkaConnectSpec spec) {
        List<Volume> volumes = new ArrayList<>(TrustedCertificates.volumes(spec));
        KafkaClientAuthentication auth = spec.getAuthentication();
        if (auth instanceof KafkaClientAuthenticationTls tls
                && !TrustedCertificates.secretNames(spec).contains(tls.getCertificateAndKey().getSecretName())) {
            volumes.add(secretVolume(TLS_AUTH_VOLUME, tls.getCertificateAndKey().getSecretName()));
        } else if (auth instanceof KafkaClientAuthenticationWithPassword password) {
            volumes.add(secretVolume(PASSWORD_VOLUME, password.getPasswordSecret().getSecretName()));
        }
        return volumes;
    }

    static List<VolumeMount> mounts(KafkaConnectSpec spec) {
        List<VolumeMount> mounts = new ArrayList<>(TrustedCertificates.mounts(spec));
        KafkaClientAuthentication auth = spec.getAuthentication();
        if (auth instanceof KafkaClientAuthenticationTls tls
                && !TrustedCertificates.secretNames(spec).contains(tls.getCertificateAndKey().getSecretName())) {
            mounts.add(mount(TLS_AUTH_VOLUME, TrustedCertificates.PATH + "/" + tls.getCertificateAndKey().getSecretName()));
        } else if (auth instanceof KafkaClientAuthenticationWithPassword password) {
            mounts.add(mount(PASSWORD_VOLUME, PASSWORD_PATH + "/" + password.getPasswordSecret().getSecretName()));
        }
        return mounts;
    }

    private static Optional<String> mechanism(KafkaClientAuthentication auth) {
        if (auth instanceof KafkaClientAuthenticationScramSha512) {
            return Optional.of("SCRAM-SHA-512");
        }
        if (auth instanceof KafkaClientAuthenticationScramSha256) {
            return Optional.of("SCRAM-SHA-256");
        }
        if (auth instanceof KafkaClientAuthenticationPlain) {
            return Optional.of("PLAIN");
        }
        return Optional.empty();
    }

    private static void requireKeys(ReferencedResources referenced, String field, String secretName, List<String> keys) {
        Optional<Map<String, String>> data = referenced.data(ReferencedResources.Kind.SECRET, secretName);
        if (data.isEmpty()) {
            return;
        }
        List<String> missing = keys.stream().filter(key -> !data.get().containsKey(key)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidResourceException(field + ": Secret " + secretName + " has no key " + String.join(", ", missing)
                    + " (it has " + new java.util.TreeSet<>(data.get().keySet()) + ")");
        }
    }

    private static void secretName(String field, String name) {
        if (!KubernetesNames.isDns1123Subdomain(name)) {
            throw new InvalidResourceException(field + " must be a valid Secret name");
        }
    }

    private static void key(String field, String key) {
        if (key == null || key.isBlank() || key.contains("/") || key.contains(":") || ControlCharacters.contains(key)) {
            throw new InvalidResourceException(field + " must be a key of the Secret (a file name without '/' or ':')");
        }
    }

    private static Volume secretVolume(String name, String secret) {
        return new VolumeBuilder().withName(name).withNewSecret().withSecretName(secret).endSecret().build();
    }

    private static VolumeMount mount(String name, String path) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(true).build();
    }
}
