package io.strimzi.localkafka;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathMappingTest {
    private final PathMapping mapping = new PathMapping(Map.of(
            "/opt/kafka", Path.of("/host/root"),
            "/opt/kafka/plugins", Path.of("/host/plugins"),
            "/tmp", Path.of("/host/tmp")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // a whole path or a path's start, the longest mount first
        "/opt/kafka/plugins | /host/plugins",
        "/opt/kafka/plugins/a/b.jar | /host/plugins/a/b.jar",
        "/opt/kafka/custom-config/x | /host/root/custom-config/x",
        "/tmp/kafka/cluster.truststore.p12 | /host/tmp/kafka/cluster.truststore.p12",
        // every path of a value
        "/opt/kafka/plugins,/opt/kafka/libs | /host/plugins,/host/root/libs",
        "${dir:/opt/kafka/connect-password/u:password} | ${dir:/host/root/connect-password/u:password}",
        "file:/tmp/x | file:/host/tmp/x",
        // longer names and paths elsewhere stay
        "/opt/kafkaesque | /opt/kafkaesque",
        "/tmpfiles/x | /tmpfiles/x",
        "/var/tmp/x | /var/tmp/x",
        "my/tmp | my/tmp",
        "no paths here | no paths here",
    })
    void rewritesMountedPathsOnly(String value, String expected) {
        assertEquals(expected, mapping.rewrite(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"opt/kafka", "/opt/kafka/", "/", "/opt/../etc", "/opt//kafka"})
    void refusesContainerPathsThatAreNotAbsoluteAndNormalised(String containerPath) {
        assertThrows(IllegalArgumentException.class, () -> new PathMapping(Map.of(containerPath, Path.of("/x"))));
    }
}
