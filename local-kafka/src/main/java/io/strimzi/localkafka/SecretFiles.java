package io.strimzi.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a directory as the kubelet mounts a Secret (one file per key), with the keys Strimzi's Secrets hold, so a
 * test can map a container mount path (such as {@code /opt/kafka/connect-certs/<secret>}) to it.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    /** One file per key, the value as its content. Returns {@code dir}. */
    public static Path write(Path dir, Map<String, byte[]> data) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : data.entrySet()) {
                if (e.getKey().contains("/") || e.getKey().startsWith(".")) {
                    throw new IllegalArgumentException("Not a Secret key: " + e.getKey());
                }
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cluster CA certificate Secret ({@code <cluster>-cluster-ca-cert}): {@code ca.crt}, {@code ca.p12}, {@code ca.password}. */
    public static Path writeClusterCaCert(Path dir, CertificateAuthority ca) {
        String password = KeyStores.randomPassword();
        KeyStores.writePkcs12TrustStore(dir.resolve("ca.p12"), password, Map.of("ca.crt", ca.certificate()));
        return write(dir, Map.of("ca.crt", utf8(ca.certificatePem()), "ca.password", utf8(password)));
    }

    /**
     * A TLS user's Secret as Strimzi's User Operator writes it: {@code ca.crt} (the clients CA), {@code user.crt},
     * {@code user.key} (PKCS#8 PEM), {@code user.p12} and {@code user.password}.
     */
    public static Path writeTlsUser(Path dir, KeyAndCertificate user) {
        String password = KeyStores.randomPassword();
        user.writePkcs12(dir.resolve("user.p12"), password);
        Map<String, byte[]> data = new TreeMap<>();
        data.put("ca.crt", utf8(Pem.certificates(List.of(user.caCertificate()))));
        data.put("user.crt", utf8(user.certificatePem()));
        data.put("user.key", utf8(user.privateKeyPem()));
        data.put("user.password", utf8(password));
        return write(dir, data);
    }

    /** A SCRAM user's password Secret: the password under {@code key} (Strimzi's KafkaUser Secrets use {@code password}). */
    public static Path writePassword(Path dir, String key, String password) {
        return write(dir, Map.of(key, utf8(password)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
