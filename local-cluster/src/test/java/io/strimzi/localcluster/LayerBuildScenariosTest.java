package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.api.kafka.model.connect.build.MavenIncludeScope;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.strimzi.localcluster.PluginArchives.Entry.dir;
import static io.strimzi.localcluster.PluginArchives.Entry.file;
import static io.strimzi.localcluster.PluginArchives.Entry.hardlink;
import static io.strimzi.localcluster.PluginArchives.Entry.owned;
import static io.strimzi.localcluster.PluginArchives.Entry.symlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer builder end to end: the real operator with UseConnectBuildWithLayerAppend, its build Pod run by the fake
 * kubelet in the operator image (Debian 12 JRE, the built connect-builder.jar bound read-only at its image path) as the
 * Pod says (UID 1001, no capabilities, no_new_privs, read-only root but the scratch emptyDir), against the real
 * registry. Its image is compared with the one Buildah builds from the same KafkaConnect (a second operator with the
 * Buildah gate, in a namespace of its own), and its Maven jars with what the Dockerfile's Maven stage gives run with
 * this machine's `mvn`.
 */
class LayerBuildScenariosTest extends OperatorScenarios {
    private static final String NAMESPACE = "layer";
    private static final String BUILDAH_NAMESPACE = "layer-buildah";
    private static final String PLUGINS = "/opt/kafka/plugins";
    private static LocalOperator buildahOperator;
    private static FakeKubelet buildahKubelet;

