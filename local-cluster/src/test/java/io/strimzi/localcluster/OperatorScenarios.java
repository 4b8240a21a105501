package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.Artifact;
import io.strimzi.api.kafka.model.connect.build.Build;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.DownloadableArtifact;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.OtherArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.TgzArtifact;
import io.strimzi.api.kafka.model.connect.build.ZipArtifact;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the end-to-end scenario classes share: the local parts with a namespace of their own, the real operator as a
 * process watching it, builders of KafkaConnects whose artifacts the local artifact server serves, and waits on
 * the status (one read gives both the Ready condition and the observed generation).
 */
abstract class OperatorScenarios {
    static final Duration TIMEOUT = Duration.ofSeconds(150);
    static final Duration OPERATOR_GRACE = Duration.ofSeconds(30);
    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    static String namespace;
    static LocalParts parts;
    static LocalOperator operator;
    static KubernetesClient client;
    static LocalRegistry registry;
    static ArtifactServer artifacts;
    /**
     * When the operator last said its caches were filled (it reconciles from then on), or null before: a busy machine may
     * take many seconds to start a JVM, which is not the operator holding a build.
     */
    static volatile Instant operatorStarted;
    /** When each operator (by the prefix of its lines) last said its caches were filled: it started leading then. */
    static final Map<String, Instant> CACHES_FILLED = new java.util.concurrent.ConcurrentHashMap<>();
    static volatile boolean operatorSeenWorking;
    /** When the first KafkaConnect was created: the operator's grace to write a status counts from then. */
    static volatile Instant firstCreated;

    /** Starts the local parts for ns and an operator watching it; every kubelet and operator line goes to OUTPUT. */
    static void startParts(String ns) {
        startParts(ns, Map.of());
    }

