package io.strimzi.localkafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The certificates and stores the scenarios use, checked with the JDK's own PKIX validation and key stores. */
class CertificatesTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("test-ca");

    @Test
    void aCertificateValidatesAgainstItsCaAndNotAgainstAnother() throws Exception {
        KeyAndCertificate server = CA.issueServer("broker", List.of("127.0.0.1"), List.of("localhost"));
        validate(server.certificate(), CA.certificate());
        assertThrows(CertPathValidatorException.class,
                () -> validate(server.certificate(), CertificateAuthority.create("other").certificate()));
        assertTrue(server.certificate().getSubjectAlternativeNames().stream().anyMatch(san -> san.get(1).equals("127.0.0.1")));
    }

    @Test
    void aTlsUserSecretHoldsStrimzisKeysInPemAndPkcs12(@TempDir Path dir) throws Exception {
        KeyAndCertificate user = CA.issueClient("my-user");
        SecretFiles.writeTlsUser(dir, user);
        try (var files = Files.list(dir)) {
            assertEquals(Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
        }
        assertEquals(List.of(user.certificate()), Pem.readCertificates(dir.resolve("user.crt")));
        assertEquals(List.of(CA.certificate()), Pem.readCertificates(dir.resolve("ca.crt")));
        assertTrue(Files.readString(dir.resolve("user.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        KeyStore p12 = load(dir.resolve("user.p12"), Files.readString(dir.resolve("user.password")));
        assertEquals(user.privateKey(), p12.getKey("user", Files.readString(dir.resolve("user.password")).toCharArray()));
        assertEquals(2, p12.getCertificateChain("user").length);
    }

    @Test
    void trustedCertificatesEntriesBecomeOneTrustStoreEntryPerCertificate(@TempDir Path certs) throws Exception {
        SecretFiles.writeClusterCaCert(certs.resolve("cluster-ca"), CA);
        CertificateAuthority other = CertificateAuthority.create("other");
        SecretFiles.write(certs.resolve("bundle"), java.util.Map.of(
                "a.crt", other.certificatePem().getBytes(), "b.crt", CA.certificatePem().getBytes(), "c.txt", "x".getBytes()));
        Path store = certs.resolve("out/truststore.p12");

        TrustedCertificates.writePkcs12("cluster-ca/ca.crt;bundle/*.crt", certs, store, "secret");

        KeyStore trust = load(store, "secret");
        assertEquals(List.of("bundle-a.crt", "bundle-b.crt", "cluster-ca-ca.crt"), Collections.list(trust.aliases()).stream().sorted().toList());
        assertEquals(other.certificate(), trust.getCertificate("bundle-a.crt"));
        assertThrows(IllegalArgumentException.class,
                () -> TrustedCertificates.writePkcs12("cluster-ca/missing.crt", certs, store, "secret"));
    }

    private static void validate(X509Certificate leaf, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
