package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ControlCharacters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options a user may pass to one phase of a builder (`.spec.build.output.additional…Options`).
 * An option is compared by its name, the part before `=`. A boolean flag may be given bare (`--tls-verify`); every
 * other option must carry its value in the same item (`--retry=3`), so that it can never swallow the next argument.
 * Error messages list offending option names only, never their values, which may hold credentials.
 */
final class BuildOptionAllowlist {
    /** Whether an option is a boolean flag (bare or `=value`) or needs `=value`. */
    enum Kind { FLAG, VALUE }

    private final String builderName;
    private final Map<String, Kind> allowed;

    private BuildOptionAllowlist(String builderName, Map<String, Kind> allowed) {
        this.builderName = builderName;
        this.allowed = Collections.unmodifiableMap(allowed);
    }

    /** @param builderName used in messages, e.g. "Buildah build" */
    static BuildOptionAllowlist of(String builderName, List<String> flags, List<String> valued) {
        Map<String, Kind> allowed = new LinkedHashMap<>();
        flags.forEach(name -> allowed.put(name, Kind.FLAG));
        valued.forEach(name -> allowed.put(name, Kind.VALUE));
        return new BuildOptionAllowlist(builderName, allowed);
    }

    Set<String> allowedNames() {
        return allowed.keySet();
    }

    /**
     * Checks the options of one field.
     *
     * @return the options, unchanged; an empty list for null
     * @throws InvalidResourceException naming the field and listing every offending option
     */
    List<String> check(List<String> options, String fieldPath) {
        if (options == null) {
            return List.of();
        }
        Set<String> notAllowed = new LinkedHashSet<>();
        Set<String> missingValue = new LinkedHashSet<>();
        List<String> withControlCharacters = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i) == null ? "" : options.get(i);
            int eq = option.indexOf('=');
            String name = eq >= 0 ? option.substring(0, eq) : option;
            if (ControlCharacters.contains(option)) {
                withControlCharacters.add(fieldPath + "[" + i + "]");
                continue;
            }
            Kind kind = allowed.get(name);
            if (kind == null) {
                notAllowed.add(name.isEmpty() ? "(empty)" : name);
            } else if (kind == Kind.VALUE && eq < 0) {
                missingValue.add(name);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!notAllowed.isEmpty()) {
            problems.add("options not allowed with the " + builderName + ": " + String.join(", ", notAllowed)
                    + " (allowed: " + String.join(", ", allowed.keySet()) + ")");
        }
        if (!missingValue.isEmpty()) {
            problems.add("options that need a value given as --name=value: " + String.join(", ", missingValue));
        }
        if (!withControlCharacters.isEmpty()) {
            problems.add("options containing a newline or another control character: " + String.join(", ", withControlCharacters));
        }
        if (!problems.isEmpty()) {
            throw new InvalidResourceException("Invalid " + fieldPath + ": " + String.join("; ", problems));
        }
        return List.copyOf(options);
    }
}
