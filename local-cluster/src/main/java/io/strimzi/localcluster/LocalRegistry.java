package io.strimzi.localcluster;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The CNCF distribution registry (Debian's {@code docker-registry}) on 127.0.0.1, on a free port, storing into a
 * temp directory, optionally behind htpasswd authentication. Plain HTTP: clients need {@code --tls-verify=false}
 * or a registries.conf entry marking it insecure.
 */
public final class LocalRegistry implements AutoCloseable {
    /** Manifest types a digest look-up accepts: buildah pushes OCI manifests, and distribution 404s them otherwise. */
    static final String MANIFEST_ACCEPT = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path workDir;
    private final int port;
    private final Credentials credentials;
    private volatile OwnedProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A user name and password for htpasswd authentication. */
    public record Credentials(String username, String password) {
        public Credentials {
            if (username.contains(":") || username.contains("\n")) {
                throw new IllegalArgumentException("an htpasswd user name cannot hold ':' or a newline");
            }
        }

        String basicAuthorization() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    private LocalRegistry(Path workDir, int port, Credentials credentials) {
        this.workDir = workDir;
        this.port = port;
        this.credentials = credentials;
    }

    /** Starts an open registry. */
    public static LocalRegistry start() {
        return start(null);
    }

    /** Starts a registry; with credentials it requires them (htpasswd, bcrypt). */
    public static LocalRegistry start(Credentials credentials) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("local-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return startIn(workDir, credentials);
        } catch (RuntimeException e) {
            Commands.deleteRecursively(workDir);
            throw e;
        }
    }

    private static LocalRegistry startIn(Path workDir, Credentials credentials) {
        try {
            Path storage = Files.createDirectories(workDir.resolve("storage"));
            StringBuilder config = new StringBuilder();
            int port = freePort();
            config.append("version: 0.1\n")
                    .append("log:\n  level: warn\n")
                    .append("storage:\n  filesystem:\n    rootdirectory: ").append(yamlString(storage.toString())).append('\n')
                    .append("  delete:\n    enabled: true\n")
                    .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
            if (credentials != null) {
                Path htpasswd = workDir.resolve("htpasswd");
                String hash = BCrypt.withDefaults().hashToString(6, credentials.password().toCharArray());
                Files.writeString(htpasswd, credentials.username() + ":" + hash + "\n");
                config.append("auth:\n  htpasswd:\n    realm: local-registry\n    path: ")
                        .append(yamlString(htpasswd.toString())).append('\n');
            }
            Files.writeString(workDir.resolve("config.yml"), config.toString());
            LocalRegistry registry = new LocalRegistry(workDir, port, credentials);
            registry.restart();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the registry process again after {@link #stopProcessOnly()} (same port, same storage); no-op while
     * it runs.
     */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path log = workDir.resolve("registry.log");
        try {
            Process started = new ProcessBuilder("docker-registry", "serve", workDir.resolve("config.yml").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            process = new OwnedProcess(started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start docker-registry (is it installed? see .ci/install-tools.sh)", e);
        }
        awaitReady(log);
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v2/")).timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                String output = readQuietly(log);
                stopProcessOnly();
                throw new IllegalStateException("docker-registry exited with " + process.process().exitValue() + ": " + output);
            }
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // not ready yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopProcessOnly();
                throw new IllegalStateException("interrupted while starting docker-registry", e);
            }
            if (Instant.now().isAfter(deadline)) {
                stopProcessOnly();
                throw new IllegalStateException("docker-registry did not answer /v2/ within " + START_TIMEOUT + ": " + readQuietly(log));
            }
            sleep(50);
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image references. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://" + address();
    }

    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** What the registry logged so far (for failure messages). */
    public String log() {
        return readQuietly(workDir.resolve("registry.log"));
    }

    /**
     * The {@code Docker-Content-Digest} the registry reports for {@code <repository>:<tag>} (or
     * {@code <repository>@<digest>}), or empty when it has no such manifest.
     */
    public Optional<String> digestOf(String repository, String tagOrDigest) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v2/" + repository + "/manifests/" + tagOrDigest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", MANIFEST_ACCEPT)
                .timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("registry answered " + response.statusCode() + " for " + repository + ":" + tagOrDigest);
            }
            return Optional.of(response.headers().firstValue("Docker-Content-Digest")
                    .orElseThrow(() -> new IllegalStateException("registry sent no Docker-Content-Digest for " + repository + ":" + tagOrDigest)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The digest the registry reports, or a failure when the tag is missing. */
    public String requireDigestOf(String repository, String tag) {
        return digestOf(repository, tag).orElseThrow(() -> new IllegalStateException(
                "registry " + address() + " has no manifest for " + repository + ":" + tag));
    }

    /** Stops the registry process, keeping its storage: a later {@link #close()} still removes it. */
    public synchronized void stopProcessOnly() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public void close() {
        stopProcessOnly();
        Commands.deleteRecursively(workDir);
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String yamlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
