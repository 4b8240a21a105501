package io.strimzi.connectbuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the builder runs as, for its first log line: user and group ids, effective capabilities and no_new_privs (from
 * /proc/self/status), and whether the root filesystem and TMPDIR are writable. A build that fails on permissions is
 * explained by this line; the tests read it to see the security context applied.
 */
final class ProcessIdentity {
    private ProcessIdentity() {
    }

    static String describe(Path scratch) {
        StringBuilder line = new StringBuilder("running as");
        try {
            for (String status : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (status.startsWith("Uid:") || status.startsWith("Gid:")) {
                    line.append(' ').append(status.substring(0, 3).toLowerCase(java.util.Locale.ROOT)).append('=')
                            .append(status.substring(4).strip().split("\\s+")[1]);
                } else if (status.startsWith("CapEff:") || status.startsWith("NoNewPrivs:")) {
                    line.append(' ').append(status.substring(0, status.indexOf(':'))).append('=').append(status.substring(status.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException e) {
            line.append(" (no /proc/self/status)");
        }
        line.append("; root filesystem ").append(Files.isWritable(Path.of("/")) ? "writable" : "read-only");
        line.append(", TMPDIR ").append(scratch).append(Files.isWritable(scratch) ? " writable" : " not writable");
        return line.toString();
    }
}