    @BeforeAll
    static void startEverything() {
        startParts(NAMESPACE, LocalOperator.layerBuilderEnvironment());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(BUILDAH_NAMESPACE).endMetadata().build()).create();
        buildahKubelet = FakeKubelet.start(client, BUILDAH_NAMESPACE,
                FakeKubeletOptions.defaults(List.of(registry.address())).withListener(listener()));
        buildahOperator = LocalOperator.start(parts, null, Map.of("STRIMZI_NAMESPACE", BUILDAH_NAMESPACE,
                "STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE", BUILDAH_NAMESPACE), line -> OUTPUT.add("[buildah-operator] " + line));
    }

    @AfterAll
    static void stopEverything() {
        stopParts(buildahOperator, buildahKubelet);
    }

    /** Every downloadable type, with modes, owners, set-id bits, directory and file links, hard links, implied directories. */
    private static Plugin[] everyDownloadableType(String prefix) {
        byte[] jar = TestArtifacts.jar(Map.of("io/example/A.class", "jar content"));
        byte[] other = bytes("key=value\n");
        byte[] tgz = PluginArchives.tgz(List.of(
                dir("tgz-plugin/", 0755),
                dir("tgz-plugin/private/", 0700),
                file("tgz-plugin/lib/a.jar", 0644, "a"),
                owned("tgz-plugin/private/secret.properties", 0600, 1000, "secret"),
                file("tgz-plugin/bin/run.sh", 0755, "#!/bin/sh\n"),
                file("tgz-plugin/bin/setuid-tool", 04755, "tool"),
                owned("tgz-plugin/bin/group-writable", 0664, 1001, "shared"),
                symlink("tgz-plugin/lib/current.jar", "a.jar"),
                symlink("tgz-plugin/docs", "lib"),
                hardlink("tgz-plugin/lib/b.jar", "tgz-plugin/lib/a.jar")));
        byte[] zip = PluginArchives.zip(List.of(
                dir("zip-plugin/", 0755),
                file("zip-plugin/c.jar", 0644, "c"),
                file("zip-plugin/bin/tool", 0755, "t"),
                dir("zip-plugin/conf/", 0700),
                file("zip-plugin/conf/x.properties", 0600, "x"),
                symlink("zip-plugin/passwd", "/etc/passwd"),
                symlink("zip-plugin/inside", "c.jar")));
        return new Plugin[] {
            plugin("alpha", jar(prefix + "/a.jar", jar), other(prefix + "/d", other, "connector.properties")),
            plugin("beta", tgz(prefix + "/b.tgz", tgz), zip(prefix + "/c.zip", zip))
        };
    }

    @Test
    void theTreeIsTheOneBuildahBuildsFromTheSameKafkaConnectAndThePodRanRestricted() {
        Plugin[] plugins = everyDownloadableType("/tree");
        create(plainHttp(connect("tree", registry.address() + "/layer/tree:v1", plugins)));
        KafkaConnect buildah = plainHttp(connect("tree", registry.address() + "/buildah/tree:v1", plugins));
        buildah.getMetadata().setNamespace(BUILDAH_NAMESPACE);
        client.resources(KafkaConnect.class).inNamespace(BUILDAH_NAMESPACE).resource(buildah).create();

        String layerImage = awaitReadyImage("tree", 1);
        assertEquals(registry.address() + "/layer/tree@" + registry.requireDigestOf("layer/tree", "v1"), layerImage,
                "the termination message is the registry's digest");
        await("the Buildah build Ready", () -> readyCondition(BUILDAH_NAMESPACE, "tree"), c -> c != null && "True".equals(c.getStatus()));
        String buildahImage = deploymentImage(BUILDAH_NAMESPACE, "tree");

        Map<String, String> layerTree = tree(ImageContents.read(registry, layerImage));
        Map<String, String> buildahTree = tree(ImageContents.read(registry, buildahImage));
        assertEquals(buildahTree, layerTree, "the plugins tree (paths, types, modes, owners, contents, link targets)");
        // Not a vacuous equality: what the archives carry is there, and the zip's links are gone.
        String tgzDir = only(layerTree, "/beta/", "/tgz-plugin");
        assertEquals("file 4755 0:0 " + sha256("tool"), layerTree.get(tgzDir + "/bin/setuid-tool"));
        assertEquals("file 600 1000:1000 " + sha256("secret"), layerTree.get(tgzDir + "/private/secret.properties"));
        assertEquals("symlink 777 0:0 -> a.jar", layerTree.get(tgzDir + "/lib/current.jar"));
        assertEquals("hardlink 644 0:0 -> " + tgzDir + "/lib/a.jar", layerTree.get(tgzDir + "/lib/b.jar"));
        String zipDir = only(layerTree, "/beta/", "/zip-plugin");
        assertEquals("directory 700 0:0", layerTree.get(zipDir + "/conf"));
        assertEquals("directory 755 0:0", layerTree.get(zipDir + "/bin"), "an implied directory");
        assertTrue(layerTree.keySet().stream().noneMatch(path -> path.startsWith(zipDir) && layerTree.get(path).startsWith("symlink")),
                "the zip's links are removed: " + layerTree.keySet());
        assertEquals(buildahTree.get(PLUGINS), layerTree.get(PLUGINS), "the base's plugins directory is left as it is");

        String pod = NAMESPACE + "/" + BuildNames.buildPodName("tree");
        Map<String, Object> oci = parts.kubelet().runs().stream().filter(r -> r.pod().equals(pod)).findFirst().orElseThrow().ociConfig();
        Map<?, ?> process = (Map<?, ?>) oci.get("process");
        assertEquals(1001L, ((Number) ((Map<?, ?>) process.get("user")).get("uid")).longValue(), "the image's user: no runAsUser");
        assertEquals(Map.of("bounding", List.of(), "effective", List.of(), "permitted", List.of()), process.get("capabilities"));
        assertEquals(true, process.get("noNewPrivileges"));
        assertEquals(true, ((Map<?, ?>) oci.get("root")).get("readonly"));
        assertTrue(parts.kubelet().logs(pod).contains("running as uid=1001 gid=0 CapEff=0000000000000000 NoNewPrivs=1; "
                + "root filesystem read-only, TMPDIR /tmp writable"), parts.kubelet().logs(pod).toString());
    }

    /** Strimzi's Maven set (the artifact's POM as the project, every scope) and one narrowed by includeScope. */
    @Test
    void mavenArtifactsAreTheJarsTheDockerfilesMavenStageCopies(@TempDir Path work) throws Exception {
        String repository = MavenTestRepository.serve(artifacts, "/maven");
        MavenArtifact every = maven(repository);
        MavenArtifact runtime = maven(repository);
        runtime.setIncludeScope(MavenIncludeScope.RUNTIME);
        KafkaConnect connect = plainHttp(connect("maven", registry.address() + "/layer/maven:v1",
                plugin("every-scope", every), plugin("runtime-scope", runtime)));
        create(connect);
        String image = awaitReadyImage("maven", 1);
        assertEquals(registry.address() + "/layer/maven@" + registry.requireDigestOf("layer/maven", "v1"), image);

        ImageContents contents = ImageContents.read(registry, image);
        Map<String, Map<String, String>> layerJars = new TreeMap<>();
        for (String plugin : List.of("every-scope", "runtime-scope")) {
            String dir = contents.list(PLUGINS + "/" + plugin).get(0);
            layerJars.put(dir.substring(PLUGINS.length() + 1), files(contents, dir));
            for (String jar : files(contents, dir).keySet()) {
                assertEquals(ImageContents.Entry.Type.FILE, contents.get(dir + "/" + jar).type());
                assertEquals(0644, contents.get(dir + "/" + jar).mode());
                assertEquals(0L, contents.get(dir + "/" + jar).uid());
            }
        }
        Map<String, Map<String, String>> mavenJars = MavenStage.run(connect, work);
        assertEquals(mavenJars, layerJars, "for each artifact: file names and contents");
        // Not vacuous: the two sets differ as the scopes say.
        Map<String, String> all = layerJars.entrySet().stream().filter(e -> e.getKey().startsWith("every-scope/")).findFirst().orElseThrow().getValue();
        Map<String, String> runtimeOnly = layerJars.entrySet().stream().filter(e -> e.getKey().startsWith("runtime-scope/")).findFirst()
                .orElseThrow().getValue();
        assertTrue(all.keySet().containsAll(List.of("connector-1.0.jar", "library-1.0.jar", "transitive-3.0.jar", "test-lib-1.0.jar",
                "provided-lib-1.0.jar")), all.keySet().toString());
        assertTrue(runtimeOnly.keySet().containsAll(List.of("connector-1.0.jar", "library-1.0.jar", "transitive-3.0.jar", "runtime-lib-2.1.jar")),
                runtimeOnly.keySet().toString());
        assertTrue(!runtimeOnly.containsKey("test-lib-1.0.jar") && !runtimeOnly.containsKey("provided-lib-1.0.jar")
                && !all.containsKey("library-test-only-1.0.jar"), runtimeOnly.keySet() + " " + all.keySet());
    }

    private static MavenArtifact maven(String repository) {
        MavenArtifact maven = new MavenArtifact();
        maven.setRepository(repository);
        maven.setGroup(MavenTestRepository.GROUP);
        maven.setArtifact("connector");
        maven.setVersion("1.0");
        return maven;
    }

    @Test
    void twoBuildsOfTheSamePlanGiveTheSameDigestInThePodAndFromTheCommandLine(@TempDir Path work) throws Exception {
        Plugin[] plugins = everyDownloadableType("/again");
        create(plainHttp(connect("again", registry.address() + "/layer/again:v1", plugins)));
        String first = awaitReadyImage("again", 1);
        int builds = buildsOf("again");

        client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName("again")
                .edit(c -> {
                    c.getMetadata().setAnnotations(Map.of(BuildNames.FORCE_REBUILD_ANNOTATION, "true"));
                    return c;
                });
        String finished = "[" + NAMESPACE + "/" + BuildNames.buildPodName("again") + "] " + FINISHED + "0: " + first;
        await("a second successful build", () -> OUTPUT.stream().filter(finished::equals).count(), count -> count == 2);
        assertEquals(builds + 1, buildsOf("again"));
        assertEquals(first, registry.address() + "/layer/again@" + registry.requireDigestOf("layer/again", "v1"),
                "the rebuild pushed the same manifest");

        // The contract: java -jar connect-builder.jar with the plan ConfigMap's plan.json does what the Pod does.
        String plan = client.configMaps().inNamespace(NAMESPACE).withName(BuildNames.buildPlanConfigMapName("again")).get()
                .getData().get("plan.json");
        Path planFile = Files.writeString(work.resolve("plan.json"), plan);
        Path terminationLog = work.resolve("termination-log");
        Path scratch = Files.createDirectories(work.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                LocalImages.connectBuilderJar().orElseThrow().toString(), "--plan", planFile.toString(),
                "--termination-log", terminationLog.toString()).redirectErrorStream(true);
        builder.environment().put("TMPDIR", scratch.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertEquals(first, Files.readString(terminationLog), output);
        try (var left = Files.list(scratch)) {
            assertEquals(List.of(), left.toList(), "the builder removes what it wrote below TMPDIR");
        }
    }

    /**
     * The local registries speak plain HTTP. Buildah learns that from the kubelet's registries.conf drop-in; the layer
     * builder has no registries.conf and is told by each phase's options, which Buildah takes too.
     */
    static KafkaConnect plainHttp(KafkaConnect connect) {
        output(connect).setAdditionalBuildOptions(List.of("--tls-verify=false"));
        output(connect).setAdditionalPushOptions(List.of("--tls-verify=false"));
        return connect;
    }

    /** Each path at or below the plugins directory: type, mode, owner, and content digest or link target. */
    static Map<String, String> tree(ImageContents contents) {
        Map<String, String> tree = new TreeMap<>();
        List<String> paths = new java.util.ArrayList<>(contents.list(PLUGINS));
        paths.add(PLUGINS);
        for (String path : paths) {
            ImageContents.Entry entry = contents.get(path);
            String description = entry.type().name().toLowerCase(java.util.Locale.ROOT) + " " + Integer.toOctalString(entry.mode())
                    + " " + entry.uid() + ":" + entry.gid();
            if (entry.type() == ImageContents.Entry.Type.FILE) {
                description += " " + sha256(entry.content());
            } else if (entry.linkTarget() != null) {
                description += " -> " + entry.linkTarget();
            }
            tree.put(path, description);
        }
        return tree;
    }

    /** The one path of the tree under a `<plugin>/<hash>` directory that ends with suffix. */
    private static String only(Map<String, String> tree, String plugin, String suffix) {
        List<String> matches = tree.keySet().stream().filter(p -> p.startsWith(PLUGINS + plugin) && p.endsWith(suffix)).toList();
        assertEquals(1, matches.size(), matches.toString());
        return matches.get(0);
    }

    private static Map<String, String> files(ImageContents contents, String dir) {
        Map<String, String> files = new TreeMap<>();
        for (String path : contents.list(dir)) {
            files.put(path.substring(dir.length() + 1), sha256(contents.get(path).content()));
        }
        return files;
    }

    static String sha256(String text) {
        return sha256(bytes(text));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
