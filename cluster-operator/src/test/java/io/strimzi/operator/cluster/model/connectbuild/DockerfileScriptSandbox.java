package io.strimzi.operator.cluster.model.connectbuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the RUN scripts of a generated Dockerfile with a real shell in a temporary directory. The plugins directory and
 * the Maven stage's directory are rewritten into the sandbox (in the test only). Chosen tools are replaced by stubs
 * that record their argv (one argument a line: validated values never hold a line break, and a split argument would
 * show as an extra line); the others are the machine's real tools, or busybox applets where the machine has none.
 */
final class DockerfileScriptSandbox {
    /** Shells the scripts must work with: dash as /bin/sh on Debian, and busybox sh of busybox-based images. */
    enum Shell {
        DASH("/bin/sh"),
        BUSYBOX(busybox(), "sh");

        final List<String> command;

        Shell(String... command) {
            this.command = List.of(command);
        }
    }

    /** The name an injected `touch pwned` would create in the working directory. */
    static final String MARKER = "pwned";
    private static final List<String> REAL_TOOLS = List.of("mkdir", "mv", "rm", "find", "tar", "gzip", "unzip", "sha512sum", "cat",
            // not used by the scripts: there so that an injected `touch pwned` would succeed and be noticed
            "touch");

    final Path root;
    final Path plugins;
    final Path mavenWork;
    final Path payloads;
    private final Path bin;
    private final Path tools;
    private final Path calls;

    record Result(int exitCode, String output) {
    }

    /** A recorded call: the tool's name, its arguments, and what it read on stdin (sha512sum only). */
    record Call(String tool, List<String> args, String stdin) {
    }

    DockerfileScriptSandbox(Path root) throws IOException {
        this.root = root;
        this.plugins = Files.createDirectories(root.resolve("plugins"));
        this.mavenWork = Files.createDirectories(root.resolve("maven-stage"));
        this.payloads = Files.createDirectories(root.resolve("payloads"));
        this.bin = Files.createDirectories(root.resolve("stubs"));
        this.tools = Files.createDirectories(root.resolve("tools"));
        this.calls = Files.createDirectories(root.resolve("calls"));
        for (String tool : REAL_TOOLS) {
            String real = Stream.of("/usr/bin/" + tool, "/bin/" + tool).filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                    .orElse(busybox() + " " + tool);
            // A wrapper rather than a link, so that cleaning up the sandbox never follows a link out of it.
            executable(tools.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
        }
    }

    static String busybox() {
        return Stream.of("/bin/busybox", "/usr/bin/busybox").filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("busybox is missing: run .ci/install-tools.sh"));
    }

    /** Replaces the tool by a stub that records its argv; downloaders write the payload named like their output. */
    void stub(String tool) throws IOException {
        String script = """
                #!/bin/sh
                i=0
                while [ -e "$CALLS/$i" ]; do i=$((i+1)); done
                { printf '%s\\n' "${0##*/}"; for a in "$@"; do printf '%s\\n' "$a"; done; } > "$CALLS/$i"
                case "${0##*/}" in
                  sha512sum) /bin/cat > "$CALLS/$i.stdin"; exit "${STUB_SHA512_EXIT:-0}";;
                  curl|wget)
                    [ -z "${STUB_DOWNLOAD_FAILS:-}" ] || exit 22
                    out=; prev=
                    for a in "$@"; do case "$prev" in --output|-O) out=$a;; esac; prev=$a; done
                    if [ -e "$PAYLOADS/${out##*/}" ]; then /bin/cat "$PAYLOADS/${out##*/}" > "$out"; else : > "$out"; fi;;
                esac
                exit 0
                """;
        executable(bin.resolve(tool), script);
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Makes a real tool unavailable (so the script must fall back to another one). */
    void remove(String tool) throws IOException {
        Files.deleteIfExists(tools.resolve(tool));
    }

    /** Runs the script, with its generated paths pointed into the sandbox, in the sandbox as working directory. */
    Result run(Shell shell, String script, Map<String, String> extraEnvironment) throws IOException, InterruptedException {
        String sandboxed = script.replace(ConnectDockerfile.PLUGINS_DIRECTORY, plugins.toString())
                .replace("/tmp/connect-build", mavenWork.toString());
        List<String> command = new ArrayList<>(shell.command);
        command.add("-c");
        command.add(sandboxed);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", bin + ":" + tools);
        env.put("HOME", root.toString());
        env.put("CALLS", calls.toString());
        env.put("PAYLOADS", payloads.toString());
        env.putAll(extraEnvironment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The script did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** The stubs' calls in the order they happened. */
    List<Call> calls() throws IOException {
        List<Call> result = new ArrayList<>();
        for (int i = 0; Files.exists(calls.resolve(Integer.toString(i))); i++) {
            List<String> lines = Files.readAllLines(calls.resolve(Integer.toString(i)), StandardCharsets.UTF_8);
            Path stdin = calls.resolve(i + ".stdin");
            result.add(new Call(lines.get(0), List.copyOf(lines.subList(1, lines.size())),
                    Files.exists(stdin) ? Files.readString(stdin, StandardCharsets.UTF_8) : null));
        }
        return result;
    }

    /** Whether an injected command left its marker anywhere in the sandbox. */
    boolean markerExists() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.anyMatch(p -> MARKER.equals(p.getFileName().toString()));
        }
    }

    /** Every path under the plugins directory, relative to it, with `@` after symbolic links, sorted. */
    List<String> pluginTree() throws IOException {
        try (Stream<Path> files = Files.walk(plugins)) {
            return files.filter(p -> !p.equals(plugins))
                    .map(p -> plugins.relativize(p) + (Files.isSymbolicLink(p) ? "@" : Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
        }
    }

    /**
     * The RUN scripts of the Dockerfile as the builder hands them to `/bin/sh -c`: continuation lines joined
     * (backslash and line break removed), one script per RUN instruction, in order.
     */
    static List<String> runScripts(String dockerfile) {
        List<String> scripts = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : dockerfile.split("\n", -1)) {
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1);
                continue;
            }
            logical.append(line);
            if (logical.toString().startsWith("RUN ")) {
                scripts.add(logical.substring("RUN ".length()));
            }
            logical.setLength(0);
        }
        return scripts;
    }
}
