package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.config.ProxyConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the Buildah container's command with real shells (dash, bash, busybox ash) and a stub `buildah` first on PATH
 * that records its argv (one NUL-separated file per call), writes a fake digest file and can fail. Proves that user
 * values reach buildah as exact arguments and that no shell interprets them, and how failures are reported.
 * Only the container's fixed paths (termination log, work dir, Dockerfile) are mapped to temporary ones.
 */
class BuildahScriptShellTest {
    private static final String DIGEST_HEX = "0123456789abcdef".repeat(4);
    /** The stub: argv record, fake digest for push, failure on request. Runs under /bin/sh whatever shell is tested. */
    private static final String STUB = """
            #!/bin/sh
            n=$(ls "$STUB_CALLS" | wc -l)
            for argument in "$@"; do printf '%s\\0' "$argument"; done > "$STUB_CALLS/$(printf '%03d' "$n")"
            if [ "$1" = "${STUB_FAIL_ON:-}" ]; then
                i=1
                while [ "$i" -le 30 ]; do echo "stub $1 error line $i" >&2; i=$((i + 1)); done
                if [ -n "${STUB_LONG_LAST_LINE:-}" ]; then printf 'Error: building at STEP "RUN %s": exit status 1\n' "$STUB_LONG_LAST_LINE" >&2; fi
                exit 7
            fi
            if [ "$1" = push ] && [ -z "${STUB_NO_DIGEST:-}" ]; then
                for argument in "$@"; do
                    case $argument in --digestfile=*) printf 'sha256:%s' "$STUB_DIGEST_HEX" > "${argument#--digestfile=}" ;; esac
                done
            fi
            exit 0
            """;

    /** The script passes its own limits (this JVM's, inherited) to `buildah build`, so that RUN steps keep them. */
    private static final String ULIMIT_NOFILE = "--ulimit=nofile=" + limit("Max open files");
    private static final String ULIMIT_NPROC = "--ulimit=nproc=" + limit("Max processes");

    @TempDir
    Path tmp;
    private Path calls;
    private Path workDir;
    private Path terminationLog;
    private Path dockerfile;
    private Path marker;
    private Path cwd;
    /** PATH for the script: the stub first by default. */
    private String path;

    record Shell(String name, List<String> argv) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shell> shells() {
        return Stream.of(new Shell("dash", List.of("/usr/bin/dash")), new Shell("bash", List.of("/usr/bin/bash")),
                new Shell("busybox sh", List.of("/bin/busybox", "sh")));
    }

