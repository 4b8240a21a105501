package io.strimzi.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract of {@code KAFKA_CONNECT_TRUSTED_CERTIFICATES}, which the operator sets on the Connect container for
 * {@code .spec.tls.trustedCertificates} while it mounts each Secret at {@code /opt/kafka/connect-certs/<secret>}:
 * {@code <secret>/<file or glob pattern>} entries joined by {@code ;}. Strimzi's Connect image turns them into a
 * PKCS12 trust store before it starts the worker; this does the same on the host, from the files the test wrote.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /**
     * Writes a PKCS12 trust store with every certificate the entries name, read from {@code certsDir/<secret>/}
     * (the host directory standing for {@code /opt/kafka/connect-certs}). Fails naming an entry that matches no file.
     */
    public static void writePkcs12(String trustedCertificates, Path certsDir, Path trustStore, String password) {
        Map<String, X509Certificate> entries = new LinkedHashMap<>();
        for (String entry : trustedCertificates.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int slash = entry.indexOf('/');
            if (slash <= 0 || slash == entry.length() - 1) {
                throw new IllegalArgumentException("Not a <secret>/<certificate> entry: " + entry);
            }
            String secret = entry.substring(0, slash);
            List<Path> files = matching(certsDir.resolve(secret), entry.substring(slash + 1));
            if (files.isEmpty()) {
                throw new IllegalArgumentException("No file in " + certsDir.resolve(secret) + " matches " + entry);
            }
            for (Path file : files) {
                List<X509Certificate> certificates = Pem.readCertificates(file);
                for (int i = 0; i < certificates.size(); i++) {
                    entries.put(secret + "-" + file.getFileName() + (i == 0 ? "" : "-" + i), certificates.get(i));
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("No trusted certificate in '" + trustedCertificates + "'");
        }
        KeyStores.writePkcs12TrustStore(trustStore, password, entries);
    }

    private static List<Path> matching(Path secretDir, String pattern) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(secretDir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(secretDir, pattern)) {
            stream.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }
}
