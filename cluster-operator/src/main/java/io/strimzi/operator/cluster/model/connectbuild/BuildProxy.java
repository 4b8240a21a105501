package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.ProxyConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the operator's proxies reach a build Pod. A proxy URL with credentials (`http://user:password@proxy:3128`) goes
 * into a Secret the operator owns, `<name>-connect-build-proxy` in the KafkaConnect's namespace, and the build container
 * reads it with `valueFrom.secretKeyRef`: anyone who may read the Pod (`kubectl get pod -o yaml`) sees only the
 * reference. A proxy without credentials stays a plain value, as before.
 */
final class BuildProxy {
    private final ProxyConfig proxy;
    private final String secretName;

    BuildProxy(ProxyConfig proxy, String connectName) {
        this.proxy = proxy;
        this.secretName = BuildNames.proxySecretName(connectName);
    }

    /** The proxy variables of the build container: plain values, or references to the Secret for those with credentials. */
    List<EnvVar> env() {
        List<EnvVar> env = new ArrayList<>();
        proxy.asEnv().forEach((name, value) -> env.add(ProxyConfig.hasCredentials(value)
                ? new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef(name, secretName, false)
                        .endValueFrom().build()
                : new EnvVar(name, value, null)));
        return env;
    }

    /**
     * Build arguments that carry the proxies, for a tool whose build steps do not see its environment (Kaniko): a value
     * with credentials as `$(NAME)`, which the kubelet replaces with the container's variable when it starts the
     * container, so that only the reference is in the Pod spec.
     */
    List<String> buildArgs() {
        List<String> args = new ArrayList<>();
        proxy.asEnv().forEach((name, value) -> args.add("--build-arg=" + name + "="
                + (ProxyConfig.hasCredentials(value) ? "$(" + name + ")" : value)));
        return args;
    }

    /** The Secret with the proxy values that carry credentials, or null when none does. */
    Secret secret(KafkaConnect connect, ClusterOperatorConfig config) {
        Map<String, String> credentials = proxy.withCredentials();
        if (credentials.isEmpty()) {
            return null;
        }
        Map<String, String> data = new LinkedHashMap<>();
        credentials.forEach((name, value) -> data.put(name, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withMetadata(BuildMetadata.of(connect, config, secretName, null, Map.of()))
                .withType("Opaque")
                .withData(data)
                .build();
    }
}
