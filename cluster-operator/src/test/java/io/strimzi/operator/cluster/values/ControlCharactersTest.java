package io.strimzi.operator.cluster.values;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlCharactersTest {
    @ParameterizedTest
    @ValueSource(ints = {0x00, '\t', '\n', '\r', 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f, 0x2028, 0x2029})
    void controlCharacters(int c) {
        assertTrue(ControlCharacters.is(c));
        assertEquals(2, ControlCharacters.indexIn("ab" + (char) c + "c"));
        assertTrue(ControlCharacters.contains((char) c + ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {' ', '~', 'a', 0xa0, 0xe9, 0x200b, 0x202e, 0xfeff})
    void printableOrFormatCharacters(int c) {
        assertFalse(ControlCharacters.is(c));
        assertFalse(ControlCharacters.contains("x" + (char) c));
        assertEquals(-1, ControlCharacters.indexIn("x" + (char) c));
    }

    @Test
    void describeQuotesShortensAndEscapes() {
        assertEquals("'a\\u000ab\\u2028'", ControlCharacters.describe("a\nb\u2028"));
        assertEquals("'" + "x".repeat(100) + "...'", ControlCharacters.describe("x".repeat(101)));
        assertEquals("''", ControlCharacters.describe(""));
    }
}
