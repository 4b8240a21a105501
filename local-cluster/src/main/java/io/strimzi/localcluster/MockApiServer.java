package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fabric8 mock API server in CRUD mode (see the shared notes for what it does and does not do), on
 * 127.0.0.1, with a client for it.
 */
public final class MockApiServer implements AutoCloseable {
    /** Held so that the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /** The generated CRD, on the classpath from the api module. */
    static final String KAFKA_CONNECT_CRD = "META-INF/fabric8/kafkaconnects.kafka.strimzi.io-v1.yml";

    static final List<String> OPENSHIFT_API_GROUPS = List.of("build.openshift.io", "image.openshift.io", "apps.openshift.io",
            "route.openshift.io", "project.openshift.io");

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;
    private final ApiDiscovery discovery;
    private final ApiRequestInterceptor.Intercepting intercepting;
    private final AtomicLong discardedRequests = new AtomicLong();
    private volatile Thread discarder;

    private MockApiServer(KubernetesMockServer server, NamespacedKubernetesClient client, ApiDiscovery discovery,
                          ApiRequestInterceptor.Intercepting intercepting) {
        this.server = server;
        this.client = client;
        this.discovery = discovery;
        this.intercepting = intercepting;
    }

    public static MockApiServer start() {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        // KafkaConnect's served versions as one collection; then API discovery and custom resources' scale (for
        // kubectl), then expectations, then CRUD.
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        VersionInfo version = new VersionInfo.Builder().withMajor("1").withMinor("33").withGitVersion("v1.33.0-mock").build();
        ApiDiscovery discovery = new ApiDiscovery();
        ApiRequestInterceptor.Intercepting intercepting = new ApiRequestInterceptor.Intercepting(
                new KafkaConnectVersionsDispatcher(new KubectlDispatcher(expectations, discovery)));
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, intercepting, false, version);
        // In CRUD mode every API group would seem served; Kubernetes does not serve OpenShift's.
        for (String group : OPENSHIFT_API_GROUPS) {
            server.expect().get().withPath("/apis/" + group).andReturn(404, "").always();
        }
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        return new MockApiServer(server, server.createClient(), discovery, intercepting);
    }

    /** Puts interceptor in front of every request from now on (null: none); replaces the one set before. */
    public void intercept(ApiRequestInterceptor interceptor) {
        intercepting.set(interceptor);
    }

    /** A client for this server (closed with it); create more with {@link #newClient()}. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /** A separate client, e.g. for the operator, so that closing one does not close the other. */
    public NamespacedKubernetesClient newClient() {
        return server.createClient();
    }

    /** The server's URL, as a kubeconfig would name it. */
    public String url() {
        return server.url("/");
    }

    /** Writes a kubeconfig for this server (which takes any token and speaks plain HTTP), namespace the current one. */
    public Path writeKubeconfig(Path file, String namespace) {
        String server = url().replaceAll("/$", "");
        String kubeconfig = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: local-cluster",
                "  cluster:",
                "    server: " + server,
                "users:",
                "- name: local-cluster",
                "  user:",
                "    token: local-cluster",
                "contexts:",
                "- name: local-cluster",
                "  context:",
                "    cluster: local-cluster",
                "    user: local-cluster",
                "    namespace: " + namespace,
                "current-context: local-cluster",
                "");
        try {
            Files.writeString(file, kubeconfig);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the KafkaConnect CRD, so that the server serves KafkaConnects (with their status subresource), and
     * adds its served versions to API discovery.
     */
    public void createKafkaConnectCrd() {
        try (InputStream crd = MockApiServer.class.getClassLoader().getResourceAsStream(KAFKA_CONNECT_CRD)) {
            if (crd == null) {
                throw new IllegalStateException(KAFKA_CONNECT_CRD + " is not on the classpath: build the api module first");
            }
            CustomResourceDefinition definition = client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class);
            client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
            discovery.register(definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * From now on throws away the requests the mock server records: it keeps every one in memory for its
     * {@code takeRequest()}, which nothing here reads, so a long run (a benchmark) would grow without bound.
     */
    public synchronized void discardRecordedRequests() {
        if (discarder != null) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    server.takeRequest();
                    discardedRequests.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mock-api-server-discard-requests");
        thread.setDaemon(true);
        thread.start();
        discarder = thread;
    }

    /** How many recorded requests {@link #discardRecordedRequests()} has thrown away so far. */
    public long discardedRequestCount() {
        return discardedRequests.get();
    }

    @Override
    public void close() {
        Thread thread = discarder;
        if (thread != null) {
            thread.interrupt();
        }
        client.close();
        server.destroy();
    }
}
