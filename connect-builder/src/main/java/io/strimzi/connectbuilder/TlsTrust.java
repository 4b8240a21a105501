package io.strimzi.connectbuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * `--cert-dir` as Buildah reads it: every `*.crt` file holds CA certificates trusted besides the JVM's, and each
 * `NAME.cert` with `NAME.key` (PEM, the key in PKCS#8) is a client certificate. Jib's registry client uses the JVM's
 * default TLS context, so the directories of both phases are combined into that one (their CAs trusted for both).
 */
final class TlsTrust {
    private TlsTrust() {
    }

    /**
     * Makes the JVM's default TLS context trust the JVM's CAs plus those of the directories; nothing when none is given.
     *
     * @throws BuildException when a directory or file cannot be read
     */
    static void install(Collection<Path> certDirs) {
        List<Path> dirs = certDirs.stream().filter(dir -> dir != null).distinct().toList();
        if (dirs.isEmpty()) {
            return;
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int index = 0;
            for (X509Certificate ca : ((X509TrustManager) defaults.getTrustManagers()[0]).getAcceptedIssuers()) {
                trust.setCertificateEntry("jvm-" + index++, ca);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    throw new BuildException("--cert-dir " + dir + " is not a directory in the build container");
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(".crt")) {
                            for (Certificate ca : certificates(file)) {
                                trust.setCertificateEntry("ca-" + index++, ca);
                            }
                        } else if (name.endsWith(".cert")) {
                            Path key = dir.resolve(name.substring(0, name.length() - ".cert".length()) + ".key");
                            if (!Files.exists(key)) {
                                throw new BuildException("--cert-dir " + dir + ": " + name + " has no " + key.getFileName());
                            }
                            keys.setKeyEntry("client-" + index++, privateKey(key), new char[0],
                                    certificates(file).toArray(new Certificate[0]));
                        }
                    }
                }
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            SSLContext.setDefault(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new BuildException("cannot read the certificates of --cert-dir " + dirs + ": " + Messages.of(e), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new BuildException("--cert-dir: " + file + " is not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        List<String> algorithms = new ArrayList<>(List.of("RSA", "EC", "Ed25519"));
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new BuildException("--cert-dir: " + file + " holds no RSA, EC or Ed25519 key");
    }
}
