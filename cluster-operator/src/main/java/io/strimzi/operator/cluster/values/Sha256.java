package io.strimzi.operator.cluster.values;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 helper: lower-case hex digests of text or bytes. Used for the build revision, the plugin artifacts'
 * directory names, the Connect configuration hash and the desired-object hash of the operator.
 */
public final class Sha256 {
    private Sha256() {
    }

    /** Hex SHA-256 of the text's UTF-8 bytes (64 digits). */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256 of the bytes (64 digits). */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The first `length` hex digits of {@link #hex(String)}. */
    public static String hex(String text, int length) {
        return hex(text).substring(0, length);
    }
}
