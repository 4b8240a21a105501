package io.strimzi.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/** PKCS12 key and trust stores, as Kafka's {@code ssl.keystore.type=PKCS12} / {@code ssl.truststore.type} read them. */
public final class KeyStores {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private KeyStores() {
    }

    /** A random password of 24 letters and digits (store passwords, SCRAM passwords). */
    public static String randomPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sb.append(PASSWORD_CHARACTERS.charAt(RANDOM.nextInt(PASSWORD_CHARACTERS.length())));
        }
        return sb.toString();
    }

    /** A key store with one key entry and its chain (leaf first). */
    public static void writePkcs12KeyStore(Path file, String password, String alias, PrivateKey key,
                                           List<X509Certificate> chain) {
        KeyStore store = emptyPkcs12();
        try {
            store.setKeyEntry(alias, key, password.toCharArray(), chain.toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        write(store, file, password);
    }

    /** A trust store with one trusted certificate entry per alias. */
    public static void writePkcs12TrustStore(Path file, String password, Map<String, X509Certificate> certificates) {
        KeyStore store = emptyPkcs12();
        try {
            for (Map.Entry<String, X509Certificate> e : certificates.entrySet()) {
                store.setCertificateEntry(e.getKey(), e.getValue());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        write(store, file, password);
    }

    private static KeyStore emptyPkcs12() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(KeyStore store, Path file, String password) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
