package io.strimzi.connectbuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * `java -jar connect-builder.jar --plan FILE --termination-log FILE [--push-secret DIR]`: builds and pushes what the
 * plan says, exactly as the layer builder's Pod does (the Pod runs this command). Writes only below TMPDIR (`/tmp`
 * when unset). On success the termination log holds `<registry>/<repository>@<digest>` and the exit status is 0; on
 * failure it holds the cause and the status is 1; a wrong command line is status 2.
 */
public final class Main {
    static final String USAGE = "usage: java -jar connect-builder.jar --plan FILE --termination-log FILE [--push-secret DIR]";
    /** The kubelet keeps 4096 bytes of a termination message. */
    static final int MAX_MESSAGE_BYTES = 4000;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out) {
        Path plan = null;
        Path terminationLog = null;
        Path pushSecret = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--plan" -> plan = value == null ? null : Path.of(value);
                case "--termination-log" -> terminationLog = value == null ? null : Path.of(value);
                case "--push-secret" -> pushSecret = value == null ? null : Path.of(value);
                default -> {
                    out.println(USAGE);
                    return 2;
                }
            }
            i++;
        }
        if (plan == null || terminationLog == null) {
            out.println(USAGE);
            return 2;
        }
        String tmp = env.get("TMPDIR");
        Path scratch = Path.of(tmp == null || tmp.isBlank() ? "/tmp" : tmp);
        System.setProperty("java.io.tmpdir", scratch.toString());
        try {
            ImageAppender.Pushed pushed = new ConnectBuild(BuildPlan.read(plan), pushSecret, env, scratch, out::println).run();
            return write(terminationLog, pushed.reference(), out) ? 0 : 1;
        } catch (BuildException e) {
            out.println("build failed: " + e.getMessage());
            write(terminationLog, e.getMessage(), out);
            return 1;
        } catch (RuntimeException | Error e) {
            String message = "the layer builder failed: " + e + (e.getCause() == null ? "" : " (" + Messages.of(e.getCause()) + ")");
            e.printStackTrace(out);
            write(terminationLog, message, out);
            return 1;
        }
    }

    private static boolean write(Path terminationLog, String message, PrintStream out) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MESSAGE_BYTES) {
            String cut = new String(bytes, 0, MAX_MESSAGE_BYTES - 3, StandardCharsets.UTF_8);
            bytes = (cut.substring(0, Math.max(0, cut.length() - 1)) + "...").getBytes(StandardCharsets.UTF_8);
        }
        try {
            Files.write(terminationLog, bytes);
            return true;
        } catch (IOException e) {
            out.println("cannot write the termination log " + terminationLog + ": " + e.getMessage());
            return false;
        }
    }
}
