package io.strimzi.connectbuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Archive entry names made relative to the artifact's directory: `./` and empty components dropped, a trailing `/`
 * dropped. An absolute name or one with a `..` component could write outside the directory and is refused (GNU tar and
 * Info-ZIP unzip would fail the Dockerfile's step on `..`, and warn on a leading `/`).
 */
final class EntryNames {
    private EntryNames() {
    }

    /**
     * @param artifact how messages name the artifact
     * @throws BuildException for an absolute name, a `..` component or a NUL
     */
    static String relative(String artifact, String name) {
        if (name.startsWith("/")) {
            throw refuse(artifact, name, "is an absolute path");
        }
        if (name.indexOf('\0') >= 0) {
            throw refuse(artifact, name, "contains a NUL character");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw refuse(artifact, name, "leads out of the artifact's directory through '..'");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static BuildException refuse(String artifact, String name, String why) {
        return new BuildException(artifact + ": the archive entry '" + name + "' " + why + "; nothing was pushed");
    }
}
