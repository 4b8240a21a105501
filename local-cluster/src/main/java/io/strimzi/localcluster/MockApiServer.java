package io.strimzi.localcluster;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.util.HashMap;

/**
 * The fabric8 mock API server in CRUD mode (see the shared notes for what it does and does not do), on
 * 127.0.0.1, with a client for it.
 */
public final class MockApiServer implements AutoCloseable {
    /** Held so that the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    private MockApiServer(KubernetesMockServer server, NamespacedKubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    public static MockApiServer start() {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        return new MockApiServer(server, server.createClient());
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

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
