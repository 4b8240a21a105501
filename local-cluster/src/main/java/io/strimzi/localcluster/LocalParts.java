package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every real part a Connect build needs, without a cluster: the mock API server (with the KafkaConnect CRD), a
 * local registry holding the base image, an artifact server and the fake kubelet running build Pods. Started
 * together, closed together (in reverse order, each process by its PID). The end-to-end tests and
 * {@code make run} use it; only the operator is added on top.
 */
public final class LocalParts implements AutoCloseable {
    public static final String BASE_IMAGE_REPOSITORY = "strimzi/kafka";
    public static final String BASE_IMAGE_TAG = "local";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final String namespace;
    private MockApiServer apiServer;
    private LocalRegistry registry;
    private ArtifactServer artifacts;
    private String baseImage;
    private FakeKubelet kubelet;

    private LocalParts(String namespace) {
        this.namespace = namespace;
    }

    /**
     * Starts everything; the kubelet runs the Pods of namespace and reports to listener.
     *
     * @param registryCredentials null for an open registry, else the htpasswd user the registry requires
     */
    public static LocalParts start(String namespace, LocalRegistry.Credentials registryCredentials, FakeKubeletOptions.Listener listener) {
        return start(namespace, registryCredentials, listener, UnaryOperator.identity());
    }

    /** As {@link #start(String, LocalRegistry.Credentials, FakeKubeletOptions.Listener)}, the kubelet with changed options. */
    public static LocalParts start(String namespace, LocalRegistry.Credentials registryCredentials, FakeKubeletOptions.Listener listener,
                                   UnaryOperator<FakeKubeletOptions> kubeletOptions) {
        LocalParts parts = new LocalParts(namespace);
        try {
            parts.apiServer = parts.track(MockApiServer.start());
            parts.apiServer.createKafkaConnectCrd();
            parts.registry = parts.track(LocalRegistry.start(registryCredentials));
            parts.artifacts = parts.track(ArtifactServer.start());
            parts.baseImage = BaseImage.buildAndPush(parts.registry, BASE_IMAGE_REPOSITORY, BASE_IMAGE_TAG);
            parts.kubelet = parts.track(FakeKubelet.start(parts.apiServer.client(), namespace,
                    kubeletOptions.apply(FakeKubeletOptions.defaults(List.of(parts.registry.address())).withListener(listener)
                            .withPodFilter(pod -> !isKanikoPod(pod)))));
            return parts;
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /**
     * There is no Kaniko executor here (it exists only as an image), so the kubelet leaves Kaniko build Pods alone:
     * a test plays their result by writing the Pod status itself.
     */
    public static boolean isKanikoPod(Pod pod) {
        return pod.getSpec().getContainers().stream().anyMatch(c -> c.getImage() != null && c.getImage().contains("kaniko"));
    }

    private <T extends AutoCloseable> T track(T part) {
        started.add(part);
        return part;
    }

    public String namespace() {
        return namespace;
    }

    /** The client the harness uses; give the operator its own ({@link MockApiServer#newClient()} or a kubeconfig). */
    public NamespacedKubernetesClient client() {
        return apiServer.client();
    }

    public MockApiServer apiServer() {
        return apiServer;
    }

    public LocalRegistry registry() {
        return registry;
    }

    public ArtifactServer artifacts() {
        return artifacts;
    }

    /** {@code <registry>/strimzi/kafka:local}: the stand-in for the Kafka Connect image. */
    public String baseImage() {
        return baseImage;
    }

    public FakeKubelet kubelet() {
        return kubelet;
    }

    /**
     * Writes a kubeconfig that points at the mock API server, with this namespace as the current one: for an
     * operator started as its own process, and for kubectl.
     */
    public Path writeKubeconfig(Path file) {
        return apiServer.writeKubeconfig(file, namespace);
    }

    /** Closes every part that was started, last first; a failure to close one does not keep the others running. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close every local part", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
