package io.strimzi.localkafka;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key with its certificate and the certificate of the CA that signed it. */
public record KeyAndCertificate(PrivateKey privateKey, X509Certificate certificate, X509Certificate caCertificate) {

    /** The certificate in PEM, as in a Strimzi {@code user.crt}. */
    public String certificatePem() {
        return Pem.certificates(List.of(certificate));
    }

    /** The key in unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), as in a Strimzi {@code user.key}. */
    public String privateKeyPem() {
        return Pem.privateKey(privateKey);
    }

    /** A PKCS12 key store holding the key and the chain (certificate, then CA), as in a Strimzi {@code user.p12}. */
    public void writePkcs12(Path file, String password) {
        KeyStores.writePkcs12KeyStore(file, password, "user", privateKey, List.of(certificate, caCertificate));
    }
}
