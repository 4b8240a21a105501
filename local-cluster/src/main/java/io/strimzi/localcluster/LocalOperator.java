package io.strimzi.localcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The operator as its own process, through its real entry point ({@code io.strimzi.operator.cluster.Main}),
 * configured only as in production: {@code STRIMZI_*} variables and a kubeconfig, here one that points at the
 * local parts' mock API server. Ended by its PID (SIGTERM first, so its graceful shutdown runs).
 */
public final class LocalOperator implements AutoCloseable {
    static final String MAIN_CLASS = "io.strimzi.operator.cluster.Main";

    private final OwnedProcess process;
    private final Path workDir;

    private LocalOperator(OwnedProcess process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
    }

    /**
     * Starts the operator from operatorJar when it is a file, else from this JVM's class path.
     *
     * @param extraEnv added to (and overriding) {@link #environment}
     * @param output   receives each line the operator prints
     */
    public static LocalOperator start(LocalParts parts, Path operatorJar, Map<String, String> extraEnv, Consumer<String> output) {
        try {
            Path workDir = Files.createTempDirectory("local-operator-");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = operatorJar != null && Files.isRegularFile(operatorJar)
                    ? new ProcessBuilder(java.toString(), "-jar", operatorJar.toString())
                    : new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), MAIN_CLASS);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.startsWith("STRIMZI_") || name.equals("KUBECONFIG"));
            env.putAll(environment(parts, parts.writeKubeconfig(workDir.resolve("kubeconfig"))));
            env.putAll(extraEnv);
            builder.redirectErrorStream(true);
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = builder.start();
            Thread pump = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        output.accept(line);
                    }
                } catch (IOException e) {
                    // the operator stopped
                }
            }, "operator-output");
            pump.setDaemon(true);
            pump.start();
            return new LocalOperator(new OwnedProcess(process), workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the operator is given: the local parts' API server, namespace and base image, Buildah enabled. */
    public static Map<String, String> environment(LocalParts parts, Path kubeconfig) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("STRIMZI_NAMESPACE", parts.namespace());
        // Its own Lease: operators started for different namespaces do not wait for each other's leadership.
        env.put("STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE", parts.namespace());
        env.put("STRIMZI_FEATURE_GATES", "+UseConnectBuildWithBuildah");
        env.put("STRIMZI_KAFKA_CONNECT_IMAGES", LocalCluster.CONNECT_VERSION + "=" + parts.baseImage());
        // The fake kubelet runs this image's root filesystem (Debian 13's Buildah 1.39) under runc.
        env.put("STRIMZI_DEFAULT_BUILDAH_IMAGE", LocalImages.BUILDAH);
        env.put("STRIMZI_FULL_RECONCILIATION_INTERVAL_MS", "30000");
        env.put("STRIMZI_CONNECT_BUILD_TIMEOUT_MS", "120000");
        // A free port, so that several operators (and whatever else runs here) do not collide on 8080.
        env.put("STRIMZI_HEALTH_PORT", Integer.toString(LocalRegistry.freePort()));
        return env;
    }

    /** What selects the layer builder, whose Pods run the operator image (with the built connect-builder.jar). */
    public static Map<String, String> layerBuilderEnvironment() {
        return Map.of("STRIMZI_FEATURE_GATES", "+UseConnectBuildWithBuildah,+UseConnectBuildWithLayerAppend",
                "STRIMZI_DEFAULT_LAYER_BUILDER_IMAGE", LocalImages.OPERATOR);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * {@code kill -9}: SIGKILL to the operator's PID (no shutdown hook runs, the Lease is not released), then waits until
     * the process is gone, so that it writes nothing more.
     */
    public void kill() {
        ProcessHandle handle = process.process().toHandle();
        handle.destroyForcibly();
        handle.onExit().join();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.process().exitValue();
    }

    @Override
    public void close() {
        process.stop();
        Commands.deleteRecursively(workDir);
    }
}
