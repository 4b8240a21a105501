package io.strimzi.operator.cluster.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionComparatorTest {
    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "0.49.0,          0.49.0,  0",
        "0.49.0,          0.52.0,  -1",
        "0.51.9,          0.52.0,  -1",
        // numeric, not lexicographic
        "0.100.0,         0.55.0,  1",
        "0.52.0-SNAPSHOT, 0.52.0,  0",
        "0.52.0-rc1,      0.52.0,  0",
        "1.0.0,           0.55.0,  1",
        "0.55,            0.55.0,  0",
        "0.55.0.1,        0.55.0,  1"})
    void comparesByNumericParts(String left, String right, int expectedSign) {
        assertEquals(expectedSign, Integer.signum(VersionComparator.compare(left, right)));
        assertEquals(-expectedSign, Integer.signum(VersionComparator.compare(right, left)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "latest", "0.x.0", "v0.52.0"})
    void refusesWhatIsNotAVersion(String version) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionComparator.compare(version, "0.52.0"));
        assertTrue(e.getMessage().contains("Not a version: " + version), e.getMessage());
    }

    @Test
    void snapshotImageTagIsLatest() {
        assertEquals("latest", OperatorVersion.imageTag("0.49.0-SNAPSHOT"));
        assertEquals("0.49.0", OperatorVersion.imageTag("0.49.0"));
        assertEquals("0.49.0-SNAPSHOT", OperatorVersion.current(), "the build writes the project version into the jar");
    }
}
