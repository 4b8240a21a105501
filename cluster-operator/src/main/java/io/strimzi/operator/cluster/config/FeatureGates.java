package io.strimzi.operator.cluster.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The feature gates, parsed from STRIMZI_FEATURE_GATES (`+Name` enables, `-Name` disables, comma-separated).
 * A gate's default follows from the operator version and the gate's schedule in {@link FeatureGate}.
 */
public final class FeatureGates {
    public static final String ENV = "STRIMZI_FEATURE_GATES";
    /** A sign and a gate name; anything else (no sign, a space after it, another separator) is malformed. */
    private static final Pattern ENTRY = Pattern.compile("^[+-][A-Za-z][A-Za-z0-9]*$");

    private final String operatorVersion;
    private final Map<FeatureGate, Boolean> explicit;

    private FeatureGates(String operatorVersion, Map<FeatureGate, Boolean> explicit) {
        this.operatorVersion = operatorVersion;
        this.explicit = explicit;
    }

    /** The defaults of the given operator version. */
    public static FeatureGates defaults(String operatorVersion) {
        return new FeatureGates(operatorVersion, new EnumMap<>(FeatureGate.class));
    }

    /**
     * Parses a gates value such as `+UseConnectBuildWithBuildah`.
     *
     * @throws InvalidConfigurationException on a malformed entry, an unknown gate, a gate named twice,
     *                                       or a GA gate being disabled
     */
    public static FeatureGates parse(String value, String operatorVersion) {
        Map<FeatureGate, Boolean> explicit = new EnumMap<>(FeatureGate.class);
        if (value != null && !value.isBlank()) {
            for (String rawEntry : value.split(",", -1)) {
                String entry = rawEntry.strip();
                if (!ENTRY.matcher(entry).matches()) {
                    throw InvalidConfigurationException.of(ENV, value,
                            "entry '" + entry + "' must be +Name or -Name");
                }
                boolean enable = entry.charAt(0) == '+';
                String name = entry.substring(1);
                FeatureGate gate = FeatureGate.byName(name);
                if (gate == null) {
                    throw InvalidConfigurationException.of(ENV, value, "unknown feature gate '" + name
                            + "' (known: " + FeatureGate.knownNames() + ")");
                }
                if (explicit.containsKey(gate)) {
                    throw InvalidConfigurationException.of(ENV, value, "feature gate '" + name + "' is named more than once");
                }
                if (!enable && gate.stage(operatorVersion) == FeatureGate.Stage.GA) {
                    throw InvalidConfigurationException.of(ENV, value, "feature gate '" + name + "' is GA since "
                            + gate.gaVersion() + " and can no longer be disabled");
                }
                explicit.put(gate, enable);
            }
        }
        return new FeatureGates(operatorVersion, explicit);
    }

    public boolean isEnabled(FeatureGate gate) {
        if (gate.stage(operatorVersion) == FeatureGate.Stage.GA) {
            return true;
        }
        Boolean value = explicit.get(gate);
        return value != null ? value : gate.enabledByDefault(operatorVersion);
    }

    public boolean useConnectBuildWithBuildah() {
        return isEnabled(FeatureGate.USE_CONNECT_BUILD_WITH_BUILDAH);
    }

    public boolean useConnectBuildWithLayerAppend() {
        return isEnabled(FeatureGate.USE_CONNECT_BUILD_WITH_LAYER_APPEND);
    }

    /** The gates as the user would write them, e.g. `+UseConnectBuildWithBuildah`: the effective state of every gate. */
    public String effectiveValue() {
        StringJoiner joiner = new StringJoiner(",");
        for (FeatureGate gate : FeatureGate.values()) {
            joiner.add((isEnabled(gate) ? "+" : "-") + gate.gateName());
        }
        return joiner.toString();
    }

    /** One line per gate for the start-up log. */
    public String describe() {
        StringJoiner joiner = new StringJoiner("; ");
        for (FeatureGate gate : FeatureGate.values()) {
            joiner.add(gate.gateName() + ": " + (isEnabled(gate) ? "enabled" : "disabled")
                    + " (" + gate.stage(operatorVersion) + (explicit.containsKey(gate) ? ", set" : ", default") + ")");
        }
        return joiner.toString();
    }

    @Override
    public String toString() {
        return effectiveValue();
    }
}
