package io.strimzi.operator.cluster.values;

/**
 * The one rule for control characters in user and configuration values: C0 and C1 control characters (which include
 * line feed, carriage return, tab, NUL and DEL) and the Unicode line and paragraph separators U+2028 and U+2029. None
 * of them belongs in a name, URL, option or image; each could end a line in a generated file or a log.
 */
public final class ControlCharacters {
    /** How much of a value an error message quotes. */
    private static final int DESCRIBED_LENGTH = 100;

    private ControlCharacters() {
    }

    /** Whether the character (or code point) is a control character. */
    public static boolean is(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /** Index of the first control character in the value, or -1. */
    public static int indexIn(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (is(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public static boolean contains(String value) {
        return indexIn(value) >= 0;
    }

    /** A value for an error message: single-quoted, shortened, with control characters shown as `\\uXXXX`. */
    public static String describe(String value) {
        StringBuilder sb = new StringBuilder("'");
        int limit = Math.min(value.length(), DESCRIBED_LENGTH);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (is(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(value.length() > limit ? "...'" : "'").toString();
    }
}