    @BeforeEach
    void setUp() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path stub = bin.resolve("buildah");
        Files.writeString(stub, STUB);
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        calls = Files.createDirectories(tmp.resolve("calls"));
        workDir = tmp.resolve("work");
        terminationLog = tmp.resolve("termination-log");
        dockerfile = tmp.resolve("dockerfile/Dockerfile");
        marker = tmp.resolve("marker");
        path = bin + ":/usr/bin:/bin";
        // Files a glob would expand to, in the directory the script runs in.
        cwd = Files.createDirectories(tmp.resolve("cwd"));
        Files.writeString(cwd.resolve("--creds=globbed"), "");
        Files.writeString(cwd.resolve("globbed-file"), "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void podCommandRunsBuildThenPushAndReportsTheDigestReference(Shell shell) throws Exception {
        KafkaConnect connect = KafkaConnectBuildTest.connect();
        DockerOutput output = (DockerOutput) connect.getSpec().getBuild().getOutput();
        output.setImage("registry.example.com:5000/org/connect:1.0");
        output.setAdditionalBuildOptions(List.of("--creds=user:p a$$ss", "--tls-verify", "--retry=3"));
        output.setAdditionalPushOptions(List.of("--quiet", "--authfile=/x/auth.json"));
        ClusterOperatorConfig config = ClusterOperatorConfig.builder("0.49.0")
                .featureGates(FeatureGates.parse("+UseConnectBuildWithBuildah", "0.49.0"))
                .proxy(new ProxyConfig("http://proxy:3128", null, "localhost,.svc"))
                .build();
        Container container = KafkaConnectBuildTest.build(connect, config).pod().getSpec().getContainers().get(0);

        Map<String, String> env = new HashMap<>();
        for (EnvVar variable : container.getEnv()) {
            env.put(variable.getName(), variable.getValue());
        }
        Result result = run(shell, container.getCommand(), container.getArgs(), env);

        assertEquals(0, result.exitCode, result.stderr);
        assertEquals(List.of(
                // No proxy build args: Buildah hands the proxies of its environment to the build steps itself.
                List.of("build", "--file=" + dockerfile, "--tag=registry.example.com:5000/org/connect:1.0", "--storage-driver=vfs",
                        ULIMIT_NOFILE, ULIMIT_NPROC, "--creds=user:p a$$ss", "--tls-verify", "--retry=3", workDir + "/context"),
                List.of("push", "--storage-driver=vfs", "--digestfile=" + workDir + "/digest", "--quiet", "--authfile=/x/auth.json",
                        "registry.example.com:5000/org/connect:1.0")),
                recordedCalls());
        assertEquals("registry.example.com:5000/org/connect@sha256:" + DIGEST_HEX, Files.readString(terminationLog));
        assertEquals("chroot", env.get("BUILDAH_ISOLATION"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void hostileValuesReachBuildahVerbatimAndRunNothing(Shell shell) throws Exception {
        String m = marker.toString();
        List<String> buildOptions = List.of(
                "--creds=a;touch " + m,
                "--creds=$(touch " + m + ")",
                "--creds=`touch " + m + "`",
                "--creds='\"; touch " + m + "; echo \"'",
                "--creds=a  b\tc",
                "--creds=line1\ntouch " + m + "\n",
                "--creds=*",
                "*",
                "--creds=$HOME ${PATH} $1 $@ $# $0",
                "--creds=\\\\ \\n \\",
                "--creds=|| touch " + m + " &",
                "",
                "-e",
                "--tls-verify");
        List<String> pushOptions = List.of("--creds=$(touch " + m + ")", "--retry=1 > " + m, "--creds=*", "\n");
        String image = "x;touch " + m + ";$(touch " + m + ")`touch " + m + "`*\n-rf 'q' \"d\"";
        String imageName = "$(touch " + m + ") * ; `id` \n";

        Result result = run(shell, BuildahTool.command(),
                BuildahTool.scriptArguments(image, imageName, buildOptions, pushOptions), Map.of());

        assertEquals(0, result.exitCode, result.stderr);
        List<String> expectedBuild = new ArrayList<>(List.of("build", "--file=" + dockerfile, "--tag=" + image, "--storage-driver=vfs",
                ULIMIT_NOFILE, ULIMIT_NPROC));
        expectedBuild.addAll(buildOptions);
        expectedBuild.add(workDir + "/context");
        List<String> expectedPush = new ArrayList<>(List.of("push", "--storage-driver=vfs", "--digestfile=" + workDir + "/digest"));
        expectedPush.addAll(pushOptions);
        expectedPush.add(image);
        assertEquals(List.of(expectedBuild, expectedPush), recordedCalls());
        assertEquals(imageName + "@sha256:" + DIGEST_HEX, Files.readString(terminationLog));
        assertFalse(Files.exists(marker), "a hostile value was executed by the shell");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void noOptionsAtAll(Shell shell) throws Exception {
        Result result = run(shell, BuildahTool.command(),
                BuildahTool.scriptArguments("reg/connect", "reg/connect", List.of(), List.of()), Map.of());

        assertEquals(0, result.exitCode, result.stderr);
        assertEquals(List.of(
                List.of("build", "--file=" + dockerfile, "--tag=reg/connect", "--storage-driver=vfs", ULIMIT_NOFILE, ULIMIT_NPROC,
                        workDir + "/context"),
                List.of("push", "--storage-driver=vfs", "--digestfile=" + workDir + "/digest", "reg/connect")),
                recordedCalls());
        assertEquals("reg/connect@sha256:" + DIGEST_HEX, Files.readString(terminationLog));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void failingBuildStopsBeforePushWithItsErrorTailInTheTerminationLog(Shell shell) throws Exception {
        Result result = run(shell, BuildahTool.command(),
                BuildahTool.scriptArguments("reg/connect:1", "reg/connect", List.of("--retry=1"), List.of("--quiet")),
                Map.of("STUB_FAIL_ON", "build"));

        assertEquals(7, result.exitCode);
        assertEquals(1, recordedCalls().size(), "push must not run after a failed build");
        String log = Files.readString(terminationLog);
        List<String> expected = new ArrayList<>(List.of("buildah build failed with exit code 7:"));
        for (int i = 11; i <= 30; i++) {
            expected.add("stub build error line " + i);
        }
        assertEquals(String.join("\n", expected) + "\n", log);
        assertTrue(result.stderr.contains("stub build error line 1\n"), "error output must also reach the log: " + result.stderr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void longErrorLinesKeepTheirHeadAndTailSoThatTheCauseStaysInTheTerminationLog(Shell shell) throws Exception {
        String longRunInstruction = "x".repeat(10_000);
        Result result = run(shell, BuildahTool.command(),
                BuildahTool.scriptArguments("reg/connect:1", "reg/connect", List.of(), List.of()),
                Map.of("STUB_FAIL_ON", "build", "STUB_LONG_LAST_LINE", longRunInstruction));

        assertEquals(7, result.exitCode);
        String log = Files.readString(terminationLog);
        assertTrue(log.contains("stub build error line 30\n"), log);
        for (String line : log.split("\n")) {
            assertTrue(line.length() <= BuildahTool.ERROR_LINE_MAX, "line of " + line.length() + " characters: " + line);
        }
        assertTrue(log.contains("\nError: building at STEP \"RUN xxx"), "the long line's head stays: " + log);
        assertTrue(log.endsWith("xxx\": exit status 1\n"), "the long line's tail stays: " + log);
        assertTrue(log.contains("x..." + "x"), "the middle is replaced by ...: " + log);
        assertTrue(result.stderr.contains(longRunInstruction), "the builder's own output keeps the whole line");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void failingPushReportsThePushError(Shell shell) throws Exception {
        Result result = run(shell, BuildahTool.command(),
                BuildahTool.scriptArguments("reg/connect:1", "reg/connect", List.of(), List.of()),
                Map.of("STUB_FAIL_ON", "push"));

        assertEquals(7, result.exitCode);
        assertEquals(2, recordedCalls().size());
        String log = Files.readString(terminationLog);
        assertTrue(log.startsWith("buildah push failed with exit code 7:\n"), log);
        assertTrue(log.endsWith("stub push error line 30\n"), log);
        assertFalse(log.contains("@sha256:"), log);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void pushWithoutDigestFileFails(Shell shell) throws Exception {
        Result result = run(shell, BuildahTool.command(),
                BuildahTool.scriptArguments("reg/connect:1", "reg/connect", List.of(), List.of()),
                Map.of("STUB_NO_DIGEST", "1"));

        assertEquals(1, result.exitCode);
        assertEquals("buildah push wrote no digest\n", Files.readString(terminationLog));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shells")
    void missingBuildahIsAFailureWithTheShellsMessage(Shell shell) throws Exception {
        // Only the tools the script needs; this machine may have a real buildah in /usr/bin.
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("mkdir", "rm", "mkfifo", "tee", "tail", "cat", "sed")) {
            Path real = Path.of("/usr/bin", tool);
            Files.copy(Files.exists(real) ? real : Path.of("/bin", tool), tools.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        }
        path = tools.toString();
        Result result = run(shell, BuildahTool.command(),
                BuildahTool.scriptArguments("reg/connect:1", "reg/connect", List.of(), List.of()), Map.of());

        assertEquals(127, result.exitCode);
        String log = Files.readString(terminationLog);
        assertTrue(log.startsWith("buildah build failed with exit code 127:\n") && log.contains("buildah"), log);
    }

    /** Runs the container command with the given shell in place of /bin/sh and the fixed paths mapped. */
    private Result run(Shell shell, List<String> containerCommand, List<String> args, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        for (String executable : List.of(shell.argv().get(0))) {
            assertTrue(Files.isExecutable(Path.of(executable)), executable + " is missing: run .ci/install-tools.sh");
        }
        assertEquals("/bin/sh", containerCommand.get(0));
        assertEquals("-c", containerCommand.get(1));
        assertEquals(BuildahTool.SCRIPT_NAME, containerCommand.get(3));
        String script = containerCommand.get(2);
        for (String path : List.of(PodBuildTool.TERMINATION_LOG_PATH, BuildahTool.WORK_DIR, ConnectDockerfile.PATH)) {
            assertEquals(1, script.split(java.util.regex.Pattern.quote(path), -1).length - 1, path + " must appear once in the script");
        }
        String mapped = script.replace(PodBuildTool.TERMINATION_LOG_PATH, terminationLog.toString())
                .replace(BuildahTool.WORK_DIR, workDir.toString())
                .replace(ConnectDockerfile.PATH, dockerfile.toString());

        List<String> command = new ArrayList<>(shell.argv());
        command.addAll(containerCommand.subList(1, 2));
        command.add(mapped);
        command.addAll(containerCommand.subList(3, containerCommand.size()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().put("HOME", tmp.toString());
        builder.environment().put("STUB_CALLS", calls.toString());
        builder.environment().put("STUB_DIGEST_HEX", DIGEST_HEX);
        builder.environment().putAll(extraEnv);
        builder.redirectOutput(tmp.resolve("stdout").toFile());
        builder.redirectError(tmp.resolve("stderr").toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the script did not finish");
        }
        return new Result(process.exitValue(), Files.readString(tmp.resolve("stderr")));
    }

    private record Result(int exitCode, String stderr) {
    }

    /** soft:hard of one limit of this process, unlimited as -1. */
    private static String limit(String name) {
        try {
            String line = Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith(name)).findFirst().orElseThrow();
            String[] fields = line.substring(name.length()).trim().split("\\s+");
            return (fields[0] + ":" + fields[1]).replace("unlimited", "-1");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<List<String>> recordedCalls() throws IOException {
        List<List<String>> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(calls)) {
            for (Path file : files.sorted().toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                assertTrue(content.endsWith("\0"), "each argument is NUL-terminated");
                result.add(Arrays.asList(content.substring(0, content.length() - 1).split("\0", -1)));
            }
        }
        return result;
    }
}
