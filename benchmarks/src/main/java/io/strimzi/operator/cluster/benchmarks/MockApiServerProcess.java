package io.strimzi.operator.cluster.benchmarks;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.strimzi.localcluster.MockApiServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local-cluster mock API server (with the KafkaConnect CRD) in a child JVM, so that the heap and CPU it uses are
 * not the operator's. The child prints its URL on stdout and stops when its stdin closes.
 */
final class MockApiServerProcess implements AutoCloseable {
    private static final String READY_PREFIX = "mock-api-server listening on ";
    private static final String RELAY_PREFIX = "mock-api-server relay on port ";

    private final Process process;
    private final String url;
    private final int relayPort;

    private MockApiServerProcess(Process process, String url, int relayPort) {
        this.process = process;
        this.url = url;
        this.relayPort = relayPort;
    }

    /** Starts the child with this JVM's class path; its log goes to the given file. */
    static MockApiServerProcess start(Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Jvm.java(), "-cp", System.getProperty("java.class.path"),
                Benchmarks.class.getName(), "mock-server");
        builder.redirectError(log.toFile());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        int relay = -1;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(RELAY_PREFIX)) {
                relay = Integer.parseInt(line.substring(RELAY_PREFIX.length()).trim());
            } else if (line.startsWith(READY_PREFIX)) {
                return new MockApiServerProcess(process, line.substring(READY_PREFIX.length()).trim(), relay);
            }
        }
        process.destroyForcibly();
        throw new IOException("the mock API server exited before listening; see " + log);
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    /** The mock server's port: every TCP connection of this JVM to it is the operator's when the harness uses the relay. */
    int port() {
        return java.net.URI.create(url).getPort();
    }

    /** A client of the harness (its requests are not the operator's), optionally with an interceptor. */
    KubernetesClient client(Consumer<io.fabric8.kubernetes.client.http.HttpClient.Builder> httpClient) {
        return client(url, httpClient);
    }

    /**
     * A harness client that reaches the mock server through a TCP relay in the child process, so that this JVM's
     * connections to the mock server's own port are the operator's alone (the load benchmarks count them).
     */
    KubernetesClient relayedClient() {
        return client(url.replaceFirst(":\\d+$", ":" + relayPort), b -> { });
    }

    private static KubernetesClient client(String url, Consumer<io.fabric8.kubernetes.client.http.HttpClient.Builder> httpClient) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withHttp2Disable(true)
                .withRequestTimeout(30_000).withConnectionTimeout(10_000).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(httpClient).build();
    }

    KubernetesClient client() {
        return client(b -> { });
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The child: serves until stdin closes, discarding the requests the mock server records so memory stays flat. */
    static void serve() throws IOException {
        MockApiServer server = MockApiServer.start();
        server.createKafkaConnectCrd();
        server.discardRecordedRequests();
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        Thread orphanGuard = new Thread(() -> {
            // A benchmark killed mid-run leaves no one to close stdin; do not outlive it.
            while (parent != null && parent.isAlive()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(0);
        }, "orphan-guard");
        orphanGuard.setDaemon(true);
        orphanGuard.start();
        String url = server.url().replaceAll("/$", "");
        System.out.println(RELAY_PREFIX + TcpRelay.start(java.net.URI.create(url).getPort()));
        System.out.println(READY_PREFIX + url);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for EOF
        }
        Runtime.getRuntime().halt(0);
    }
}
