package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.connectbuild.BuildNames;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A CRUD mock API server (with OpenShift's instantiate emulated, see {@link FakeApiServer}), operators wired to it with
 * the real build model, and the kubelet's or OpenShift's part (finishing builds) done by hand. Every test fails when
 * the operator logged an ERROR line.
 */
abstract class ConnectBuildTestBase {
    static final String NS = "kafka";
    static final String OUTPUT = "registry.example.com/team/connect";
    static final String JAR_SHA512 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".repeat(2);
    static final String DIGEST = "sha256:" + "ab12".repeat(16);
    static final String DIGEST2 = "sha256:" + "cd34".repeat(16);
    static final String OPERATOR_VERSION = "0.49.0";

    FakeApiServer api;
    KubernetesMockServer server;
    KubernetesClient client;
    Vertx vertx;
    ErrorLogCapture errorLogs;
    final List<KafkaConnectAssemblyOperator> operators = new ArrayList<>();

    @BeforeEach
    void startServer() {
        errorLogs = ErrorLogCapture.attach();
        api = new FakeApiServer();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
        server.init();
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(KafkaConnect.class));
        for (ResourceDefinitionContext openShift : List.of(OpenShiftBuildBackend.BUILD_CONFIGS, OpenShiftBuildBackend.BUILDS,
                OpenShiftBuildBackend.IMAGE_STREAMS)) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(openShift.getGroup())
                    .withVersion(openShift.getVersion()).withKind(openShift.getKind()).withPlural(openShift.getPlural())
                    .withScope("Namespaced").build());
        }
        client = server.createClient();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopServer() {
        operators.forEach(KafkaConnectAssemblyOperator::stop);
        vertx.close().toCompletionStage().toCompletableFuture().join();
        client.close();
        server.destroy();
        errorLogs.detach();
        assertEquals(List.of(), errorLogs.errors(), "the operator logged errors");
    }

    ClusterOperatorConfig config(String gates, long buildTimeoutMs) {
        return ClusterOperatorConfig.builder(OPERATOR_VERSION)
                .featureGates(FeatureGates.parse(gates, OPERATOR_VERSION))
                .connectBuildTimeoutMs(buildTimeoutMs)
                .operationTimeoutMs(10_000)
                .build();
    }

    KafkaConnectAssemblyOperator operator() {
        return operator(config("+UseConnectBuildWithBuildah", 60_000), Platform.KUBERNETES,
                new BuildRetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(30)));
    }

    KafkaConnectAssemblyOperator operator(ClusterOperatorConfig config, Platform platform, BuildRetryPolicy retry) {
        return operator(config, platform, retry, new OperatorMetrics());
    }

    KafkaConnectAssemblyOperator operator(ClusterOperatorConfig config, Platform platform, BuildRetryPolicy retry,
                                          OperatorMetrics metrics) {
        return operator(config, platform, retry, metrics, Clock.systemUTC());
    }

    KafkaConnectAssemblyOperator operator(ClusterOperatorConfig config, Platform platform, BuildRetryPolicy retry,
                                          OperatorMetrics metrics, Clock clock) {
        return operator(client, config, platform, retry, metrics, clock);
    }

    /** A started operator: its caches are filled, and every change reconciles the KafkaConnect concerned. */
    KafkaConnectAssemblyOperator operator(KubernetesClient operatorClient, ClusterOperatorConfig config, Platform platform,
                                          BuildRetryPolicy retry, OperatorMetrics metrics, Clock clock) {
        KafkaConnectAssemblyOperator op = new KafkaConnectAssemblyOperator(vertx, operatorClient, config,
                platform, metrics, retry, clock);
        operators.add(op);
        join(op.start());
        return op;
    }

    KafkaConnect apply(String yaml) {
        KafkaConnect kc = client.getKubernetesSerialization().unmarshal(yaml, KafkaConnect.class);
        return client.resources(KafkaConnect.class).inNamespace(NS).resource(kc).create();
    }

    /**
     * A KafkaConnect as a user writes it: a jar with its checksum and a connector archive, pushed to a registry with a
     * push secret.
     *
     * @param extra lines added to `.spec.build.output` (indented by six spaces)
     */
    static String connectYaml(String name, String jarUrl, String extra) {
        return """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  version: 4.0.0
                  replicas: 2
                  bootstrapServers: my-cluster-kafka-bootstrap:9092
                  config:
                    group.id: %s-connect
                  build:
                    output:
                      type: docker
                      image: %s:latest
                      pushSecret: registry-credentials
                %s    plugins:
                      - name: echo-sink
                        artifacts:
                          - type: jar
                            url: %s
                            sha512sum: %s
                      - name: debezium-postgres
                        artifacts:
                          - type: tgz
                            url: https://repo1.maven.org/maven2/io/debezium/debezium-connector-postgres/3.0.0.Final/debezium-connector-postgres-3.0.0.Final-plugin.tar.gz
                """.formatted(name, NS, name, OUTPUT, extra, jarUrl, JAR_SHA512);
    }

    KafkaConnect get(String name) {
        return client.resources(KafkaConnect.class).inNamespace(NS).withName(name).get();
    }

    Pod buildPod(String name) {
        return client.pods().inNamespace(NS).withName(BuildNames.buildPodName(name)).get();
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(KafkaConnectCluster.deploymentName(name)).get();
    }

    /**
     * Waits for a build Pod the kubelet (the test) has not finished yet, and for the status that reports it running;
     * returns the Pod.
     */
    Pod awaitBuildPod(String name) {
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            Pod pod = buildPod(name);
            KafkaConnect kc = get(name);
            Condition ready = readyOf(kc);
            return pod != null && pod.getStatus() == null && ready != null && ConditionReasons.BUILD_RUNNING.equals(ready.getReason())
                    && kc.getMetadata().getGeneration().equals(kc.getStatus().getObservedGeneration());
        });
        return buildPod(name);
    }

    /**
     * Reconciles once the operator's cache holds the KafkaConnect as it is stored now: a reconciliation reads the cache,
     * so without waiting it might reconcile what was there before the test's last change.
     */
    void reconcile(KafkaConnectAssemblyOperator op, String name) {
        long stored = Long.parseLong(get(name).getMetadata().getResourceVersion());
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            var cached = op.caches().connects().get(NS, name);
            return cached != null && Long.parseLong(cached.getMetadata().getResourceVersion()) >= stored;
        });
        join(op.reconcile(NS, name));
    }

    /** What the kubelet does when the build container ends. */
    void finishBuild(String name, int exitCode, String terminationMessage) {
        client.pods().inNamespace(NS).withName(BuildNames.buildPodName(name)).editStatus(p -> new PodBuilder(p)
                .withNewStatus()
                    .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                    .addNewContainerStatus()
                        .withName(BuildNames.buildContainerName(name))
                        .withImage(p.getSpec().getContainers().get(0).getImage())
                        .withNewState().withNewTerminated()
                            .withExitCode(exitCode)
                            .withReason(exitCode == 0 ? "Completed" : "Error")
                            .withMessage(terminationMessage)
                            .withFinishedAt(Instant.now().toString())
                        .endTerminated().endState()
                    .endContainerStatus()
                .endStatus()
                .build());
    }

    Condition condition(String name, String type) {
        KafkaConnect kc = get(name);
        if (kc.getStatus() == null || kc.getStatus().getConditions() == null) {
            return null;
        }
        return kc.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    List<Event> events(String name) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the reconciliation did not complete: " + e, e);
        }
    }

    /**
     * Runs a full build of the named resource to success with the given digest, and waits until the reconciliation that
     * used it has ended (its last step deletes the finished build Pod).
     */
    void buildToSuccess(KafkaConnectAssemblyOperator op, String name, String digest) {
        reconcile(op, name);
        awaitBuildPod(name);
        finishBuild(name, 0, OUTPUT + "@" + digest);
        Condition ready = awaitBuildDone(name);
        assertEquals("True", ready.getStatus(), () -> "the build succeeded: " + ready.getMessage());
        await().atMost(20, TimeUnit.SECONDS).until(() -> buildPod(name) == null);
    }

    /**
     * Waits until the status tells how the build of the current generation ended (the build Pod's change reconciled the
     * resource): its Ready condition no longer says BuildRunning. Returns that condition.
     */
    Condition awaitBuildDone(String name) {
        await().atMost(20, TimeUnit.SECONDS).until(() -> {
            KafkaConnect kc = get(name);
            Condition ready = readyOf(kc);
            return ready != null && kc.getMetadata().getGeneration().equals(kc.getStatus().getObservedGeneration())
                    && !ConditionReasons.BUILD_RUNNING.equals(ready.getReason());
        });
        return condition(name, "Ready");
    }

    static Condition readyOf(KafkaConnect kc) {
        if (kc == null || kc.getStatus() == null || kc.getStatus().getConditions() == null) {
            return null;
        }
        return kc.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    /** Discards the requests recorded so far. */
    void drainRequests() throws InterruptedException {
        while (server.takeRequest(200, TimeUnit.MILLISECONDS) != null) {
            // discard
        }
    }

    /** The requests recorded since the last drain that change something. */
    List<String> writeRequests() throws InterruptedException {
        List<String> writes = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            if (!"GET".equals(request.getMethod())) {
                writes.add(request.getMethod() + " " + request.getPath());
            }
        }
        return writes;
    }

    List<String> podCreations(List<String> writes) {
        return writes.stream().filter(w -> w.startsWith("POST") && w.contains("/pods")).toList();
    }
}
