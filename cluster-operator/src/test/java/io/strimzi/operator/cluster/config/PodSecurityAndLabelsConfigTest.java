package io.strimzi.operator.cluster.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STRIMZI_POD_SECURITY_PROVIDER_CLASS and STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS, with Strimzi's values. */
class PodSecurityAndLabelsConfigTest {
    private static ClusterOperatorConfig fromEnv(String name, String value) {
        return ClusterOperatorConfig.fromMap(Map.of(name, value), "0.49.0");
    }

    @ParameterizedTest
    @CsvSource({"baseline,BASELINE", "Restricted,RESTRICTED", " restricted ,RESTRICTED",
        "io.strimzi.plugin.security.profiles.impl.BaselinePodSecurityProvider,BASELINE",
        "io.strimzi.plugin.security.profiles.impl.RestrictedPodSecurityProvider,RESTRICTED"})
    void strimzisValuesAndClassNamesSelectTheProfile(String value, PodSecurityProfile expected) {
        assertEquals(expected, fromEnv(ClusterOperatorConfig.STRIMZI_POD_SECURITY_PROVIDER_CLASS, value).podSecurityProfile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"privileged", "com.example.MyProvider"})
    void anotherProviderStopsTheOperator(String value) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> fromEnv(ClusterOperatorConfig.STRIMZI_POD_SECURITY_PROVIDER_CLASS, value));
        assertTrue(e.getMessage().startsWith("Invalid value '" + value + "' of STRIMZI_POD_SECURITY_PROVIDER_CLASS: must be "
                + "baseline, restricted"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a=1,b.example.com/c=two|a,b.example.com/c", " team = x ,|team", "empty=|empty"})
    void customBuildLabelsAreReadInOrder(String value, String keys) {
        Map<String, String> labels = fromEnv(ClusterOperatorConfig.STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS, value).customBuildLabels();
        assertEquals(List.of(keys.split(",")), List.copyOf(labels.keySet()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"novalue|'novalue' is not a valid label", "a b=c|'a b=c' is not a valid label",
        "a=b c|'a=b c' is not a valid label", "strimzi.io/cluster=x|'strimzi.io/cluster' is a label the operator sets itself",
        "app.kubernetes.io/name=x|'app.kubernetes.io/name' is a label the operator sets itself"})
    void invalidCustomBuildLabelsStopTheOperator(String value, String reason) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> fromEnv(ClusterOperatorConfig.STRIMZI_CUSTOM_KAFKA_CONNECT_BUILD_LABELS, value));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
