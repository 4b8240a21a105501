package io.strimzi.operator.cluster.values;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Sha256Test {
    @Test
    void knownDigests() {
        // FIPS 180-2 test vectors.
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
        assertEquals("ba7816bf8f01cfea", Sha256.hex("abc", 16));
        assertEquals(Sha256.hex("abc"), Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void textIsHashedAsUtf8AndNulIsOneZeroByte() {
        assertEquals(Sha256.hex(new byte[] {'a', 0, (byte) 0xc3, (byte) 0xa9}), Sha256.hex("a\0\u00e9"));
    }
}
