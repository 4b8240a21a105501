package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.api.kafka.model.connect.build.MavenIncludeScope;
import io.strimzi.api.kafka.model.connect.build.MavenMirror;
import io.strimzi.operator.cluster.model.connectbuild.DockerfileScriptSandbox.Call;
import io.strimzi.operator.cluster.model.connectbuild.DockerfileScriptSandbox.Result;
import io.strimzi.operator.cluster.model.connectbuild.DockerfileScriptSandbox.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;

import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.config;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.connect;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.jar;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.maven;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.other;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.plugin;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.tgz;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executes the generated RUN scripts with dash and busybox sh, with hostile values that pass validation, and checks
 * that each tool got exactly the intended arguments, that the plugin layout is right, and that nothing else ran.
 */
class DockerfileScriptExecutionTest {
    /** Passes validation (no white space or control character) and would run commands if it were ever unquoted. */
    private static final String HOSTILE_URL = "https://example.com/a';touch${IFS}pwned;'\"$(touch${IFS}pwned)`touch${IFS}pwned`;&&|*?[a]\\";
    private static final String HOSTILE_FILE_NAME = "it's \"$(touch pwned)\" `touch pwned`; && touch pwned | * ? [a] \\ <<EOF ~ $HOME";
    private static final String JAR_URL = "https://repo.example.com/echo-sink-1.0.0.jar?x='$(touch${IFS}pwned)'";
    private static final String TGZ_URL = "https://repo.example.com/plugin.tgz#`touch${IFS}pwned`";
    private static final String ZIP_URL = "ftp://repo.example.com/plugin.zip;touch${IFS}pwned";

    @TempDir
    Path temp;

    @Test
    void recordsExactlyTheIntendedArgvWithCurl() throws Exception {
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(temp);
        for (String tool : List.of("curl", "sha512sum", "tar", "unzip")) {
            sandbox.stub(tool);
        }
        String sha = sha512("whatever");
        KafkaConnect connect = connect(plugin("hostile",
                jar(JAR_URL, sha, true),
                tgz(TGZ_URL, null, null),
                zip(ZIP_URL, sha.toUpperCase(), null),
                other(HOSTILE_URL, HOSTILE_FILE_NAME, null, null)));

        Result result = sandbox.run(Shell.DASH, downloadScript(connect), Map.of());

        assertEquals(0, result.exitCode(), result.output());
        String dir = sandbox.plugins + "/hostile/";
        String jarTmp = dir + PluginArtifact.identityHash("jar", JAR_URL) + ".download";
        String tgzTmp = dir + PluginArtifact.identityHash("tgz", TGZ_URL) + ".download";
        String zipTmp = dir + PluginArtifact.identityHash("zip", ZIP_URL) + ".download";
        String otherTmp = dir + PluginArtifact.identityHash("other", HOSTILE_URL) + ".download";
        List<Call> expected = List.of(
                new Call("curl", List.of("--fail", "--silent", "--show-error", "--location", "--insecure", "--output", jarTmp, "--", JAR_URL), null),
                new Call("sha512sum", List.of("-c", "-"), sha + "  " + jarTmp + "\n"),
                new Call("curl", List.of("--fail", "--silent", "--show-error", "--location", "--output", tgzTmp, "--", TGZ_URL), null),
                new Call("tar", List.of("-xzf", tgzTmp, "-C", tgzTmp.replace(".download", "")), null),
                new Call("curl", List.of("--fail", "--silent", "--show-error", "--location", "--output", zipTmp, "--", ZIP_URL), null),
                new Call("sha512sum", List.of("-c", "-"), sha + "  " + zipTmp + "\n"),
                new Call("unzip", List.of("-q", "-o", zipTmp, "-d", zipTmp.replace(".download", "")), null),
                new Call("curl", List.of("--fail", "--silent", "--show-error", "--location", "--output", otherTmp, "--", HOSTILE_URL), null));
        assertEquals(expected, sandbox.calls());
        String otherHash = PluginArtifact.identityHash("other", HOSTILE_URL);
        assertTrue(sandbox.pluginTree().contains("hostile/" + otherHash + "/" + HOSTILE_FILE_NAME), sandbox.pluginTree().toString());
        assertTrue(sandbox.pluginTree().contains("hostile/" + PluginArtifact.identityHash("jar", JAR_URL) + "/echo-sink-1.0.0.jar"),
                sandbox.pluginTree().toString());
        assertFalse(sandbox.markerExists(), "an injected command ran");
    }

