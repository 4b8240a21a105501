package io.strimzi.operator.cluster.values;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubernetesNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "kafka", "my-namespace-1", "0", "a-b"})
    void validLabels(String name) {
        assertTrue(KubernetesNames.isDns1123Label(name));
        assertTrue(KubernetesNames.isDns1123Subdomain(name), "every label is a subdomain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "A", "a_b", "a.b", "a b", "a\n", "é"})
    void invalidLabels(String name) {
        assertFalse(KubernetesNames.isDns1123Label(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"push-secret", "other.secret", "a.b-c.d", "x1.y2"})
    void validSubdomains(String name) {
        assertTrue(KubernetesNames.isDns1123Subdomain(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".a", "a.", "a..b", "Bad_Name", "-pull-secret", "my secret", "a.-b", "a\u2028"})
    void invalidSubdomains(String name) {
        assertFalse(KubernetesNames.isDns1123Subdomain(name));
    }

    @Test
    void lengthLimits() {
        assertTrue(KubernetesNames.isDns1123Label("a".repeat(63)));
        assertFalse(KubernetesNames.isDns1123Label("a".repeat(64)));
        String subdomain253 = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
        assertTrue(KubernetesNames.isDns1123Subdomain(subdomain253));
        assertFalse(KubernetesNames.isDns1123Subdomain(subdomain253 + "a"));
        assertFalse(KubernetesNames.isDns1123Label(null));
        assertFalse(KubernetesNames.isDns1123Subdomain(null));
    }
}
