package io.strimzi.operator.cluster.model.connectbuild;

import com.sun.net.httpserver.HttpServer;
import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.api.kafka.model.connect.build.MavenIncludeScope;
import io.strimzi.api.kafka.model.connect.build.MavenMirror;
import io.strimzi.operator.cluster.model.connectbuild.DockerfileScriptSandbox.Result;
import io.strimzi.operator.cluster.model.connectbuild.DockerfileScriptSandbox.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.config;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.connect;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.maven;
import static io.strimzi.operator.cluster.model.connectbuild.DockerfileTestInputs.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jars a `maven` artifact puts into the image, decided by the real Maven (the machine's `mvn` and the pinned
 * maven-dependency-plugin), for an artifact with dependencies of every scope, compared with what Strimzi's Dockerfile
 * commands give for the same artifact (its POM fetched, `mvn dependency:copy-dependencies` on it, its jar fetched).
 * A local HTTP server is the build's only Maven repository, through the artifact's `mirrors`: it serves the test
 * artifacts and, for Maven's own plugins, the files of the local Maven repository (or Maven Central's, on a machine
 * that has not fetched them yet).
 */
class MavenDependencySetTest {
    private static final String GROUP = "org.example.connect";
    private static final Path LOCAL_REPOSITORY = Path.of(System.getProperty("user.home"), ".m2", "repository");
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final HttpClient CENTRAL_CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @TempDir
    Path temp;
    /** One local Maven repository for the class, so that Maven's plugins are fetched once. */
    @TempDir
    static Path localRepository;
    private Path testRepository;
    private HttpServer server;
    /** Every path the server was asked for, by every test of the class. */
    private static final ConcurrentLinkedQueue<String> REQUESTS = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void serveTheRepository() throws IOException {
        testRepository = Files.createDirectories(temp.resolve("remote"));
        artifact("parent", "1.0", "pom", "", "");
        artifact("connector", "1.0", "jar", "<parent><groupId>" + GROUP + "</groupId><artifactId>parent</artifactId>"
                + "<version>1.0</version></parent>", dependency("compile-dep", null, false)
                + dependency("runtime-dep", "runtime", false) + dependency("provided-dep", "provided", false)
                + dependency("test-dep", "test", false) + dependency("optional-dep", null, true));
        artifact("compile-dep", "1.0", "jar", "", dependency("transitive-dep", null, false)
                + dependency("transitive-test-dep", "test", false) + dependency("transitive-provided-dep", "provided", false));
        for (String leaf : List.of("runtime-dep", "provided-dep", "test-dep", "optional-dep", "transitive-dep",
                "transitive-test-dep", "transitive-provided-dep")) {
            artifact(leaf, "1.0", "jar", "", "");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring(1);
            REQUESTS.add(path);
            byte[] body = "GET".equals(exchange.getRequestMethod()) ? fetch(path) : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /**
     * A file of the test repository, else of the local Maven repository, else (Maven's plugins on a machine that has not
     * fetched them yet) of Maven Central; null when none has it.
     */
    private byte[] fetch(String path) throws IOException {
        for (Path root : List.of(testRepository, LOCAL_REPOSITORY)) {
            Path file = root.resolve(path).normalize();
            if (file.startsWith(root) && Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
        }
        if (path.startsWith(GROUP.replace('.', '/'))) {
            return null;
        }
        try {
            HttpResponse<byte[]> response = CENTRAL_CLIENT.send(HttpRequest.newBuilder(URI.create(CENTRAL + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void artifact(String artifactId, String version, String packaging, String parent, String dependencies) throws IOException {
        Path dir = Files.createDirectories(testRepository.resolve(GROUP.replace('.', '/') + "/" + artifactId + "/" + version));
        Files.writeString(dir.resolve(artifactId + "-" + version + ".pom"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                + "<modelVersion>4.0.0</modelVersion>" + parent + "<groupId>" + GROUP + "</groupId><artifactId>" + artifactId
                + "</artifactId><version>" + version + "</version><packaging>" + packaging + "</packaging><dependencies>"
                + dependencies + "</dependencies></project>", StandardCharsets.UTF_8);
        if ("jar".equals(packaging)) {
            Files.writeString(dir.resolve(artifactId + "-" + version + ".jar"), artifactId, StandardCharsets.UTF_8);
        }
    }

    private static String dependency(String artifactId, String scope, boolean optional) {
        return "<dependency><groupId>" + GROUP + "</groupId><artifactId>" + artifactId + "</artifactId><version>1.0</version>"
                + (scope == null ? "" : "<scope>" + scope + "</scope>") + (optional ? "<optional>true</optional>" : "")
                + "</dependency>";
    }

    /** Runs the Maven stage of the generated Dockerfile with the real Maven; the jars it left for the artifact. */
    private Set<String> operatorJars(MavenIncludeScope includeScope) throws Exception {
        MavenArtifact artifact = maven(url(), GROUP, "connector", "1.0", null);
        MavenMirror mirror = new MavenMirror();
        mirror.setUrl(url());
        artifact.setMirrors(List.of(mirror));
        artifact.setIncludeScope(includeScope);
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(Files.createDirectories(temp.resolve("operator-" + includeScope)));
        List<String> scripts = DockerfileScriptSandbox.runScripts(ConnectDockerfile.fromCrd(connect(plugin("connector", artifact)), config()).content());
        Result result = sandbox.run(Shell.DASH, scripts.get(0), mavenEnvironment());
        assertEquals(0, result.exitCode(), result.output());
        String hash = PluginArtifact.identityHash("maven", url(), GROUP, "connector", "1.0");
        return files(sandbox.mavenWork.resolve("plugins/connector/" + hash));
    }

    /**
     * Strimzi's commands for the same artifact, with its settings file (the repository, and the same mirror, with the
     * same id: the shared local repository only hands out what was fetched from a repository of the id asked for).
     */
    private Set<String> strimziJars() throws Exception {
        Path work = Files.createDirectories(temp.resolve("strimzi"));
        Path out = work.resolve("artifacts");
        String settings = "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\"><mirrors><mirror><id>plugin-mirror</id><url>" + url()
                + "</url><mirrorOf>*</mirrorOf></mirror></mirrors><profiles><profile><id>download</id><repositories><repository>"
                + "<id>custom-repo</id><url>" + url() + "</url></repository></repositories></profile></profiles><activeProfiles>"
                + "<activeProfile>download</activeProfile></activeProfiles></settings>";
        Files.writeString(work.resolve("settings.xml"), settings, StandardCharsets.UTF_8);
        String base = url() + GROUP.replace('.', '/') + "/connector/1.0/connector-1.0";
        String script = "set -e\n"
                + "curl -f -s -L --create-dirs --output " + work + "/pom.xml " + base + ".pom\n"
                + "mvn --batch-mode --quiet " + DockerfileWriter.MAVEN_DEPENDENCY_PLUGIN + ":copy-dependencies -s " + work
                + "/settings.xml -DoutputDirectory=" + out + " -f " + work + "/pom.xml\n"
                + "curl -f -s -L --create-dirs --output " + out + "/connector-1.0.jar " + base + ".jar\n";
        DockerfileScriptSandbox sandbox = new DockerfileScriptSandbox(work.resolve("sandbox"));
        Result result = sandbox.run(Shell.DASH, script, mavenEnvironment());
        assertEquals(0, result.exitCode(), result.output());
        return files(out);
    }

    private static Map<String, String> mavenEnvironment() {
        return Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "JAVA_HOME", System.getProperty("java.home"),
                "MAVEN_OPTS", "-Dmaven.repo.local=" + localRepository);
    }

    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new TreeSet<>(files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void withoutIncludeScopeTheImageGetsStrimzisDependenciesOfEveryScope() throws Exception {
        Set<String> operator = operatorJars(null);
        assertEquals(new TreeSet<>(Set.of("connector-1.0.jar", "compile-dep-1.0.jar", "transitive-dep-1.0.jar", "runtime-dep-1.0.jar",
                "provided-dep-1.0.jar", "test-dep-1.0.jar", "optional-dep-1.0.jar")), operator);
        assertEquals(strimziJars(), operator, "the same jars as Strimzi's Dockerfile commands");
    }

    /** The class's local repository started empty, so Maven had to fetch its plugin: through the mirror. */
    @AfterAll
    static void mavensOwnPluginCameThroughTheMirror() {
        assertTrue(REQUESTS.stream().anyMatch(r -> r.contains("maven-dependency-plugin/3.8.1/")), "requests: " + REQUESTS);
    }

    @Test
    void includeScopeRuntimeKeepsTheCompileAndRuntimeDependencies() throws Exception {
        assertEquals(new TreeSet<>(Set.of("connector-1.0.jar", "compile-dep-1.0.jar", "transitive-dep-1.0.jar", "runtime-dep-1.0.jar",
                "optional-dep-1.0.jar")), operatorJars(MavenIncludeScope.RUNTIME));
    }
}