    @Test
    void fallsBackToWgetWithoutCurl() throws Exception {
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(temp);
        sandbox.stub("wget");
        KafkaConnect connect = connect(plugin("p1", jar(JAR_URL, null, null), other(HOSTILE_URL, null, null, true)));

        Result result = sandbox.run(Shell.DASH, downloadScript(connect), Map.of());

        assertEquals(0, result.exitCode(), result.output());
        String dir = sandbox.plugins + "/p1/";
        assertEquals(List.of(
                new Call("wget", List.of("-q", "-O", dir + PluginArtifact.identityHash("jar", JAR_URL) + ".download", "--", JAR_URL), null),
                new Call("wget", List.of("-q", "--no-check-certificate", "-O", dir + PluginArtifact.identityHash("other", HOSTILE_URL) + ".download", "--", HOSTILE_URL), null)),
                sandbox.calls());
        assertFalse(sandbox.markerExists(), "an injected command ran");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void installsEveryArtifactTypeWithRealTools(Shell shell) throws Exception {
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(temp);
        sandbox.stub("curl");
        byte[] jarBytes = "jar bytes".getBytes(StandardCharsets.UTF_8);
        byte[] tgzBytes = tgzFixture(sandbox);
        byte[] zipBytes = zipWithSymbolicLink();
        byte[] otherBytes = "other bytes".getBytes(StandardCharsets.UTF_8);
        payload(sandbox, "echo", "jar", JAR_URL, jarBytes);
        payload(sandbox, "echo", "tgz", TGZ_URL, tgzBytes);
        payload(sandbox, "camel", "zip", ZIP_URL, zipBytes);
        payload(sandbox, "camel", "other", HOSTILE_URL, otherBytes);
        assertUnzipCreatesTheLink(sandbox, shell, zipBytes);
        KafkaConnect connect = connect(
                plugin("echo", jar(JAR_URL, sha512(jarBytes), null), tgz(TGZ_URL, sha512(tgzBytes), null)),
                plugin("camel", zip(ZIP_URL, sha512(zipBytes), null), other(HOSTILE_URL, HOSTILE_FILE_NAME, sha512(otherBytes), true)));

        Result result = sandbox.run(shell, downloadScript(connect), Map.of());

        assertEquals(0, result.exitCode(), result.output());
        String jarDir = "echo/" + PluginArtifact.identityHash("jar", JAR_URL);
        String tgzDir = "echo/" + PluginArtifact.identityHash("tgz", TGZ_URL);
        String zipDir = "camel/" + PluginArtifact.identityHash("zip", ZIP_URL);
        String otherDir = "camel/" + PluginArtifact.identityHash("other", HOSTILE_URL);
        // No archive, no download left behind, and the zip's link is gone.
        assertEquals(List.of("camel/", otherDir + "/", otherDir + "/" + HOSTILE_FILE_NAME, zipDir + "/", zipDir + "/lib/", zipDir + "/lib/b.jar",
                        "echo/", jarDir + "/", jarDir + "/echo-sink-1.0.0.jar", tgzDir + "/", tgzDir + "/lib/", tgzDir + "/lib/a.jar")
                        .stream().sorted().toList(),
                sandbox.pluginTree());
        assertEquals("jar bytes", Files.readString(sandbox.plugins.resolve(jarDir + "/echo-sink-1.0.0.jar")));
        assertEquals("other bytes", Files.readString(sandbox.plugins.resolve(otherDir).resolve(HOSTILE_FILE_NAME)));
        assertEquals("a", Files.readString(sandbox.plugins.resolve(tgzDir + "/lib/a.jar")));
        assertEquals("b", Files.readString(sandbox.plugins.resolve(zipDir + "/lib/b.jar")));
        assertEquals(List.of(JAR_URL, TGZ_URL, ZIP_URL, HOSTILE_URL), sandbox.calls().stream().map(c -> c.args().get(c.args().size() - 1)).toList());
        assertTrue(sandbox.calls().get(3).args().contains("--insecure"));
        assertFalse(sandbox.calls().get(0).args().contains("--insecure"));
        assertFalse(sandbox.markerExists(), "an injected command ran");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void stopsTheBuildOnAChecksumMismatch(Shell shell) throws Exception {
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(temp);
        sandbox.stub("curl");
        payload(sandbox, "p1", "jar", JAR_URL, "tampered".getBytes(StandardCharsets.UTF_8));
        KafkaConnect connect = connect(plugin("p1", jar(JAR_URL, sha512("expected"), null), jar("https://example.com/next.jar")));

        Result result = sandbox.run(shell, downloadScript(connect), Map.of());

        assertNotEquals(0, result.exitCode(), result.output());
        assertEquals(1, sandbox.calls().size(), "nothing is downloaded after the mismatch");
        // The verified file is left where it was downloaded; it never reaches its place in the plugin directory.
        assertEquals(List.of("p1/", "p1/" + PluginArtifact.identityHash("jar", JAR_URL) + ".download",
                "p1/" + PluginArtifact.identityHash("jar", JAR_URL) + "/"), sandbox.pluginTree());
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void stopsTheBuildWhenADownloadFails(Shell shell) throws Exception {
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(temp);
        sandbox.stub("curl");
        KafkaConnect connect = connect(plugin("p1", jar(JAR_URL), jar("https://example.com/next.jar")));

        Result result = sandbox.run(shell, downloadScript(connect), Map.of("STUB_DOWNLOAD_FAILS", "true"));

        assertNotEquals(0, result.exitCode(), result.output());
        assertEquals(1, sandbox.calls().size(), "nothing runs after the failed download");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void copiesUpperCaseProxiesToTheNamesCurlAndWgetRead(Shell shell) throws Exception {
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(temp);
        String script = downloadScript(connect(plugin("p1", jar(JAR_URL))));
        String probe = script.substring(0, script.indexOf("download() {"))
                + " echo \"http=${http_proxy:-} https=${https_proxy:-} no=${no_proxy:-}\"";
        Result result = sandbox.run(shell, probe, Map.of("HTTP_PROXY", "http://p:3128", "HTTPS_PROXY", "http://q:3128",
                "NO_PROXY", "localhost", "no_proxy", "kept"));
        assertEquals("http=http://p:3128 https=http://q:3128 no=kept\n", result.output());
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void writesTheSettingsAndRunsMavenOnTheArtifactsOwnPom(Shell shell) throws Exception {
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(temp);
        sandbox.stub("mvn");
        String repository = "https://repo.example.com/a'b\"c<d>&e;$(touch$IFS./pwned)`touch$IFS./pwned`/</url><x>";
        MavenArtifact custom = maven(repository, "io.confluent.kafka.connect", "kafka-connect-jdbc", "10.8.0", true);
        MavenMirror mirror = new MavenMirror();
        mirror.setUrl("https://nexus.example.com/maven/</url><x>");
        custom.setMirrors(List.of(mirror));
        MavenArtifact central = maven(null, "org.postgresql", "postgresql", "42.7.4", null);
        central.setIncludeScope(MavenIncludeScope.RUNTIME);
        KafkaConnect connect = connect(plugin("jdbc", custom, central));
        List<String> scripts = DockerfileScriptSandbox.runScripts(ConnectDockerfile.fromCrd(connect, config()).content());
        assertEquals(1, scripts.size(), "only the Maven stage runs a script");

        Result result = sandbox.run(shell, scripts.get(0), Map.of());

        assertEquals(0, result.exitCode(), result.output());
        String customHash = PluginArtifact.identityHash("maven", repository, "io.confluent.kafka.connect", "kafka-connect-jdbc", "10.8.0");
        String centralHash = PluginArtifact.identityHash("maven", "https://repo1.maven.org/maven2/", "org.postgresql", "postgresql", "42.7.4");
        Path customDir = sandbox.mavenWork.resolve("poms/jdbc/" + customHash);
        Path centralDir = sandbox.mavenWork.resolve("poms/jdbc/" + centralHash);
        Document customSettings = parse(customDir.resolve("settings.xml"));
        assertEquals(List.of("https://nexus.example.com/maven/</url><x>", repository), texts(customSettings, "url"));
        assertEquals(List.of("*"), texts(customSettings, "mirrorOf"));
        assertEquals(List.of("plugin-repository"), texts(customSettings, "activeProfile"));
        assertEquals(0, customSettings.getElementsByTagName("x").getLength(), "a URL cannot add elements");
        Document centralSettings = parse(centralDir.resolve("settings.xml"));
        assertEquals(0, centralSettings.getElementsByTagName("repository").getLength(), "Maven Central needs no repository entry");
        assertEquals(0, centralSettings.getElementsByTagName("mirror").getLength());

        String plugin = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
        List<String> insecure = List.of("-Daether.connector.https.securityMode=insecure", "-Dmaven.wagon.http.ssl.insecure=true",
                "-Dmaven.wagon.http.ssl.allowall=true", "-Dmaven.wagon.http.ssl.ignore.validity.dates=true");
        String customOut = "-DoutputDirectory=" + sandbox.mavenWork + "/plugins/jdbc/" + customHash;
        String centralOut = "-DoutputDirectory=" + sandbox.mavenWork + "/plugins/jdbc/" + centralHash;
        assertEquals(List.of(
                new Call("mvn", concat(List.of("--batch-mode", "--quiet", "--settings", customDir + "/settings.xml"), insecure,
                        List.of(plugin + ":copy", "-Dartifact=io.confluent.kafka.connect:kafka-connect-jdbc:10.8.0:pom",
                                "-DoutputDirectory=" + customDir)), null),
                new Call("mvn", concat(List.of("--batch-mode", "--quiet", "--settings", customDir + "/settings.xml"), insecure,
                        List.of("--file", customDir + "/kafka-connect-jdbc-10.8.0.pom", plugin + ":copy-dependencies", customOut)), null),
                new Call("mvn", concat(List.of("--batch-mode", "--quiet", "--settings", customDir + "/settings.xml"), insecure,
                        List.of(plugin + ":copy", "-Dartifact=io.confluent.kafka.connect:kafka-connect-jdbc:10.8.0", customOut)), null),
                new Call("mvn", List.of("--batch-mode", "--quiet", "--settings", centralDir + "/settings.xml",
                        plugin + ":copy", "-Dartifact=org.postgresql:postgresql:42.7.4:pom", "-DoutputDirectory=" + centralDir), null),
                new Call("mvn", List.of("--batch-mode", "--quiet", "--settings", centralDir + "/settings.xml",
                        "--file", centralDir + "/postgresql-42.7.4.pom", plugin + ":copy-dependencies", "-DincludeScope=runtime",
                        centralOut), null),
                new Call("mvn", List.of("--batch-mode", "--quiet", "--settings", centralDir + "/settings.xml",
                        plugin + ":copy", "-Dartifact=org.postgresql:postgresql:42.7.4", centralOut), null)),
                sandbox.calls());
        assertFalse(sandbox.markerExists(), "an injected command ran");
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    /** The harness must be able to see an injection, or the checks above would prove nothing. */
    @ParameterizedTest
    @EnumSource(Shell.class)
    void sandboxNoticesAnInjectedCommand(Shell shell) throws Exception {
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(temp);
        sandbox.run(shell, "echo $(touch${IFS}" + DockerfileScriptSandbox.MARKER + ")", Map.of());
        assertTrue(sandbox.markerExists());
    }

    private static String downloadScript(KafkaConnect connect) {
        List<String> scripts = DockerfileScriptSandbox.runScripts(ConnectDockerfile.fromCrd(connect, config()).content());
        assertEquals(1, scripts.size(), "one RUN installs every downloaded artifact");
        return scripts.get(0);
    }

    private static void payload(DockerfileScriptSandbox sandbox, String plugin, String type, String url, byte[] content) throws IOException {
        // The stubs serve the payload named like the download's file; plugins have distinct hashes here.
        Files.write(sandbox.payloads.resolve(PluginArtifact.identityHash(type, url) + ".download"), content);
    }

    /** A real .tgz made with the machine's tar, holding lib/a.jar. */
    private static byte[] tgzFixture(DockerfileScriptSandbox sandbox) throws IOException, InterruptedException {
        Path source = Files.createDirectories(sandbox.root.resolve("tgz-source/lib"));
        Files.writeString(source.resolve("a.jar"), "a");
        Path archive = sandbox.root.resolve("fixture.tgz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", source.getParent().toString(), "lib")
                .redirectErrorStream(true).start();
        assertEquals(0, tar.waitFor(), new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return Files.readAllBytes(archive);
    }

    /** A zip holding lib/b.jar and `link`, a symbolic link to /etc/passwd (Unix mode in the central directory). */
    private static byte[] zipWithSymbolicLink() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("lib/b.jar"));
            zip.write("b".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            // Stored, as zip tools store links; busybox unzip refuses compressed ones.
            byte[] target = "/etc/passwd".getBytes(StandardCharsets.UTF_8);
            ZipEntry link = new ZipEntry("link");
            link.setMethod(ZipEntry.STORED);
            link.setSize(target.length);
            CRC32 crc = new CRC32();
            crc.update(target);
            link.setCrc(crc.getValue());
            zip.putNextEntry(link);
            zip.write(target);
            zip.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        // ZipOutputStream cannot mark a link; patch the central directory entry: made by Unix, mode lrwxrwxrwx.
        for (int i = 0; i + 46 < zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                int nameLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
                if ("link".equals(new String(zip, i + 46, nameLength, StandardCharsets.UTF_8))) {
                    zip[i + 5] = 3;
                    int mode = 0120777 << 16;
                    for (int b = 0; b < 4; b++) {
                        zip[i + 38 + b] = (byte) (mode >>> (8 * b));
                    }
                }
            }
        }
        return zip;
    }

    /** The fixture only proves link removal if the unzip in use really creates the link. */
    private static void assertUnzipCreatesTheLink(DockerfileScriptSandbox sandbox, Shell shell, byte[] zip) throws Exception {
        Path archive = sandbox.root.resolve("fixture.zip");
        Files.write(archive, zip);
        Path out = sandbox.root.resolve("unzip-check");
        Result result = sandbox.run(shell, "unzip -q -o '" + archive + "' -d '" + out + "'", Map.of());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(Files.isSymbolicLink(out.resolve("link")), "the fixture's link is unpacked as a link");
        Files.delete(out.resolve("link"));
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> texts(Document document, String tag) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < document.getElementsByTagName(tag).getLength(); i++) {
            texts.add(document.getElementsByTagName(tag).item(i).getTextContent());
        }
        return texts;
    }

    private static String sha512(String text) {
        return sha512(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha512(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
