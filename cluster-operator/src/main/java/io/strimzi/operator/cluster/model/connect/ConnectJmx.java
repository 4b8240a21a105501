package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.strimzi.api.kafka.model.common.jmx.KafkaJmxAuthenticationPassword;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * `.spec.jmxOptions`, as Strimzi does it: the workers' JMX port 9999 (`jmx`) is opened on the container and the REST
 * API Service, and `STRIMZI_JMX_ENABLED` tells Strimzi's image to start the JMX agent. With `authentication.type:
 * password` the operator keeps a Secret `<name>-connect-jmx` with a generated `jmx-username` and `jmx-password`
 * (generated once, then kept: users read them from it), which the container gets as `STRIMZI_JMX_USERNAME` and
 * `STRIMZI_JMX_PASSWORD` by Secret key references, never as values. `template.jmxSecret` sets the Secret's metadata.
 */
public final class ConnectJmx {
    public static final int PORT = 9999;
    public static final String PORT_NAME = "jmx";
    public static final String USERNAME_KEY = "jmx-username";
    public static final String PASSWORD_KEY = "jmx-password";
    static final String ENABLED_ENV = "STRIMZI_JMX_ENABLED";
    static final String USERNAME_ENV = "STRIMZI_JMX_USERNAME";
    static final String PASSWORD_ENV = "STRIMZI_JMX_PASSWORD";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int USERNAME_LENGTH = 16;
    private static final int PASSWORD_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConnectJmx() {
    }

    public static String secretName(String connectName) {
        return KafkaConnectCluster.deploymentName(connectName) + "-jmx";
    }

    static boolean enabled(KafkaConnectSpec spec) {
        return spec.getJmxOptions() != null;
    }

    static boolean authenticated(KafkaConnectSpec spec) {
        return enabled(spec) && spec.getJmxOptions().getAuthentication() instanceof KafkaJmxAuthenticationPassword;
    }

    /** The JMX Secret is read before the model is made, so that its credentials are kept (it may be missing). */
    static List<ReferencedResources.Ref> references(KafkaConnect connect) {
        if (!authenticated(connect.getSpec())) {
            return List.of();
        }
        return List.of(new ReferencedResources.Ref(ReferencedResources.Kind.SECRET, secretName(connect.getMetadata().getName()),
                ".spec.jmxOptions.authentication", true, true));
    }

    static List<ContainerPort> containerPorts(KafkaConnectSpec spec) {
        return enabled(spec) ? List.of(new ContainerPortBuilder().withName(PORT_NAME).withContainerPort(PORT).withProtocol("TCP").build())
                : List.of();
    }

    static List<ServicePort> servicePorts(KafkaConnectSpec spec) {
        return enabled(spec) ? List.of(new ServicePortBuilder().withName(PORT_NAME).withProtocol("TCP").withPort(PORT)
                .withTargetPort(new IntOrString(PORT)).build()) : List.of();
    }

    static List<EnvVar> env(KafkaConnect connect) {
        KafkaConnectSpec spec = connect.getSpec();
        if (!enabled(spec)) {
            return List.of();
        }
        if (!authenticated(spec)) {
            return List.of(new EnvVar(ENABLED_ENV, "true", null));
        }
        String secret = secretName(connect.getMetadata().getName());
        return List.of(new EnvVar(ENABLED_ENV, "true", null), secretKey(USERNAME_ENV, secret, USERNAME_KEY),
                secretKey(PASSWORD_ENV, secret, PASSWORD_KEY));
    }

    /**
     * The credentials the Secret holds: those found when both keys are there and not empty, else new ones; empty when
     * nothing was read (render: the operator generates them on the cluster).
     */
    static Map<String, String> credentials(KafkaConnect connect, ReferencedResources referenced) {
        if (!authenticated(connect.getSpec()) || !referenced.isRead()) {
            return Map.of();
        }
        Optional<Map<String, String>> found = referenced.data(ReferencedResources.Kind.SECRET, secretName(connect.getMetadata().getName()));
        if (found.isPresent() && !found.get().getOrDefault(USERNAME_KEY, "").isEmpty()
                && !found.get().getOrDefault(PASSWORD_KEY, "").isEmpty()) {
            return Map.of(USERNAME_KEY, found.get().get(USERNAME_KEY), PASSWORD_KEY, found.get().get(PASSWORD_KEY));
        }
        return Map.of(USERNAME_KEY, random(USERNAME_LENGTH), PASSWORD_KEY, random(PASSWORD_LENGTH));
    }

    /** The Secret with these credentials, or none without password authentication. */
    static List<Secret> secrets(KafkaConnect connect, Map<String, String> credentials) {
        if (!authenticated(connect.getSpec())) {
            return List.of();
        }
        KafkaConnectTemplate t = connect.getSpec().getTemplate();
        Map<String, String> data = new TreeMap<>();
        credentials.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return List.of(new SecretBuilder()
                .withMetadata(ConnectMetadata.of(connect, secretName(connect.getMetadata().getName()), t == null ? null : t.getJmxSecret()))
                .withType("Opaque")
                .withData(data.isEmpty() ? null : data)
                .build());
    }

    private static EnvVar secretKey(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
