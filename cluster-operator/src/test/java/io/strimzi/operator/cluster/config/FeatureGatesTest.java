package io.strimzi.operator.cluster.config;

import io.strimzi.operator.cluster.config.FeatureGate.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.strimzi.operator.cluster.config.FeatureGate.USE_CONNECT_BUILD_WITH_BUILDAH;
import static io.strimzi.operator.cluster.config.FeatureGate.USE_CONNECT_BUILD_WITH_LAYER_APPEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureGatesTest {
    private static final String ALPHA = "0.49.0";
    private static final String GATE = "UseConnectBuildWithBuildah";
    private static final String LAYER_GATE = "UseConnectBuildWithLayerAppend";

    /** The schedule of UseConnectBuildWithBuildah: alpha from 0.49.0, beta from 0.52.0, GA from 0.55.0. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "0.49.0,          ALPHA, false",
        "0.49.0-SNAPSHOT, ALPHA, false",
        "0.51.9,          ALPHA, false",
        // a snapshot already has the defaults of the release it leads to
        "0.52.0-SNAPSHOT, BETA,  true",
        "0.52.0,          BETA,  true",
        "0.54.0,          BETA,  true",
        "0.55.0,          GA,    true",
        "1.0.0,           GA,    true"})
    void stageAndDefaultFollowTheOperatorVersion(String operatorVersion, Stage stage, boolean enabledByDefault) {
        assertEquals(stage, USE_CONNECT_BUILD_WITH_BUILDAH.stage(operatorVersion));
        assertEquals(enabledByDefault, FeatureGates.defaults(operatorVersion).useConnectBuildWithBuildah());
        assertEquals(enabledByDefault, FeatureGates.parse(null, operatorVersion).useConnectBuildWithBuildah());
        assertEquals(enabledByDefault, FeatureGates.parse("", operatorVersion).useConnectBuildWithBuildah());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.49.0", "0.51.9", "0.52.0-SNAPSHOT", "0.52.0", "0.54.0"})
    void beforeGaTheGateCanBeSetEitherWay(String operatorVersion) {
        assertTrue(FeatureGates.parse("+" + GATE, operatorVersion).useConnectBuildWithBuildah());
        assertFalse(FeatureGates.parse("-" + GATE, operatorVersion).useConnectBuildWithBuildah());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.55.0", "0.55.0-SNAPSHOT", "1.0.0"})
    void atGaEnablingIsAcceptedAndDisablingIsAnError(String operatorVersion) {
        assertTrue(FeatureGates.parse("+" + GATE, operatorVersion).useConnectBuildWithBuildah());

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> FeatureGates.parse("-" + GATE, operatorVersion));
        assertEquals("Invalid value '-UseConnectBuildWithBuildah' of STRIMZI_FEATURE_GATES: feature gate "
                + "'UseConnectBuildWithBuildah' is GA since 0.55.0 and can no longer be disabled", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {" +UseConnectBuildWithBuildah ", "\t+UseConnectBuildWithBuildah\n", "  +UseConnectBuildWithBuildah"})
    void surroundingWhitespaceIsTolerated(String value) {
        assertTrue(FeatureGates.parse(value, ALPHA).useConnectBuildWithBuildah());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void emptyMeansDefaults(String value) {
        assertFalse(FeatureGates.parse(value, ALPHA).useConnectBuildWithBuildah());
        assertEquals("UseConnectBuildWithBuildah: disabled (ALPHA, default); UseConnectBuildWithLayerAppend: disabled (ALPHA, default)", FeatureGates.parse(value, ALPHA).describe());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "UseConnectBuildWithBuildah       | entry 'UseConnectBuildWithBuildah' must be +Name or -Name",
        "+                                | entry '+' must be +Name or -Name",
        "-                                | entry '-' must be +Name or -Name",
        "*UseConnectBuildWithBuildah      | entry '*UseConnectBuildWithBuildah' must be +Name or -Name",
        "+UseConnectBuildWithBuildah,     | entry '' must be +Name or -Name",
        ",+UseConnectBuildWithBuildah     | entry '' must be +Name or -Name",
        "+UseConnectBuildWithBuildah;-X   | entry '+UseConnectBuildWithBuildah;-X' must be +Name or -Name",
        "+ UseConnectBuildWithBuildah     | entry '+ UseConnectBuildWithBuildah' must be +Name or -Name",
        "+-UseConnectBuildWithBuildah     | entry '+-UseConnectBuildWithBuildah' must be +Name or -Name",
        "+useconnectbuildwithbuildah      | unknown feature gate 'useconnectbuildwithbuildah' (known: UseConnectBuildWithBuildah, UseConnectBuildWithLayerAppend)",
        "+UseKRaft                        | unknown feature gate 'UseKRaft' (known: UseConnectBuildWithBuildah, UseConnectBuildWithLayerAppend)",
        "+UseConnectBuildWithBuildah,+UseConnectBuildWithBuildah | feature gate 'UseConnectBuildWithBuildah' is named more than once",
        "+UseConnectBuildWithBuildah, -UseConnectBuildWithBuildah | feature gate 'UseConnectBuildWithBuildah' is named more than once"})
    void malformedUnknownOrRepeatedGateIsAnError(String value, String reason) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> FeatureGates.parse(value, ALPHA));
        assertEquals("Invalid value '" + value + "' of STRIMZI_FEATURE_GATES: " + reason, e.getMessage());
    }

    @Test
    void describeGivesEveryGateWithStateStageAndOrigin() {
        assertEquals("UseConnectBuildWithBuildah: enabled (ALPHA, set); UseConnectBuildWithLayerAppend: disabled (ALPHA, default)", FeatureGates.parse("+" + GATE, ALPHA).describe());
        assertEquals("UseConnectBuildWithBuildah: enabled (BETA, default); UseConnectBuildWithLayerAppend: disabled (ALPHA, default)", FeatureGates.defaults("0.52.0").describe());
        assertEquals("UseConnectBuildWithBuildah: disabled (BETA, set); UseConnectBuildWithLayerAppend: disabled (ALPHA, default)", FeatureGates.parse("-" + GATE, "0.52.0").describe());
        assertEquals("UseConnectBuildWithBuildah: enabled (GA, default); UseConnectBuildWithLayerAppend: enabled (BETA, default)",
                FeatureGates.defaults("0.55.0").describe());
        assertEquals("UseConnectBuildWithBuildah: disabled (ALPHA, default); UseConnectBuildWithLayerAppend: enabled (ALPHA, set)",
                FeatureGates.parse("+" + LAYER_GATE, ALPHA).describe());
    }

    @Test
    void effectiveValueIsWrittenLikeTheVariable() {
        assertEquals("-UseConnectBuildWithBuildah,-UseConnectBuildWithLayerAppend", FeatureGates.defaults(ALPHA).effectiveValue());
        assertEquals("+UseConnectBuildWithBuildah,-UseConnectBuildWithLayerAppend", FeatureGates.parse("+" + GATE, ALPHA).toString());
        // the effective value parses back to the same state
        FeatureGates beta = FeatureGates.parse("-" + GATE, "0.52.0");
        assertFalse(FeatureGates.parse(beta.effectiveValue(), "0.52.0").useConnectBuildWithBuildah());
    }

    @Test
    void scheduleIsData() {
        assertEquals(GATE, USE_CONNECT_BUILD_WITH_BUILDAH.gateName());
        assertEquals("0.52.0", USE_CONNECT_BUILD_WITH_BUILDAH.betaVersion());
        assertEquals("0.55.0", USE_CONNECT_BUILD_WITH_BUILDAH.gaVersion());
    }

    /** The schedule of UseConnectBuildWithLayerAppend: alpha from 0.49.0, beta from 0.53.0, GA from 0.56.0. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "0.49.0,          ALPHA, false",
        "0.52.0,          ALPHA, false",
        "0.53.0-SNAPSHOT, BETA,  true",
        "0.55.0,          BETA,  true",
        "0.56.0,          GA,    true"})
    void theLayerGateHasASchedule(String operatorVersion, Stage stage, boolean enabledByDefault) {
        assertEquals(LAYER_GATE, USE_CONNECT_BUILD_WITH_LAYER_APPEND.gateName());
        assertEquals(stage, USE_CONNECT_BUILD_WITH_LAYER_APPEND.stage(operatorVersion));
        assertEquals(enabledByDefault, FeatureGates.defaults(operatorVersion).useConnectBuildWithLayerAppend());
        assertTrue(FeatureGates.parse("+" + LAYER_GATE, ALPHA).useConnectBuildWithLayerAppend());
        assertFalse(FeatureGates.parse("+" + LAYER_GATE, ALPHA).useConnectBuildWithBuildah(), "the gates are independent");
    }
}
