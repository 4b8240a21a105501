package io.strimzi.connectbuilder;

import java.util.Comparator;

/**
 * The order of the layer's entries: by path, one component at a time, so that a directory comes right before what is
 * in it (`a`, `a/b`, `a-c`), as a directory walk in name order gives it. Names compare by their UTF-8 bytes.
 */
final class LayerOrder {
    static final Comparator<String> PATHS = LayerOrder::compare;

    private LayerOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (x != y) {
                // A separator sorts before any name character: the shorter component comes first.
                if (x == '/') {
                    return -1;
                }
                if (y == '/') {
                    return 1;
                }
                return compareCodePoints(a, i, b, j);
            }
            i++;
            j++;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Unicode code point order is UTF-8 byte order; surrogate pairs need care with char comparison. */
    private static int compareCodePoints(String a, int i, String b, int j) {
        return Integer.compare(a.codePointAt(i), b.codePointAt(j));
    }
}
