package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.template.KafkaConnectTemplate;
import io.strimzi.api.kafka.model.template.PodTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static io.strimzi.localcluster.LayerBuildScenariosTest.plainHttp;
import static io.strimzi.localcluster.PluginArchives.Entry.file;
import static io.strimzi.localcluster.PluginArchives.Entry.symlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the layer builder fails, end to end: hostile archives are refused with the entry named and nothing is pushed;
 * every other failure (404, checksum, base image missing, wrong credentials, registry down, scratch volume full) says
 * its cause in the status and leaves the running Connect cluster's image alone. The scratch volume is full for real:
 * a second fake kubelet makes the Pod's size-limited emptyDir a tmpfs of exactly that size.
 */
class LayerBuildFailuresTest extends OperatorScenarios {
    private static final String NAMESPACE = "layer-failures";
    private static final String FULL_NAMESPACE = "layer-full";
    private static FakeKubelet limitingKubelet;

    @BeforeAll
    static void startEverything() {
        Map<String, String> env = new java.util.HashMap<>(LocalOperator.layerBuilderEnvironment());
        env.put("STRIMZI_NAMESPACE", NAMESPACE + "," + FULL_NAMESPACE);
        startParts(NAMESPACE, env);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(FULL_NAMESPACE).endMetadata().build()).create();
        limitingKubelet = FakeKubelet.start(client, FULL_NAMESPACE,
                FakeKubeletOptions.defaults(List.of(registry.address())).withListener(listener()).withEmptyDirLimits());
    }

    @AfterAll
    static void stopEverything() {
        stopParts(limitingKubelet);
    }

    @Test
    void hostileArchivesFailWithTheEntryNamedAndPushNothing() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        create(plainHttp(connect("traversal-tgz", registry.address() + "/hostile/traversal-tgz:v1", plugin("plugin",
                tgz("/hostile/t.tgz", PluginArchives.tgz(List.of(file("plugin/../../../etc/cron.d/evil", 0644, "x"))))))));
        expected.put("traversal-tgz", "the archive entry 'plugin/../../../etc/cron.d/evil' leads out of the artifact's directory through '..'");
        create(plainHttp(connect("link-out-tgz", registry.address() + "/hostile/link-out-tgz:v1", plugin("plugin",
                tgz("/hostile/l.tgz", PluginArchives.tgz(List.of(symlink("plugin/etc", "/etc"), file("plugin/a.jar", 0644, "a"))))))));
        expected.put("link-out-tgz", "the archive entry 'plugin/etc' is a symbolic link to '/etc', outside the artifact's directory");
        create(plainHttp(connect("traversal-zip", registry.address() + "/hostile/traversal-zip:v1", plugin("plugin",
                zip("/hostile/t.zip", PluginArchives.zip(List.of(file("../../evil.jar", 0644, "x"))))))));
        expected.put("traversal-zip", "the archive entry '../../evil.jar' leads out of the artifact's directory through '..'");
        create(plainHttp(connect("many-zip", registry.address() + "/hostile/many-zip:v1", plugin("plugin",
                zip("/hostile/m.zip", PluginArchives.zip(PluginArchives.many(20_001)))))));
        expected.put("many-zip", "the archive has more than 20000 entries, more than a plugin needs");

        expected.forEach((name, reason) -> {
            Condition failed = awaitNotReady(name, 1);
            assertEquals("BuildFailed", failed.getReason(), failed.getMessage());
            assertTrue(failed.getMessage().contains(reason) && failed.getMessage().contains("nothing was pushed"),
                    () -> failed.getMessage() + "\n" + builderLog(name));
            assertTrue(failed.getMessage().contains(".spec.build.plugins[0].artifacts[0]"), failed.getMessage());
            assertEquals(Optional.empty(), registry.digestOf("hostile/" + name, "v1"), "nothing was pushed for " + name);
        });
    }

    @Test
    void failuresSayTheirCauseAndKeepTheRunningImage() {
        byte[] jar = TestArtifacts.jar(Map.of("Keep.class", "fine"));
        create(plainHttp(connect("keep", registry.address() + "/failures/keep:v1", plugin("plugin", jar("/keep/a.jar", jar)))));
        String previous = awaitReadyImage("keep", 1);

        String missingUrl = artifacts.url("/keep/nowhere.jar");
        assertFailure("keep", previous, c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(
                List.of(downloadable(new JarArtifact(), missingUrl, null))),
                ".spec.build.plugins[0].artifacts[0] (jar " + missingUrl + "): GET " + missingUrl + " answered HTTP 404");
        assertFailure("keep", previous, c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(
                List.of(downloadable(new JarArtifact(), artifacts.url("/keep/a.jar"), "ab".repeat(64)))),
                "the SHA-512 checksum of the download does not match .spec.build.plugins[0].artifacts[0].sha512sum: expected "
                        + "ab".repeat(64) + ", got " + TestArtifacts.sha512(jar));
        assertFailure("keep", previous, c -> {
            c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/keep/a.jar", jar)));
            c.getSpec().setImage(registry.address() + "/strimzi/no-such-base:1");
        }, "cannot pull the manifest of the base image " + registry.address() + "/strimzi/no-such-base:1");
    }

    @Test
    void wrongCredentialsAndARegistryThatIsDownKeepTheRunningImage() {
        LocalRegistry.Credentials credentials = new LocalRegistry.Credentials("connect-pusher", "s3cret word");
        try (LocalRegistry privateRegistry = LocalRegistry.start(credentials); LocalRegistry output = LocalRegistry.start()) {
            createPushSecret("good-secret", privateRegistry.address(), credentials.username(), credentials.password());
            createPushSecret("bad-secret", privateRegistry.address(), credentials.username(), "not the password");
            byte[] jar = TestArtifacts.jar(Map.of("Auth.class", "auth"));
            KafkaConnect auth = plainHttp(connect("auth", privateRegistry.address() + "/failures/auth:v1", plugin("plugin", jar("/auth/a.jar", jar))));
            output(auth).setPushSecret("good-secret");
            create(auth);
            String previous = awaitReadyImage("auth", 1);
            assertEquals(privateRegistry.address() + "/failures/auth@" + privateRegistry.requireDigestOf("failures/auth", "v1"), previous,
                    "the push secret's credentials pushed, the base image came from the other registry");
            // The push secret is not part of what is built: a new artifact makes the new revision, pushed with bad credentials.
            byte[] changed = TestArtifacts.jar(Map.of("Auth.class", "changed"));
            assertFailure("auth", previous, c -> {
                output(c).setPushSecret("bad-secret");
                c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/auth/b.jar", changed)));
            }, "the registry refused the credentials");

            KafkaConnect down = plainHttp(connect("down", output.address() + "/failures/down:v1", plugin("plugin", jar("/down/a.jar", jar))));
            output(down).setAdditionalPushOptions(List.of("--tls-verify=false", "--retry=1", "--retry-delay=500ms"));
            create(down);
            String running = awaitReadyImage("down", 1);
            output.stopProcessOnly();
            byte[] second = TestArtifacts.jar(Map.of("Down.class", "second"));
            assertFailure("down", running, c -> c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(jar("/down/b.jar", second))),
                    "cannot authenticate to push to " + output.address() + "/failures/down");
            output.restart();
        }
    }

    /** A 4 MiB artifact into a 3 MiB scratch volume: the write fails (a node would evict the Pod), the status says why. */
    @Test
    void aFullScratchVolumeSaysSoAndKeepsTheRunningImage() {
        byte[] small = TestArtifacts.jar(Map.of("Small.class", "small"));
        KafkaConnect connect = plainHttp(connect("full", registry.address() + "/failures/full:v1", plugin("plugin", jar("/full/small.jar", small))));
        connect.getMetadata().setNamespace(FULL_NAMESPACE);
        KafkaConnectTemplate template = new KafkaConnectTemplate();
        PodTemplate buildPod = new PodTemplate();
        buildPod.setTmpDirSizeLimit("3Mi");
        template.setBuildPod(buildPod);
        connect.getSpec().setTemplate(template);
        client.resources(KafkaConnect.class).inNamespace(FULL_NAMESPACE).resource(connect).create();
        await("full Ready", () -> readyCondition(FULL_NAMESPACE, "full"), c -> c != null && "True".equals(c.getStatus()));
        String previous = deploymentImage(FULL_NAMESPACE, "full");

        byte[] big = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(big);
        JarArtifact bigJar = jar("/full/big.jar", big);
        client.resources(KafkaConnect.class).inNamespace(FULL_NAMESPACE).withName("full")
                .edit(c -> {
                    c.getSpec().getBuild().getPlugins().get(0).setArtifacts(List.of(bigJar));
                    return c;
                });
        Condition failed = await("full fails", () -> readyCondition(FULL_NAMESPACE, "full"),
                c -> c != null && "BuildFailed".equals(c.getReason()));
        assertTrue(failed.getMessage().contains("no space left on the scratch volume") && failed.getMessage().contains("tmpDirSizeLimit"),
                failed.getMessage());
        assertEquals(previous, deploymentImage(FULL_NAMESPACE, "full"));
    }

    private static void assertFailure(String name, String previous, java.util.function.Consumer<KafkaConnect> change, String cause) {
        long generation = update(name, change);
        Condition failed = awaitNotReady(name, generation);
        assertEquals("BuildFailed", failed.getReason(), failed.getMessage());
        assertTrue(failed.getMessage().contains(cause), () -> "expected the cause '" + cause + "' in: " + failed.getMessage()
                + "\n" + builderLog(name));
        assertEquals(previous, deploymentImage(name), "the running Connect cluster keeps its image");
    }
}
