package io.strimzi.operator.cluster;

import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.InvalidConfigurationException;
import io.strimzi.operator.cluster.config.OperatorVersion;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/** The jar's entry point: with no subcommand it runs the operator. */
@Command(name = "cluster-operator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Strimzi cluster operator for KafkaConnect with Connect Build.",
        subcommands = {RenderCommand.class, KafkaInitCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    private static final Logger LOGGER = LogManager.getLogger(Main.class);

    /** Runs the operator with its configuration until it stops, and returns the exit status. */
    @FunctionalInterface
    interface Operator {
        int run(ClusterOperatorConfig config) throws Exception;
    }

    private final Map<String, String> environment;
    private final String operatorVersion;
    private final Operator operator;

    @Spec
    private CommandSpec spec;

    /** The operator of this process: its environment, its version, connected to Kubernetes. */
    public Main() {
        this(System.getenv(), OperatorVersion.current(), config -> new OperatorProcess(config).runUntilStopped());
    }

    /** Tests give the environment and the operator to start instead of the process's own. */
    Main(Map<String, String> environment, String operatorVersion, Operator operator) {
        this.environment = environment;
        this.operatorVersion = operatorVersion;
        this.operator = operator;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ClusterOperatorConfig config;
        try {
            config = ClusterOperatorConfig.fromMap(environment, operatorVersion);
        } catch (InvalidConfigurationException e) {
            // Checked before anything connects to Kubernetes: a bad value stops the operator at once.
            LOGGER.error("Invalid configuration: {}", e.getMessage());
            spec.commandLine().getErr().println("Invalid configuration: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        LOGGER.info("Cluster operator {} starting", operatorVersion);
        LOGGER.info("Configuration: {}", config);
        LOGGER.info("Feature gates: {}", config.featureGates().describe());
        return operator.run(config);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {OperatorVersion.current()};
        }
    }
}
