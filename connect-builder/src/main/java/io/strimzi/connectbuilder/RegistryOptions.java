package io.strimzi.connectbuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one registry phase, with Buildah's names and meanings: `additionalBuildOptions` for pulling the base
 * image (what `buildah build` does with them), `additionalPushOptions` for pushing (`buildah push`). Each option is one
 * list item, `--name` or `--name=value`, as the operator has checked them.
 *
 * @param tlsVerify  `--tls-verify` (default true): false allows plain HTTP and certificates that do not verify
 * @param username   `--creds=user:password`, or null
 * @param password   with {@code username}
 * @param authFile   `--authfile`: a Docker `config.json` / containers `auth.json`, or null
 * @param certDir    `--cert-dir`: `*.crt` CA certificates and `*.cert`/`*.key` client pairs, or null
 * @param retries    `--retry` (default 3): how often a failed registry call is tried again
 * @param retryDelay `--retry-delay` (default 2s): the wait between tries
 * @param quiet      `--quiet` (push only): no progress lines
 */
public record RegistryOptions(boolean tlsVerify, String username, String password, Path authFile, Path certDir, int retries,
                              Duration retryDelay, boolean quiet) {
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(2);
    /** A Go duration as Buildah parses it: `2s`, `500ms`, `1m30s`, `1.5h`. */
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");

    /** Which phase the options are for: the push phase also takes `--quiet`. */
    public enum Phase {
        PULL("additionalBuildOptions"), PUSH("additionalPushOptions");

        private final String field;

        Phase(String field) {
            this.field = field;
        }

        /** The field of `.spec.build.output` the options come from. */
        public String field() {
            return ".spec.build.output." + field;
        }
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(true, null, null, null, null, DEFAULT_RETRIES, DEFAULT_RETRY_DELAY, false);
    }

    /**
     * @throws BuildException naming the field and the option (never its value: it may be a password)
     */
    public static RegistryOptions parse(List<String> options, Phase phase) {
        boolean tlsVerify = true;
        String username = null;
        String password = null;
        Path authFile = null;
        Path certDir = null;
        int retries = DEFAULT_RETRIES;
        Duration retryDelay = DEFAULT_RETRY_DELAY;
        boolean quiet = false;
        for (String option : options) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? null : option.substring(eq + 1);
            switch (name) {
                case "--tls-verify" -> tlsVerify = bool(value, name, phase);
                case "--quiet" -> {
                    if (phase != Phase.PUSH) {
                        throw unsupported(name, phase);
                    }
                    quiet = bool(value, name, phase);
                }
                case "--creds" -> {
                    String creds = required(value, name, phase);
                    int colon = creds.indexOf(':');
                    if (colon <= 0) {
                        throw new BuildException(phase.field() + ": --creds needs user:password (there is no prompt in a build Pod)");
                    }
                    username = creds.substring(0, colon);
                    password = creds.substring(colon + 1);
                }
                case "--authfile" -> authFile = Path.of(required(value, name, phase));
                case "--cert-dir" -> certDir = Path.of(required(value, name, phase));
                case "--retry" -> {
                    try {
                        retries = Integer.parseInt(required(value, name, phase));
                    } catch (NumberFormatException e) {
                        retries = -1;
                    }
                    if (retries < 0) {
                        throw new BuildException(phase.field() + ": --retry needs a number of retries, not '" + value + "'");
                    }
                }
                case "--retry-delay" -> retryDelay = duration(required(value, name, phase), phase);
                default -> throw unsupported(name, phase);
            }
        }
        return new RegistryOptions(tlsVerify, username, password, authFile, certDir, retries, retryDelay, quiet);
    }

    private static BuildException unsupported(String name, Phase phase) {
        return new BuildException(phase.field() + ": the layer builder does not support the option " + name);
    }

    private static String required(String value, String name, Phase phase) {
        if (value == null || value.isEmpty()) {
            throw new BuildException(phase.field() + ": " + name + " needs a value, given as " + name + "=value");
        }
        return value;
    }

    /** Go's strconv.ParseBool, which Buildah's flags use. */
    static boolean bool(String value, String name, Phase phase) {
        if (value == null) {
            return true;
        }
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new BuildException(phase.field() + ": " + name + " takes true or false, not '" + value + "'");
        };
    }

    /** A Go duration (`time.ParseDuration`): a sequence of decimal numbers with units. */
    static Duration duration(String value, Phase phase) {
        String text = value.toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION_PART.matcher(text);
        double nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double number = Double.parseDouble(matcher.group(1));
            nanos += number * switch (matcher.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            throw new BuildException(phase.field() + ": --retry-delay needs a duration such as 2s or 500ms, not '" + value + "'");
        }
        return Duration.ofNanos((long) nanos);
    }
}
