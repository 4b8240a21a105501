package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.Artifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.SHA512;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.config;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.connect;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.jar;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.maven;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.other;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.plugin;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.tgz;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every validation error of `.spec.build`, each with its field path and reason. */
class PluginValidatorTest {
    private static final String OK_URL = "https://example.com/a.jar";

    /** A description, the resource, the expected field path, and a fragment of the expected reason. */
    static Stream<Arguments> invalidResources() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(invalid("no build", () -> {
            KafkaConnect connect = connect(plugin("p1", jar(OK_URL)));
            connect.getSpec().setBuild(null);
            return connect;
        }, ".spec.build", "is required"));
        cases.add(invalid("plugins missing", () -> connect((List<Plugin>) null), ".spec.build.plugins", "at least one plugin"));
        cases.add(invalid("plugins empty", () -> connect(List.of()), ".spec.build.plugins", "at least one plugin"));
        cases.add(invalid("plugin null", () -> connect(Arrays.asList(plugin("p1", jar(OK_URL)), null)),
                ".spec.build.plugins[1]", "must not be empty"));
        cases.add(invalid("name missing", () -> connect(plugin(null, jar(OK_URL))), ".spec.build.plugins[0].name", "is required"));
        for (String name : List.of("My-Plugin", "a", "-ab", "ab-", "a/b", "..", "a b", "a;b", "a\nb", "a$(id)", "ab\u2028")) {
            cases.add(invalid("name " + name, () -> connect(plugin("ok1", jar(OK_URL)), plugin(name, jar(OK_URL))),
                    ".spec.build.plugins[1].name", name.contains("\n") || name.contains("\u2028") ? "control character" : "not a valid plugin name"));
        }
        cases.add(invalid("duplicate names", () -> connect(plugin("dup", jar(OK_URL)), plugin("other", jar(OK_URL)), plugin("dup", jar(OK_URL))),
                ".spec.build.plugins[2].name", "'dup' is already used by .spec.build.plugins[0].name"));
        cases.add(invalid("artifacts missing", () -> connect(plugin("p1", (Artifact[]) null)), ".spec.build.plugins[0].artifacts", "at least one artifact"));
        cases.add(invalid("artifacts empty", () -> connect(plugin("p1")), ".spec.build.plugins[0].artifacts", "at least one artifact"));
        cases.add(invalid("artifact null", () -> connect(plugin("p1", jar(OK_URL), null)), ".spec.build.plugins[0].artifacts[1]",
                "must be an artifact with a type (jar, tgz, zip, other or maven)"));
        cases.add(invalid("url missing", () -> connect(plugin("p1", jar(OK_URL)), plugin("p2", jar(OK_URL)), plugin("p3", jar(null))),
                ".spec.build.plugins[2].artifacts[0].url", "is required"));
        cases.add(invalid("url empty", () -> connect(plugin("p1", tgz("", null, null))), ".spec.build.plugins[0].artifacts[0].url", "is required"));
        for (String url : List.of("file:///etc/passwd", "https://x/a b", "example.com/a.jar", "https://", "HTTPS://x/a", "gopher://x/a")) {
            cases.add(invalid("url " + url, () -> connect(plugin("p1", zip(url, null, null))), ".spec.build.plugins[0].artifacts[0].url", "not a valid URL"));
        }
        for (String url : List.of("https://x/a\nRUN touch /pwned", "https://x/a\r", "https://x/a\u0000", "https://x/a\u001b[2J", "https://x/\u2028a", "https://x/\u0085a")) {
            cases.add(invalid("url with control character", () -> connect(plugin("p1", jar(url))), ".spec.build.plugins[0].artifacts[0].url", "control character"));
        }
        for (String sha : List.of("abc", SHA512 + "0", SHA512.substring(1) + "g", SHA512 + "\n", "$(id)")) {
            cases.add(invalid("sha512sum " + sha.length(), () -> connect(plugin("p1", jar(OK_URL, sha, null))),
                    ".spec.build.plugins[0].artifacts[0].sha512sum", sha.endsWith("\n") ? "control character" : "128 hexadecimal"));
        }
        cases.add(invalid("sha512sum empty", () -> connect(plugin("p1", jar(OK_URL, "", null))), ".spec.build.plugins[0].artifacts[0].sha512sum", "is required"));
        for (String fileName : List.of("a/b", "/etc/passwd", "../x", ".", "..")) {
            cases.add(invalid("fileName " + fileName, () -> connect(plugin("p1", other(OK_URL, fileName, null, null))),
                    ".spec.build.plugins[0].artifacts[0].fileName", fileName.contains("/") ? "without '/'" : "is not a file name"));
        }
        cases.add(invalid("fileName empty", () -> connect(plugin("p1", other(OK_URL, "", null, null))), ".spec.build.plugins[0].artifacts[0].fileName", "is required"));
        cases.add(invalid("fileName too long", () -> connect(plugin("p1", other(OK_URL, "é".repeat(128), null, null))),
                ".spec.build.plugins[0].artifacts[0].fileName", "longer than 255 bytes"));
        for (String fileName : List.of("a\nb", "a\tb", "a\u0000", "a\r")) {
            cases.add(invalid("fileName with control character", () -> connect(plugin("p1", other(OK_URL, fileName, null, null))),
                    ".spec.build.plugins[0].artifacts[0].fileName", "control character"));
        }
        cases.add(invalid("maven group missing", () -> connect(plugin("p1", jar(OK_URL), maven(null, null, "a", "1", null))),
                ".spec.build.plugins[0].artifacts[1].group", "is required"));
        cases.add(invalid("maven artifact missing", () -> connect(plugin("p1", maven(null, "g", null, "1", null))),
                ".spec.build.plugins[0].artifacts[0].artifact", "is required"));
        cases.add(invalid("maven version missing", () -> connect(plugin("p1", maven(null, "g", "a", null, null))),
                ".spec.build.plugins[0].artifacts[0].version", "is required"));
        for (String value : List.of("a b", "$(id)", "1;id", ".hidden", "a/b", "a'b", "<x>", "a\\b", "`id`")) {
            cases.add(invalid("maven group " + value, () -> connect(plugin("p1", maven(null, value, "a", "1", null))),
                    ".spec.build.plugins[0].artifacts[0].group", "not a valid Maven coordinate"));
            cases.add(invalid("maven artifact " + value, () -> connect(plugin("p1", maven(null, "g", value, "1", null))),
                    ".spec.build.plugins[0].artifacts[0].artifact", "not a valid Maven coordinate"));
            cases.add(invalid("maven version " + value, () -> connect(plugin("p1", maven(null, "g", "a", value, null))),
                    ".spec.build.plugins[0].artifacts[0].version", "not a valid Maven coordinate"));
        }
        cases.add(invalid("maven version newline", () -> connect(plugin("p1", maven(null, "g", "a", "1\n", null))),
                ".spec.build.plugins[0].artifacts[0].version", "control character"));
        for (String repository : List.of("ftp://repo.example.com/", "repo.example.com", "https://repo example.com/")) {
            cases.add(invalid("maven repository " + repository, () -> connect(plugin("p1", maven(repository, "g", "a", "1", null))),
                    ".spec.build.plugins[0].artifacts[0].repository", "not a valid repository URL"));
        }
        cases.add(invalid("maven repository property", () -> connect(plugin("p1", maven("https://repo.example.com/${env.HOME}", "g", "a", "1", null))),
                ".spec.build.plugins[0].artifacts[0].repository", "must not contain '${'"));
        cases.add(invalid("maven repository newline", () -> connect(plugin("p1", maven("https://repo.example.com/\n", "g", "a", "1", null))),
                ".spec.build.plugins[0].artifacts[0].repository", "control character"));
        cases.add(invalid("maven repository empty", () -> connect(plugin("p1", maven("", "g", "a", "1", null))),
                ".spec.build.plugins[0].artifacts[0].repository", "is required"));
        cases.add(invalid("same artifact twice", () -> connect(plugin("p1", jar(OK_URL), zip(OK_URL, null, null), jar(OK_URL, SHA512, true))),
                ".spec.build.plugins[0].artifacts[2]", "is the same artifact as .spec.build.plugins[0].artifacts[0]"));
        cases.add(invalid("same maven artifact twice", () -> connect(plugin("p1",
                        maven(null, "g", "a", "1", null), maven("https://repo1.maven.org/maven2/", "g", "a", "1", true))),
                ".spec.build.plugins[0].artifacts[1]", "is the same artifact as .spec.build.plugins[0].artifacts[0]"));
        return cases.stream();
    }

    private static Arguments invalid(String description, Supplier<KafkaConnect> resource, String path, String reason) {
        return Arguments.of(description, resource, path, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResources")
    void rejectsWithTheFieldPathAndReason(String description, Supplier<KafkaConnect> resource, String path, String reason) {
        InvalidResourceException e = assertThrows(InvalidResourceException.class, () -> ConnectDockerfile.fromCrd(resource.get(), config()));
        assertTrue(e.getMessage().startsWith(path + ": "), "expected the path " + path + " in: " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028'),
                "the message itself carries no control character: " + e.getMessage());
    }

    @Test
    void showsAControlCharacterAsAnEscapeInTheMessage() {
        InvalidResourceException e = assertThrows(InvalidResourceException.class,
                () -> ConnectDockerfile.fromCrd(connect(plugin("p1", jar("https://x/a\nb"))), config()));
        assertEquals(".spec.build.plugins[0].artifacts[0].url: contains the control character U+000A; line breaks, tabs "
                + "and other control characters are not allowed", e.getMessage());
    }

    @Test
    void acceptsTheSameUrlAsDifferentTypesAndInDifferentPlugins() {
        String content = ConnectDockerfile.fromCrd(connect(
                plugin("p1", jar(OK_URL), zip(OK_URL, null, null), other(OK_URL, null, null, null)),
                plugin("p2", jar(OK_URL))), config()).content();
        String jarHash = PluginArtifact.identityHash("jar", OK_URL);
        assertTrue(content.contains("'/opt/kafka/plugins/p1/" + jarHash + "/a.jar'"), content);
        assertTrue(content.contains("'/opt/kafka/plugins/p2/" + jarHash + "/a.jar'"), content);
        assertTrue(content.contains("-d '/opt/kafka/plugins/p1/" + PluginArtifact.identityHash("zip", OK_URL) + "'"), content);
    }

    @Test
    void acceptsNamesAndValuesAtTheEdgesOfTheirPatterns() {
        String content = ConnectDockerfile.fromCrd(connect(
                plugin("a0", jar("ftp://h/x")),
                plugin("0_-z", other("http://h/x", "-rf *", null, null),
                        maven("http://repo.example.com", "_g.h-i", "A_b.c-D", "1.0-SNAPSHOT", null))), config()).content();
        // A leading '-' cannot become an option: the name is part of an absolute path after `--`.
        assertTrue(content.contains("mv -- '/opt/kafka/plugins/0_-z/" + PluginArtifact.identityHash("other", "http://h/x") + ".download' '/opt/kafka/plugins/0_-z/"), content);
        assertTrue(content.contains("/-rf *'"), content);
    }

    @Test
    void derivesFileNamesFromUrls() {
        assertEquals("connector-1.0.jar", PluginValidator.fileNameFromUrl("https://h/p/connector-1.0.jar?x=/y#z/w"));
        assertEquals("a_b_c", PluginValidator.fileNameFromUrl("https://h/a%b$c"));
        assertEquals(null, PluginValidator.fileNameFromUrl("https://h"));
        assertEquals(null, PluginValidator.fileNameFromUrl("https://h/"));
        assertEquals(null, PluginValidator.fileNameFromUrl("https://h/dir/..?q"));
        assertEquals(null, PluginValidator.fileNameFromUrl("https://h/?q=/a.jar"));
    }
}
