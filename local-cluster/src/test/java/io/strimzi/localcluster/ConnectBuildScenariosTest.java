package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.DownloadableArtifact;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The issue's end-to-end scenarios: a KafkaConnect goes into the mock API server, the real operator (its own
 * process) creates the build Pod, the fake kubelet runs it with real Buildah against the real local registry, and
 * the Deployment must end on exactly the digest the registry reports for the pushed tag.
 */
class ConnectBuildScenariosTest extends OperatorScenarios {
    private static final String NAMESPACE = "scenarios";
    private static final String KANIKO_NAMESPACE = "scenarios-kaniko";
    private static LocalOperator kanikoOperator;

    @BeforeAll
    static void startEverything() {
        startParts(NAMESPACE);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(KANIKO_NAMESPACE).endMetadata().build()).create();
        kanikoOperator = LocalOperator.start(parts, null, Map.of(
                "STRIMZI_NAMESPACE", KANIKO_NAMESPACE,
                "STRIMZI_LEADER_ELECTION_LEASE_NAMESPACE", KANIKO_NAMESPACE,
                "STRIMZI_FEATURE_GATES", "-UseConnectBuildWithBuildah",
                "STRIMZI_DEFAULT_KANIKO_EXECUTOR_IMAGE", "gcr.io/kaniko-project/executor:v1.23.2"),
                line -> OUTPUT.add("[kaniko-operator] " + line));
    }

    @AfterAll
    static void stopEverything() {
        stopParts(kanikoOperator);
    }

    // 1. jar, tgz, zip and other, all with checksums, tagged output
    @Test
    void everyArtifactTypeLandsInTheImageAndTheDeploymentRunsThePushedDigest() {
        byte[] jar = TestArtifacts.jar(Map.of("io/example/A.class", "jar content"));
        byte[] tgz = TestArtifacts.tgz(ordered("tgz-plugin/lib/b.jar", "tgz content", "tgz-plugin/README", "read me"));
        byte[] zip = TestArtifacts.zip(Map.of("zip-plugin/c.jar", "zip content"), Map.of("zip-plugin/escape", "/etc/passwd"));
        byte[] other = "connector.class=io.example.A\n".getBytes(StandardCharsets.UTF_8);
        KafkaConnect connect = connect("all-types", registry.address() + "/scenarios/all-types:v1",
                plugin("jar-and-tgz", jar("/all/a.jar", jar), tgz("/all/b.tgz", tgz)),
                plugin("zip-and-other", zip("/all/c.zip", zip), other("/all/d.properties", other, "connector.properties")));
        create(connect);

        String image = awaitReadyImage("all-types", 1);
        assertEquals(registry.address() + "/scenarios/all-types@" + registry.requireDigestOf("scenarios/all-types", "v1"), image);

        ImageContents contents = ImageContents.read(registry, image);
        assertFileUnder(contents, "/opt/kafka/plugins/jar-and-tgz", path -> true, jar);
        assertFileUnder(contents, "/opt/kafka/plugins/jar-and-tgz", path -> path.endsWith("/tgz-plugin/lib/b.jar"), bytes("tgz content"));
        assertFileUnder(contents, "/opt/kafka/plugins/zip-and-other", path -> path.endsWith("/zip-plugin/c.jar"), bytes("zip content"));
        assertFileUnder(contents, "/opt/kafka/plugins/zip-and-other", path -> path.endsWith("/connector.properties"), other);
        List<String> links = contents.list("/opt/kafka/plugins").stream()
                .filter(path -> contents.get(path).type() == ImageContents.Entry.Type.SYMLINK).toList();
        assertEquals(List.of(), links, "symbolic links unpacked from the zip are removed");
        assertFalse(contents.list("/opt/kafka/plugins").stream().anyMatch(path -> path.endsWith(".tgz") || path.endsWith(".zip")),
                "archives are deleted after unpacking: " + contents.list("/opt/kafka/plugins"));
    }

    // 2. output image without a tag: pushed as latest
    @Test
    void outputWithoutTagIsPushedAsLatest() {
        buildOnePluginAndCheckTheDigest("no-tag", "scenarios/no-tag", null);
    }

    // 3. a registry with htpasswd and a pushSecret; wrong credentials fail clearly
    @Test
    void pushSecretReachesAnAuthenticatedRegistryAndWrongCredentialsFailClearly() {
        LocalRegistry.Credentials credentials = new LocalRegistry.Credentials("connect-pusher", "s3cret word");
        try (LocalRegistry privateRegistry = LocalRegistry.start(credentials)) {
            createPushSecret("good-push-secret", privateRegistry.address(), credentials.username(), credentials.password());
            createPushSecret("bad-push-secret", privateRegistry.address(), credentials.username(), "not the password");
            byte[] jar = TestArtifacts.jar(Map.of("Auth.class", "auth"));
            List<String> tlsOff = List.of("--tls-verify=false");

            KafkaConnect good = connect("auth-good", privateRegistry.address() + "/scenarios/auth:v1", plugin("plugin", jar("/auth/a.jar", jar)));
            output(good).setPushSecret("good-push-secret");
            output(good).setAdditionalPushOptions(tlsOff);
            create(good);
            String image = awaitReadyImage("auth-good", 1);
            assertEquals(privateRegistry.address() + "/scenarios/auth@" + privateRegistry.requireDigestOf("scenarios/auth", "v1"), image);

            KafkaConnect bad = connect("auth-bad", privateRegistry.address() + "/scenarios/auth-bad:v1", plugin("plugin", jar("/auth/a.jar", jar)));
            output(bad).setPushSecret("bad-push-secret");
            output(bad).setAdditionalPushOptions(tlsOff);
            create(bad);
            Condition failed = awaitNotReady("auth-bad", 1);
            assertTrue(failed.getMessage().contains("unauthorized") || failed.getMessage().contains("authentication required"),
                    failed.getMessage());
        }
    }

    // 4 and 5 (registry down at push time, retry after back-off): options with --tls-verify=false and --retry
    @Test
    void registryDownAtPushKeepsThePreviousImageAndTheRetryAfterBackOffSucceeds() {
        try (LocalRegistry output = LocalRegistry.start()) {
            byte[] first = TestArtifacts.jar(Map.of("Retry.class", "first"));
            KafkaConnect connect = connect("retry", output.address() + "/scenarios/retry:v1", plugin("plugin", jar("/retry/first.jar", first)));
            // This registry is not in the kubelet's registries.conf: plain HTTP only through the options.
            output(connect).setAdditionalBuildOptions(List.of("--tls-verify=false", "--retry=1"));
            output(connect).setAdditionalPushOptions(List.of("--tls-verify=false", "--retry=1", "--retry-delay=1s"));
            create(connect);
            String previous = awaitReadyImage("retry", 1);
            assertEquals(output.address() + "/scenarios/retry@" + output.requireDigestOf("scenarios/retry", "v1"), previous);

            output.stopProcessOnly();
            byte[] second = TestArtifacts.jar(Map.of("Retry.class", "second"));
            long generation = update("retry", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/retry/second.jar", second))));
            Condition failed = awaitNotReady("retry", generation);
            assertTrue(failed.getMessage().contains("connection refused") || failed.getMessage().contains("push"), failed.getMessage());
            assertEquals(previous, deploymentImage("retry"), "the running Connect cluster is not touched");

            output.restart();
            String rebuilt = awaitReadyImage("retry", generation);
            assertNotEquals(previous, rebuilt);
            assertEquals(output.address() + "/scenarios/retry@" + output.requireDigestOf("scenarios/retry", "v1"), rebuilt);
            assertEquals(3, buildsOf("retry"), "the first build, the failed one and its retry after the back-off");
        }
    }

    // 5. checksum mismatch, artifact 404, base image missing
    @Test
    void buildFailuresShowTheirCauseAndKeepThePreviousImage() {
        byte[] jar = TestArtifacts.jar(Map.of("Fail.class", "fine"));
        create(connect("failing", registry.address() + "/scenarios/failing:v1", plugin("plugin", jar("/failing/a.jar", jar))));
        String previous = awaitReadyImage("failing", 1);

        long checksum = update("failing", c -> ((DownloadableArtifact) c.getSpec().getBuild().getPlugins().get(0).getArtifacts().get(0))
                .setSha512sum("ab".repeat(64)));
        Condition mismatch = awaitNotReady("failing", checksum);
        assertTrue(mismatch.getMessage().contains("FAILED") || mismatch.getMessage().contains("did NOT match"),
                () -> "the status does not show the cause: " + mismatch.getMessage() + "\nbuilder output:\n" + builderLog("failing"));
        assertEquals(previous, deploymentImage("failing"));

        long missing = update("failing", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(
                List.of(downloadable(new JarArtifact(), artifacts.url("/failing/nowhere.jar"), null))));
        Condition notFound = awaitNotReady("failing", missing);
        assertTrue(notFound.getMessage().contains("404"),
                () -> "the status does not show the cause: " + notFound.getMessage() + "\nbuilder output:\n" + builderLog("failing"));
        assertEquals(previous, deploymentImage("failing"));

        long noBase = update("failing", c -> {
            c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/failing/a.jar", jar)));
            c.getSpec().setImage(registry.address() + "/strimzi/no-such-base:1");
        });
        Condition baseMissing = awaitNotReady("failing", noBase);
        assertTrue(baseMissing.getMessage().contains("no-such-base"), baseMissing.getMessage());
        assertEquals(previous, deploymentImage("failing"));
    }

    // 6. a plugin change gives a new digest and a rolled Deployment; an unchanged resource gives no new build
    @Test
    void pluginChangeRollsTheDeploymentWhileAnUnchangedResourceIsNotRebuilt() {
        byte[] v1 = TestArtifacts.jar(Map.of("Change.class", "v1"));
        create(connect("change", registry.address() + "/scenarios/change:v1", plugin("plugin", jar("/change/v1.jar", v1))));
        String first = awaitReadyImage("change", 1);
        int buildsAfterFirst = buildsOf("change");
        assertEquals(1, buildsAfterFirst);

        // A metadata-only change makes the operator reconcile without changing what is built; then a spec change outside
        // the build (a new generation) whose status is the signal: one resource is reconciled one change at a time, in
        // order, so once the status observes that generation both changes were reconciled.
        client.resources(KafkaConnect.class).inNamespace(NAMESPACE).withName("change")
                .edit(c -> {
                    c.getMetadata().setAnnotations(Map.of("example.com/touched", "yes"));
                    return c;
                });
        long unbuilt = update("change", c -> c.getSpec().setConfig(Map.<String, Object>of("offset.flush.interval.ms", 20000)));
        assertEquals(first, awaitReadyImage("change", unbuilt));
        assertEquals(buildsAfterFirst, buildsOf("change"), "no build for an unchanged build spec");

        byte[] v2 = TestArtifacts.jar(Map.of("Change.class", "v2"));
        long generation = update("change", c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/change/v2.jar", v2))));
        String second = awaitReadyImage("change", generation);
        assertNotEquals(first, second);
        assertEquals(registry.address() + "/scenarios/change@" + registry.requireDigestOf("scenarios/change", "v1"), second);
        assertEquals(buildsAfterFirst + 1, buildsOf("change"));
    }

    // 7. hostile values that pass validation are built safely
    @Test
    void hostileValuesThatPassValidationRunNothing(@org.junit.jupiter.api.io.TempDir Path markerDir) {
        Path marker = markerDir.resolve("pwned");
        byte[] jar = TestArtifacts.jar(Map.of("Hostile.class", "hostile"));
        artifacts.serve("/hostile/a.jar", jar);
        // Shell syntax that a URL may carry ($, parentheses, single quotes, ;, &); backticks, double quotes, | and braces
        // are not legal in an HTTP request line, so the JDK artifact server would answer 400 before any shell matters.
        String url = artifacts.url("/hostile/a.jar") + "?q=$(touch$IFS" + marker + ")&r=';touch$IFS" + marker + ";'&s=&&touch$IFS" + marker;
        JarArtifact hostile = downloadable(new JarArtifact(), url, TestArtifacts.sha512(jar));
        create(connect("hostile", registry.address() + "/scenarios/hostile:v1", plugin("plugin", hostile)));

        // The URL is valid (the CRD's pattern, http(s) and no whitespace): it is built, with the URL one exact argument
        // of the download, which the artifact server answers by its path.
        String image = awaitReadyImage("hostile", 1);
        assertFalse(Files.exists(marker), "a command from the URL ran on the build host");
        ImageContents contents = ImageContents.read(registry, image);
        assertFalse(contents.entries().keySet().stream().anyMatch(path -> path.contains("pwned")),
                "a command from the URL ran in the build: " + contents.list("/tmp"));
        assertFileUnder(contents, "/opt/kafka/plugins/plugin", path -> true, jar);
        assertEquals(1, artifacts.requestCount("/hostile/a.jar"), "downloaded once, by the exact URL");
    }

    // 8. Kaniko: there is no Kaniko binary here, so the test plays the executor's result
    @Test
    void kanikoTerminationMessageRollsTheDeployment() {
        byte[] jar = TestArtifacts.jar(Map.of("Kaniko.class", "kaniko"));
        KafkaConnect connect = connect("kaniko", registry.address() + "/scenarios/kaniko:v1", plugin("plugin", jar("/kaniko/a.jar", jar)));
        connect.getMetadata().setNamespace(KANIKO_NAMESPACE);
        client.resources(KafkaConnect.class).inNamespace(KANIKO_NAMESPACE).resource(connect).create();

        String podName = BuildNames.buildPodName("kaniko");
        Pod pod = await("the Kaniko build Pod", () -> client.pods().inNamespace(KANIKO_NAMESPACE).withName(podName).get(), Objects::nonNull);
        assertTrue(LocalParts.isKanikoPod(pod), "the fake kubelet cannot run it: there is no Kaniko executor on this machine");
        List<String> args = pod.getSpec().getContainers().get(0).getArgs();
        assertTrue(args.contains("--destination=" + registry.address() + "/scenarios/kaniko:v1"), args.toString());
        assertTrue(args.contains("--dockerfile=/dockerfile/Dockerfile"), args.toString());

        // What Kaniko writes with --image-name-with-digest-file=/dev/termination-log: the repository by digest.
        String reported = registry.address() + "/scenarios/kaniko@sha256:" + "0123456789abcdef".repeat(4);
        client.pods().inNamespace(KANIKO_NAMESPACE).withName(podName).editStatus(current -> new PodBuilder(current)
                .editOrNewStatus()
                    .withPhase("Succeeded")
                    .withContainerStatuses(new ContainerStatusBuilder()
                            .withName(current.getSpec().getContainers().get(0).getName())
                            .withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withMessage(reported)
                            .endTerminated().endState()
                            .build())
                .endStatus()
                .build());

        await("Ready with the Kaniko image", () -> readyCondition(KANIKO_NAMESPACE, "kaniko"),
                condition -> condition != null && "True".equals(condition.getStatus()));
        assertEquals(reported, deploymentImage(KANIKO_NAMESPACE, "kaniko"));
    }

    // 9. a Kafka-shaped base (17 layers, ~440 MiB that does not compress): the build's vfs disk within the scratch limit
    @Test
    void aKafkaShapedBaseBuildsWithinTheScratchVolumesSizeLimit() throws Exception {
        String base = KafkaShapedBase.push(registry, "strimzi/kafka-shaped", "1");
        byte[] jar = TestArtifacts.jar(Map.of("Big.class", "on a big base"));
        KafkaConnect connect = connect("kafka-shaped", registry.address() + "/scenarios/kafka-shaped:v1", plugin("plugin", jar("/big/a.jar", jar)));
        connect.getSpec().setImage(base);
        create(connect);
        String image = awaitReadyImage("kafka-shaped", 1);
        assertEquals(registry.address() + "/scenarios/kafka-shaped@" + registry.requireDigestOf("scenarios/kafka-shaped", "v1"), image);

        String inspected = Commands.run(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + image), Map.of());
        Map<?, ?> manifest = client.getKubernetesSerialization().unmarshal(inspected, Map.class);
        assertEquals(KafkaShapedBase.LAYERS + 1, ((List<?>) manifest.get("Layers")).size(), "the base's layers and one of the build");

        String pod = NAMESPACE + "/" + BuildNames.buildPodName("kafka-shaped");
        long scratch = parts.kubelet().emptyDirPeakBytes(pod).get("buildah-storage");
        Pod built = parts.kubelet().runs().stream().filter(r -> r.pod().equals(pod)).findFirst().orElseThrow().spec();
        Quantity limit = built.getSpec().getVolumes().stream().filter(v -> v.getName().equals("buildah-storage")).findFirst()
                .orElseThrow().getEmptyDir().getSizeLimit();
        OUTPUT.add("[measured] Kafka-shaped base: peak scratch use " + scratch / (1024 * 1024) + " MiB of the " + limit + " limit");
        System.out.println("Kafka-shaped base: the build's scratch volume peaked at " + scratch / (1024 * 1024) + " MiB (limit " + limit + ")");
        assertTrue(scratch < Quantity.getAmountInBytes(limit).longValue(), scratch + " bytes exceed the scratch limit " + limit);
    }
}
