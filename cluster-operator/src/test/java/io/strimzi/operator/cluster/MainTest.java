package io.strimzi.operator.cluster;

import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entry point: configuration errors stop it before Kubernetes is contacted; a valid start logs the configuration. */
class MainTest {
    private static final String VERSION = "0.49.0";
    /** Only a guard against a hung child process; no test depends on how fast anything is. */
    private static final long CHILD_PROCESS_GUARD_SECONDS = 120;

    private final StringWriter stderr = new StringWriter();
    private CapturingAppender logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturingAppender.attachToRoot();
    }

    @AfterEach
    void stopCapturingLogs() {
        logs.detach();
    }

    private int run(Map<String, String> environment, Main.Operator operator) {
        CommandLine commandLine = new CommandLine(new Main(environment, VERSION, operator));
        commandLine.setErr(new PrintWriter(stderr, true));
        return commandLine.execute();
    }

    /** An operator that only records that it was started (a real one would connect to Kubernetes). */
    private final AtomicBoolean operatorStarted = new AtomicBoolean();

    private Main.Operator mustNotStart() {
        return config -> {
            operatorStarted.set(true);
            return 0;
        };
    }

    @Test
    void invalidConfigurationExitsWithOneNamingTheVariableAndTheValue() {
        int status = run(Map.of("STRIMZI_OPERATION_TIMEOUT_MS", "-5"), mustNotStart());

        assertEquals(1, status);
        assertFalse(operatorStarted.get(), "the operator must not start with an invalid configuration");
        String expected = "Invalid configuration: Invalid value '-5' of STRIMZI_OPERATION_TIMEOUT_MS: "
                + "must be a positive number of milliseconds";
        assertEquals(expected + System.lineSeparator(), stderr.toString());
        assertEquals(List.of("ERROR " + expected), logs.messagesAtLeast(Level.WARN), "one log line");
    }

    @Test
    void anInvalidConfiguredImageStopsTheOperator() {
        // The example of issue 12: it used to pass start-up and fail every build.
        int status = run(Map.of("STRIMZI_KAFKA_CONNECT_IMAGES", "4.1.0=quay.io/Strimzi/kafka:x"), mustNotStart());

        assertEquals(1, status);
        assertFalse(operatorStarted.get(), "the operator must not start with an invalid image");
        assertEquals("Invalid configuration: Invalid value '4.1.0=quay.io/Strimzi/kafka:x' of STRIMZI_KAFKA_CONNECT_IMAGES: "
                + "'quay.io/Strimzi/kafka:x' is not an image reference: 'Strimzi/kafka' is not a valid repository name "
                + "(lower-case letters, digits and separators, components separated by /)" + System.lineSeparator(), stderr.toString());
    }

    @Test
    void disablingAGaGateStopsTheOperator() {
        CommandLine commandLine = new CommandLine(new Main(Map.of("STRIMZI_FEATURE_GATES", "-UseConnectBuildWithBuildah"),
                "0.55.0", mustNotStart()));
        commandLine.setErr(new PrintWriter(stderr, true));

        assertEquals(1, commandLine.execute());
        assertFalse(operatorStarted.get(), "the operator must not start with an invalid configuration");
        assertTrue(stderr.toString().contains("STRIMZI_FEATURE_GATES")
                && stderr.toString().contains("'-UseConnectBuildWithBuildah'")
                && stderr.toString().contains("is GA since 0.55.0 and can no longer be disabled"), stderr.toString());
    }

    @Test
    void validConfigurationLogsItAndEveryGateThenRunsTheOperator() {
        AtomicReference<ClusterOperatorConfig> started = new AtomicReference<>();
        int status = run(Map.of("STRIMZI_FEATURE_GATES", "+UseConnectBuildWithBuildah",
                "STRIMZI_NAMESPACE", "kafka",
                "HTTPS_PROXY", "http://user:hunter2@proxy.example.com:3128"), config -> {
                    started.set(config);
                    return 0;
                });

        assertEquals(0, status);
        assertEquals("", stderr.toString());
        assertNotNull(started.get(), "the operator ran");
        assertEquals(Set.of("kafka"), started.get().namespaces());
        List<String> info = logs.messagesAtLeast(Level.INFO);
        assertAll(
            () -> assertTrue(info.contains("INFO Cluster operator 0.49.0 starting"), info.toString()),
            () -> assertTrue(info.contains("INFO Feature gates: UseConnectBuildWithBuildah: enabled (ALPHA, set); "
                    + "UseConnectBuildWithLayerAppend: disabled (ALPHA, default)"), info.toString()),
            () -> assertTrue(info.stream().anyMatch(m -> m.startsWith("INFO Configuration: ClusterOperatorConfig(")
                    && m.contains("namespaces=[kafka]")), info.toString()),
            () -> assertFalse(String.join("\n", info).contains("hunter2"), "no proxy password in the log: " + info));
    }

    @Test
    void operatorFailureIsTheExitStatus() {
        assertEquals(3, run(Map.of(), config -> 3));
    }

    /**
     * The real entry point in a child JVM, with a bogus variable and the Kubernetes API "server" a socket of this test:
     * it must exit with status 1 and the message on stderr, and nothing may have connected to the socket.
     */
    @Test
    void entryPointWithInvalidConfigurationExitsBeforeConnecting(@TempDir Path tmp) throws Exception {
        try (ServerSocket apiServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process process = startEntryPoint(apiServer, Map.of("STRIMZI_FULL_RECONCILIATION_INTERVAL_MS", "soon"), tmp);
            assertTrue(process.waitFor(CHILD_PROCESS_GUARD_SECONDS, TimeUnit.SECONDS), "the operator did not exit");

            String err = Files.readString(tmp.resolve("stderr"));
            assertEquals(1, process.exitValue(), err);
            assertTrue(err.contains("Invalid configuration: Invalid value 'soon' of STRIMZI_FULL_RECONCILIATION_INTERVAL_MS: not a number"), err);
            assertFalse(err.contains("Connecting to Kubernetes"), err);

            // The child has exited: any connection it made would be waiting in the socket's accept queue.
            apiServer.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> apiServer.accept().close(), "the operator contacted Kubernetes");
        }
    }

    /** The counterpart that shows the socket above would have seen a connection: a valid start does connect. */
    @Test
    void entryPointWithValidConfigurationLogsTheGatesAndConnects(@TempDir Path tmp) throws Exception {
        try (ServerSocket apiServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process process = startEntryPoint(apiServer, Map.of("STRIMZI_FEATURE_GATES", "+UseConnectBuildWithBuildah"), tmp);
            try {
                apiServer.setSoTimeout((int) TimeUnit.SECONDS.toMillis(CHILD_PROCESS_GUARD_SECONDS));
                try (Socket connection = apiServer.accept();
                     BufferedReader request = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII))) {
                    assertEquals("GET /version HTTP/1.1", request.readLine());
                }
            } finally {
                process.destroyForcibly();
                process.waitFor(CHILD_PROCESS_GUARD_SECONDS, TimeUnit.SECONDS);
            }
            String err = Files.readString(tmp.resolve("stderr"));
            assertTrue(err.contains("Feature gates: UseConnectBuildWithBuildah: enabled (ALPHA, set); "
                    + "UseConnectBuildWithLayerAppend: disabled (ALPHA, default)"), err);
            assertTrue(err.contains("Configuration: ClusterOperatorConfig("), err);
        }
    }

    /** Runs `java -cp <test class path> Main` with only the given variables and the API server at the socket. */
    private static Process startEntryPoint(ServerSocket apiServer, Map<String, String> variables, Path tmp) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Main.class.getName());
        builder.environment().clear();
        builder.environment().putAll(variables);
        builder.environment().put("KUBERNETES_MASTER", "http://127.0.0.1:" + apiServer.getLocalPort());
        builder.environment().put("KUBECONFIG", tmp.resolve("no-kubeconfig").toString());
        builder.environment().put("HOME", tmp.toString());
        builder.redirectOutput(tmp.resolve("stdout").toFile());
        builder.redirectError(tmp.resolve("stderr").toFile());
        return builder.start();
    }

    /** Keeps the formatted messages logged while a test runs. */
    private static final class CapturingAppender extends AbstractAppender {
        private final List<LogEvent> events = new CopyOnWriteArrayList<>();

        private CapturingAppender() {
            super("MainTest", null, null, true, Property.EMPTY_ARRAY);
        }

        static CapturingAppender attachToRoot() {
            CapturingAppender appender = new CapturingAppender();
            appender.start();
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            Configuration configuration = context.getConfiguration();
            configuration.addAppender(appender);
            configuration.getRootLogger().addAppender(appender, Level.ALL, null);
            context.updateLoggers();
            return appender;
        }

        void detach() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(getName());
            context.updateLoggers();
            stop();
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }

        /** "LEVEL message" of every event from the operator at or above the level. */
        List<String> messagesAtLeast(Level level) {
            return events.stream()
                    .filter(e -> e.getLevel().isMoreSpecificThan(level))
                    .filter(e -> e.getLoggerName().startsWith("io.strimzi"))
                    .map(e -> e.getLevel() + " " + e.getMessage().getFormattedMessage())
                    .toList();
        }
    }
}
