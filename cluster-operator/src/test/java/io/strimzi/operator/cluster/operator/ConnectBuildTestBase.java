package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.operator.cluster.config.ClusterOperatorConfig;
import io.strimzi.operator.cluster.config.FeatureGates;
import io.strimzi.operator.cluster.model.build.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.build.Platform;
import io.strimzi.operator.cluster.model.connect.KafkaConnectCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A CRUD mock API server, an operator wired to it, and the kubelet's part (finishing build Pods) done by hand. */
abstract class ConnectBuildTestBase {
    static final String NS = "kafka";
    static final String OUTPUT = "registry.example.com/team/connect";
    static final String DIGEST = "sha256:" + "ab12".repeat(16);
    static final String DIGEST2 = "sha256:" + "cd34".repeat(16);
    static final String OPERATOR_VERSION = "0.49.0";

    KubernetesMockServer server;
    KubernetesClient client;
    Vertx vertx;
    final List<KafkaConnectAssemblyOperator> operators = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(KafkaConnect.class));
        client = server.createClient();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopServer() {
        operators.forEach(KafkaConnectAssemblyOperator::stop);
        vertx.close().toCompletionStage().toCompletableFuture().join();
        client.close();
        server.destroy();
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
        KafkaConnectAssemblyOperator op = new KafkaConnectAssemblyOperator(vertx, client, config, FakeBuildPlans.FACTORY,
                platform, new OperatorMetrics(), retry, Clock.systemUTC());
        operators.add(op);
        return op;
    }

    KafkaConnect apply(String yaml) {
        KafkaConnect kc = client.getKubernetesSerialization().unmarshal(yaml, KafkaConnect.class);
        return client.resources(KafkaConnect.class).inNamespace(NS).resource(kc).create();
    }

    static String connectYaml(String name, String jarUrl, String extra) {
        return """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnect
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  replicas: 2
                  bootstrapServers: my-kafka:9092
                  build:
                    output:
                      type: docker
                      image: %s:latest
                %s    plugins:
                      - name: echo
                        artifacts:
                          - type: jar
                            url: %s
                """.formatted(name, NS, OUTPUT, extra, jarUrl);
    }

    KafkaConnect get(String name) {
        return client.resources(KafkaConnect.class).inNamespace(NS).withName(name).get();
    }

    Pod buildPod(String name) {
        return client.pods().inNamespace(NS).withName(KafkaConnectBuild.buildPodName(name)).get();
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(KafkaConnectCluster.deploymentName(name)).get();
    }

    Pod awaitBuildPod(String name) {
        await().atMost(20, TimeUnit.SECONDS).until(() -> buildPod(name) != null);
        return buildPod(name);
    }

    /** What the kubelet does when the build container ends. */
    void finishBuild(String name, int exitCode, String terminationMessage) {
        client.pods().inNamespace(NS).withName(KafkaConnectBuild.buildPodName(name)).editStatus(p -> new PodBuilder(p)
                .withNewStatus()
                    .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                    .addNewContainerStatus()
                        .withName("build")
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

    /** Runs a full build of the named resource to success with the given digest. */
    void buildToSuccess(KafkaConnectAssemblyOperator op, String name, String digest) {
        Future<Void> reconcile = op.reconcile(NS, name);
        awaitBuildPod(name);
        finishBuild(name, 0, OUTPUT + "@" + digest);
        join(reconcile);
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
