package io.strimzi.operator.cluster;

import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.InvalidConfigurationException;
import io.strimzi.operator.cluster.config.OperatorVersion;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The jar's entry point: with no subcommand it runs the operator. */
@Command(name = "cluster-operator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Strimzi cluster operator for KafkaConnect with Connect Build.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    private static final Logger LOGGER = LogManager.getLogger(Main.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ClusterOperatorConfig config;
        try {
            config = ClusterOperatorConfig.fromEnvironment();
        } catch (InvalidConfigurationException e) {
            LOGGER.error("Invalid configuration: {}", e.getMessage());
            System.err.println("Invalid configuration: " + e.getMessage());
            return 1;
        }
        LOGGER.info("Cluster operator {} starting", OperatorVersion.current());
        LOGGER.info("Configuration: {}", config);
        LOGGER.info("Feature gates: {}", config.featureGates().describe());
        return new OperatorProcess(config).runUntilStopped();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {OperatorVersion.current()};
        }
    }
}
