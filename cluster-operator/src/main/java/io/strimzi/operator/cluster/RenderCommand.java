package io.strimzi.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.InvalidConfigurationException;
import io.strimzi.operator.cluster.config.OperatorVersion;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.build.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.build.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `render`: prints every object the operator would create for one KafkaConnect, without a cluster.
 * Reads the STRIMZI_* variables as the operator does; `--feature-gates` overrides STRIMZI_FEATURE_GATES.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print, as multi-document YAML, the objects the operator would create for a KafkaConnect.")
public final class RenderCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, description = "The KafkaConnect YAML file.")
    Path file;

    @Option(names = "--feature-gates", description = "Overrides STRIMZI_FEATURE_GATES, e.g. +UseConnectBuildWithBuildah.")
    String featureGates;

    @Option(names = "--platform", defaultValue = "kubernetes",
            description = "kubernetes or openshift (default: ${DEFAULT-VALUE}).")
    String platform;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public RenderCommand() {
        this(System.getenv(), System.out, System.err);
    }

    RenderCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Platform target;
        try {
            target = Platform.valueOf(platform.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("Invalid --platform '" + platform + "': must be kubernetes or openshift");
            return 2;
        }
        ClusterOperatorConfig config;
        try {
            Map<String, String> env = new HashMap<>(environment);
            if (featureGates != null) {
                env.put(ClusterOperatorConfig.STRIMZI_FEATURE_GATES, featureGates);
            }
            config = ClusterOperatorConfig.fromMap(env, OperatorVersion.current());
        } catch (InvalidConfigurationException e) {
            err.println("Invalid configuration: " + e.getMessage());
            return 1;
        }
        KubernetesSerialization serialization = new KubernetesSerialization();
        KafkaConnect connect;
        try (InputStream in = Files.newInputStream(file)) {
            connect = serialization.unmarshal(in, KafkaConnect.class);
        } catch (IOException | RuntimeException e) {
            err.println("Cannot read a KafkaConnect from " + file + ": " + e.getMessage());
            return 1;
        }
        try {
            List<HasMetadata> objects = render(connect, config, target);
            for (HasMetadata object : objects) {
                String yaml = serialization.asYaml(object);
                out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
            }
            return 0;
        } catch (InvalidResourceException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** The objects in the order the operator creates them. */
    static List<HasMetadata> render(KafkaConnect connect, ClusterOperatorConfig config, Platform platform) {
        if (connect.getMetadata() == null || connect.getMetadata().getName() == null) {
            throw new InvalidResourceException(".metadata.name is required");
        }
        if (connect.getSpec() == null) {
            throw new InvalidResourceException(".spec is required");
        }
        List<HasMetadata> objects = new ArrayList<>();
        if (connect.getSpec().getBuild() != null) {
            KafkaConnectBuild build = KafkaConnectBuild.fromCrd(connect, config, platform);
            objects.add(build.dockerfileConfigMap());
            objects.add(build.serviceAccount());
            if (build.buildPod() != null) {
                objects.add(build.buildPod());
            }
            if (build.buildConfig() != null) {
                objects.add(build.buildConfig());
            }
        }
        return objects;
    }
}
