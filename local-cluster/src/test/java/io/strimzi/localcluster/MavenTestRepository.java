package io.strimzi.localcluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Maven repository layout served by the artifact server: `org.example.layer:connector:1.0` with a compile dependency
 * on `library` (which depends on `transitive`, compile, and on `library-test-only`, test), a runtime dependency, an
 * optional one, a provided one and a test one.
 */
final class MavenTestRepository {
    static final String GROUP = "org.example.layer";

    private MavenTestRepository() {
    }

    /** Serves the repository under prefix and returns its URL. */
    static String serve(ArtifactServer server, String prefix) {
        artifact(server, prefix, "connector", "1.0", List.of(
                dependency("library", "1.0", null, false),
                dependency("runtime-lib", "2.1", "runtime", false),
                dependency("optional-lib", "1.0", null, true),
                dependency("provided-lib", "1.0", "provided", false),
                dependency("test-lib", "1.0", "test", false)));
        artifact(server, prefix, "library", "1.0", List.of(
                dependency("transitive", "3.0", null, false),
                dependency("library-test-only", "1.0", "test", false)));
        for (Map.Entry<String, String> leaf : Map.of("runtime-lib", "2.1", "optional-lib", "1.0", "provided-lib", "1.0",
                "test-lib", "1.0", "transitive", "3.0", "library-test-only", "1.0").entrySet()) {
            artifact(server, prefix, leaf.getKey(), leaf.getValue(), List.of());
        }
        return server.url(prefix + "/");
    }

    private static String dependency(String artifact, String version, String scope, boolean optional) {
        return "    <dependency><groupId>" + GROUP + "</groupId><artifactId>" + artifact + "</artifactId><version>" + version
                + "</version>" + (scope == null ? "" : "<scope>" + scope + "</scope>") + (optional ? "<optional>true</optional>" : "")
                + "</dependency>\n";
    }

    private static void artifact(ArtifactServer server, String prefix, String artifact, String version, List<String> dependencies) {
        String base = prefix + "/" + GROUP.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version;
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>" + GROUP + "</groupId><artifactId>" + artifact + "</artifactId><version>" + version + "</version>\n"
                + "  <dependencies>\n" + String.join("", dependencies) + "  </dependencies>\n</project>\n";
        byte[] pomBytes = pom.getBytes(StandardCharsets.UTF_8);
        byte[] jar = TestArtifacts.jar(Map.of("org/example/layer/" + artifact.replace('-', '_') + "/Marker.class", artifact + " " + version));
        server.serve(base + ".pom", pomBytes);
        server.serve(base + ".pom.sha1", sha1(pomBytes));
        server.serve(base + ".jar", jar);
        server.serve(base + ".jar.sha1", sha1(jar));
    }

    private static byte[] sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content)).getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
