package io.strimzi.operator.cluster.config;

import java.util.Locale;

/**
 * STRIMZI_POD_SECURITY_PROVIDER_CLASS: the Pod Security Standards profile the operator's Pods are made for, with
 * Strimzi's values (`baseline`, `restricted`, or the class names of Strimzi's two providers). Other provider classes
 * cannot be loaded by this operator and stop it at start.
 */
public enum PodSecurityProfile {
    /** Strimzi's default: Kubernetes' defaults for the containers; builds with Buildah or Kaniko may run. */
    BASELINE("io.strimzi.plugin.security.profiles.impl.BaselinePodSecurityProvider"),
    /**
     * The containers get the restricted profile's security context (no privilege escalation, all capabilities
     * dropped, non-root, RuntimeDefault seccomp); builds that need capabilities (Buildah, Kaniko) are refused.
     */
    RESTRICTED("io.strimzi.plugin.security.profiles.impl.RestrictedPodSecurityProvider");

    public static final String ENV = "STRIMZI_POD_SECURITY_PROVIDER_CLASS";

    private final String strimziClass;

    PodSecurityProfile(String strimziClass) {
        this.strimziClass = strimziClass;
    }

    /** The value as the env var takes it; null or blank is the baseline. */
    static PodSecurityProfile parse(String value) {
        if (value == null || value.isBlank()) {
            return BASELINE;
        }
        String v = value.strip();
        for (PodSecurityProfile profile : values()) {
            if (profile.name().equalsIgnoreCase(v) || profile.strimziClass.equals(v)) {
                return profile;
            }
        }
        throw InvalidConfigurationException.of(ENV, value, "must be baseline, restricted, " + BASELINE.strimziClass + " or "
                + RESTRICTED.strimziClass + " (other provider classes cannot be loaded by this operator)");
    }

    /** As users write it: `baseline` or `restricted`. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