    /** As {@link #startParts(String)}, the operator with extraEnv (another builder, more namespaces). */
    static void startParts(String ns, Map<String, String> extraEnv) {
        startParts(ns, extraEnv, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #startParts(String, Map)}, the kubelet with changed options. */
    static void startParts(String ns, Map<String, String> extraEnv, java.util.function.UnaryOperator<FakeKubeletOptions> kubelet) {
        namespace = ns;
        OUTPUT.clear();
        operatorSeenWorking = false;
        firstCreated = null;
        parts = LocalParts.start(ns, null, listener(), kubelet);
        client = parts.client();
        registry = parts.registry();
        artifacts = parts.artifacts();
        operator = LocalOperator.start(parts, null, extraEnv, operatorOutput("operator"));
    }

    /** Each line of an operator to OUTPUT, prefixed; its "Caches filled" line starts the grace of {@link #operatorWroteStatus}. */
    static java.util.function.Consumer<String> operatorOutput(String prefix) {
        operatorStarted = null;
        return line -> {
            if (line.contains("Caches filled")) {
                operatorStarted = Instant.now();
                CACHES_FILLED.put(prefix, operatorStarted);
            }
            OUTPUT.add("[" + prefix + "] " + line);
        };
    }

    /** Every line of a kubelet goes to OUTPUT. */
    static FakeKubeletOptions.Listener listener() {
        return new FakeKubeletOptions.Listener() {
            @Override
            public void output(String pod, String line) {
                OUTPUT.add("[" + pod + "] " + line);
            }

            @Override
            public void problem(String pod, String message) {
                OUTPUT.add("[" + pod + "] kubelet: " + message);
            }

            @Override
            public void finished(String pod, int exitCode, String terminationMessage) {
                OUTPUT.add("[" + pod + "] " + FINISHED + exitCode + ": " + terminationMessage);
            }
        };
    }

    /** How {@link #listener()} records the end of a container in OUTPUT, before the exit code and the message. */
    static final String FINISHED = "finished with exit code ";

    /** Stops the extra processes, the operator and the parts, and checks that their processes ended. */
    static void stopParts(AutoCloseable... extra) {
        List<AutoCloseable> closeables = new ArrayList<>(Arrays.asList(extra));
        closeables.add(operator);
        closeables.add(parts);
        for (AutoCloseable closeable : closeables) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        if (operator != null) {
            assertFalse(operator.isAlive());
        }
        if (registry != null) {
            assertFalse(registry.isRunning());
        }
    }

    static KafkaConnect connect(String name, String outputImage, Plugin... plugins) {
        KafkaConnect connect = new KafkaConnect();
        connect.getMetadata().setName(name);
        connect.getMetadata().setNamespace(namespace);
        KafkaConnectSpec spec = new KafkaConnectSpec();
        spec.setVersion(LocalCluster.CONNECT_VERSION);
        spec.setReplicas(1);
        spec.setBootstrapServers("my-kafka-bootstrap:9092");
        DockerOutput output = new DockerOutput();
        output.setImage(outputImage);
        Build build = new Build();
        build.setOutput(output);
        build.setPlugins(List.of(plugins));
        spec.setBuild(build);
        connect.setSpec(spec);
        return connect;
    }

    /**
     * Builds a KafkaConnect with one small jar plugin, pushing to {@code <registry>/<repository>[:<tag>]}, and checks
     * that the Deployment runs exactly the digest the registry holds for the tag ({@code latest} without one).
     */
    static String buildOnePluginAndCheckTheDigest(String name, String repository, String tag) {
        byte[] jar = TestArtifacts.jar(Map.of(name + ".class", name));
        create(connect(name, registry.address() + "/" + repository + (tag == null ? "" : ":" + tag),
                plugin("plugin", jar("/" + name + "/a.jar", jar))));
        String image = awaitReadyImage(name, 1);
        assertEquals(registry.address() + "/" + repository + "@" + registry.requireDigestOf(repository, tag == null ? "latest" : tag), image);
        return image;
    }

    static DockerOutput output(KafkaConnect connect) {
        return (DockerOutput) connect.getSpec().getBuild().getOutput();
    }

    static Plugin plugin(String name, Artifact... artifacts) {
        Plugin plugin = new Plugin();
        plugin.setName(name);
        plugin.setArtifacts(List.of(artifacts));
        return plugin;
    }

    static JarArtifact jar(String path, byte[] content) {
        return downloadable(new JarArtifact(), artifacts.serve(path, content), TestArtifacts.sha512(content));
    }

    static TgzArtifact tgz(String path, byte[] content) {
        return downloadable(new TgzArtifact(), artifacts.serve(path, content), TestArtifacts.sha512(content));
    }

    static ZipArtifact zip(String path, byte[] content) {
        return downloadable(new ZipArtifact(), artifacts.serve(path, content), TestArtifacts.sha512(content));
    }

    static OtherArtifact other(String path, byte[] content, String fileName) {
        OtherArtifact artifact = downloadable(new OtherArtifact(), artifacts.serve(path, content), TestArtifacts.sha512(content));
        artifact.setFileName(fileName);
        return artifact;
    }

    static <T extends DownloadableArtifact> T downloadable(T artifact, String url, String sha512) {
        artifact.setUrl(url);
        artifact.setSha512sum(sha512);
        return artifact;
    }

    static Map<String, String> ordered(String... pathsAndContents) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            entries.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return entries;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void create(KafkaConnect connect) {
        if (firstCreated == null) {
            firstCreated = Instant.now();
        }
        client.resources(KafkaConnect.class).inNamespace(namespace).resource(connect).create();
    }

    /** Applies a spec change and returns the new generation. */
    static long update(String name, java.util.function.Consumer<KafkaConnect> change) {
        KafkaConnect updated = client.resources(KafkaConnect.class).inNamespace(namespace).withName(name).edit(c -> {
            change.accept(c);
            return c;
        });
        return updated.getMetadata().getGeneration();
    }

    static void createPushSecret(String name, String registryAddress, String username, String password) {
        String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        String config = "{\"auths\":{\"" + registryAddress + "\":{\"auth\":\"" + auth + "\"}}}";
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToData(".dockerconfigjson", Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)))
                .build()).create();
    }

    static void assertFileUnder(ImageContents contents, String directory, Predicate<String> path, byte[] expected) {
        boolean found = contents.list(directory).stream()
                .filter(path)
                .map(contents::get)
                .anyMatch(entry -> entry.type() == ImageContents.Entry.Type.FILE && Arrays.equals(expected, entry.content()));
        assertTrue(found, "no such file under " + directory + ": " + contents.list(directory));
    }

    /**
     * False once the operator has had OPERATOR_GRACE to write any status since it reconciles (and since the first
     * KafkaConnect was created) and has not: then waiting is pointless.
     */
    static boolean operatorWroteStatus() {
        Instant started = operatorStarted;
        if (started == null) {
            return true; // not reconciling yet: only the wait's own time-out applies
        }
        Instant since = firstCreated == null || firstCreated.isBefore(started) ? started : firstCreated;
        if (operatorSeenWorking || Instant.now().isBefore(since.plus(OPERATOR_GRACE))) {
            return true;
        }
        operatorSeenWorking = client.resources(KafkaConnect.class).inAnyNamespace().list().getItems().stream()
                .anyMatch(c -> c.getStatus() != null);
        return operatorSeenWorking;
    }

    /** The build Pod's last output, then the last lines of everything (operator included), for failure messages. */
    static String builderLog(String name) {
        return String.join("\n", parts.kubelet().logs(namespace + "/" + BuildNames.buildPodName(name)))
                + "\nlast output:\n" + String.join("\n", OUTPUT.subList(Math.max(0, OUTPUT.size() - 60), OUTPUT.size()));
    }

    static int buildsOf(String name) {
        String pod = namespace + "/" + BuildNames.buildPodName(name);
        return (int) parts.kubelet().runs().stream().filter(run -> run.pod().equals(pod)).count();
    }

    static String deploymentImage(String name) {
        return deploymentImage(namespace, name);
    }

    static String deploymentImage(String namespace, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name + "-connect").get();
        return deployment == null ? null : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    static Condition readyCondition(String namespace, String name) {
        KafkaConnect connect = client.resources(KafkaConnect.class).inNamespace(namespace).withName(name).get();
        if (connect == null || connect.getStatus() == null || connect.getStatus().getConditions() == null) {
            return null;
        }
        return connect.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    /** The Ready condition and the observed generation, from one read (two reads could pair a stale condition with a newer generation). */
    record ReadyAt(Condition ready, long observedGeneration) {
        boolean settledFor(long generation) {
            return ready != null && observedGeneration >= generation && !"BuildRunning".equals(ready.getReason());
        }
    }

    static ReadyAt readyAt(String name) {
        KafkaConnect connect = client.resources(KafkaConnect.class).inNamespace(namespace).withName(name).get();
        if (connect == null || connect.getStatus() == null) {
            return new ReadyAt(null, -1);
        }
        Long observed = connect.getStatus().getObservedGeneration();
        Condition ready = connect.getStatus().getConditions() == null ? null
                : connect.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        return new ReadyAt(ready, observed == null ? -1 : observed);
    }

    /** Waits until Ready=True for generation and returns the Deployment's image; an invalid resource fails at once. */
    static String awaitReadyImage(String name, long generation) {
        Condition ready = await(name + " Ready for generation " + generation, () -> readyAt(name),
                at -> at.settledFor(generation) && ("True".equals(at.ready().getStatus()) || "InvalidResource".equals(at.ready().getReason())))
                .ready();
        assertEquals("True", ready.getStatus(), () -> ready.getReason() + ": " + ready.getMessage());
        return deploymentImage(name);
    }

    /** Waits until a build of generation failed: Ready=False with a reason other than BuildRunning. */
    static Condition awaitNotReady(String name, long generation) {
        return await(name + " not Ready for generation " + generation, () -> readyAt(name),
                at -> at.settledFor(generation) && "False".equals(at.ready().getStatus())).ready();
    }

    /** Waits until generation either is Ready or failed. */
    static Condition awaitSettled(String name, long generation) {
        return await(name + " settled for generation " + generation, () -> readyAt(name), at -> at.settledFor(generation)).ready();
    }

    static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        T value = probe.get();
        while (!done.test(value)) {
            if (!operatorWroteStatus()) {
                fail("the operator has written no KafkaConnect status " + OPERATOR_GRACE.toSeconds() + " s after it started: "
                        + "does this build hold the operator (issue 4)?\n" + String.join("\n", OUTPUT.subList(Math.max(0, OUTPUT.size() - 40), OUTPUT.size())));
            }
            if (Instant.now().isAfter(deadline)) {
                fail("timed out waiting for " + what + "; last seen " + value + "\n" + String.join("\n", OUTPUT.subList(Math.max(0, OUTPUT.size() - 80), OUTPUT.size())));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        return value;
    }
}
