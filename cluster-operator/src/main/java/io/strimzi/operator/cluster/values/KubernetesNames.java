package io.strimzi.operator.cluster.values;

import java.util.regex.Pattern;

/** The one place for the DNS-1123 rules of Kubernetes object names. */
public final class KubernetesNames {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_SUBDOMAIN_LENGTH = 253;

    private KubernetesNames() {
    }

    /** A DNS-1123 label, as namespace names are: lower-case letters, digits and `-`, at most 63 characters. */
    public static boolean isDns1123Label(String name) {
        return name != null && name.length() <= MAX_LABEL_LENGTH && DNS_1123_LABEL.matcher(name).matches();
    }

    /**
     * A DNS-1123 subdomain, as the names of Secrets, ConfigMaps and most other objects are: labels separated by `.`,
     * at most 253 characters.
     */
    public static boolean isDns1123Subdomain(String name) {
        return name != null && name.length() <= MAX_SUBDOMAIN_LENGTH && DNS_1123_SUBDOMAIN.matcher(name).matches();
    }
}
