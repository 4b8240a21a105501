package io.strimzi.operator.cluster.benchmarks;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The minimum the build benchmark needs on this machine: a distribution registry on 127.0.0.1, an HTTP server for the
 * artifacts, Buildah with vfs storage in a directory of its own, and a busybox base image made without any download.
 * (The end-to-end harness of the local-cluster module has fuller versions; it had not landed when this was written.)
 */
final class LocalBuildTools {
    private LocalBuildTools() {
    }

    /** `docker-registry serve` with filesystem storage, listening on 127.0.0.1. */
    static final class Registry implements AutoCloseable {
        private final Process process;
        final String host;

        Registry(Path dir) throws IOException, InterruptedException {
            int port = freePort();
            Files.createDirectories(dir.resolve("storage"));
            Path config = dir.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: 127.0.0.1:%d
                    """.formatted(dir.resolve("storage"), port));
            process = new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            host = "127.0.0.1:" + port;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try {
                    HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host + "/v2/").toURL().openConnection();
                    if (c.getResponseCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        close();
                        throw new IOException("the registry did not start; see " + dir.resolve("registry.log"), e);
                    }
                }
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Serves fixed random files over HTTP on 127.0.0.1. */
    static final class ArtifactServer implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, byte[]> files = new ConcurrentHashMap<>();

        ArtifactServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> {
                byte[] body = files.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            server.start();
        }

        /** Adds a file of random bytes (seeded: the same path always has the same content) and returns its URL. */
        String addRandom(String path, int size) {
            byte[] content = new byte[size];
            new Random(path.hashCode()).nextBytes(content);
            files.put(path, content);
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        byte[] content(String path) {
            return files.get(path);
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** Buildah with vfs storage (graph root, run root and TMPDIR) under one directory and chroot isolation. */
    static final class Buildah {
        final Path dir;
        private final Path log;

        Buildah(Path dir, Path log) throws IOException {
            this.dir = dir;
            this.log = log;
            Files.createDirectories(dir.resolve("tmp"));
            Files.writeString(dir.resolve("storage.conf"), """
                    [storage]
                    driver = "vfs"
                    graphroot = "%s"
                    runroot = "%s"
                    """.formatted(dir.resolve("graph"), dir.resolve("run")));
        }

        /** Runs `buildah --storage-driver=vfs ARGS`; fails with the output when it fails. */
        String run(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("buildah"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("CONTAINERS_STORAGE_CONF", dir.resolve("storage.conf").toString());
            builder.environment().put("BUILDAH_ISOLATION", "chroot");
            builder.environment().put("TMPDIR", dir.resolve("tmp").toString());
            Process p = builder.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            Files.writeString(log, "$ " + String.join(" ", command) + "\n" + output, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (status != 0) {
                throw new IOException(String.join(" ", command) + " failed with " + status + ":\n" + output);
            }
            return output.strip();
        }

        /** Disk blocks the storage uses, as `du -sk` counts them, in bytes. */
        long diskBytes() throws IOException, InterruptedException {
            Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("du failed: " + out);
            }
            return Long.parseLong(out.split("\\s+")[0]) * 1024;
        }

        void delete() throws IOException {
            deleteTree(dir);
        }
    }

    /**
     * A base image with busybox (sh, wget, sha512sum, mkdir, mv, tar, unzip) and root in /etc/passwd, made from
     * scratch and pushed to the registry as `name`.
     */
    static void pushBusyboxBase(Buildah buildah, Path work, String name) throws IOException, InterruptedException {
        Path passwd = work.resolve("passwd");
        Path group = work.resolve("group");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/sh\nkafka:x:1001:0:kafka:/opt/kafka:/bin/sh\n");
        Files.writeString(group, "root:x:0:\n");
        String container = buildah.run("--storage-driver=vfs", "from", "scratch");
        buildah.run("--storage-driver=vfs", "copy", container, "/bin/busybox", "/bin/busybox");
        buildah.run("--storage-driver=vfs", "run", container, "/bin/busybox", "--install", "-s", "/bin");
        buildah.run("--storage-driver=vfs", "copy", container, passwd.toString(), "/etc/passwd");
        buildah.run("--storage-driver=vfs", "copy", container, group.toString(), "/etc/group");
        buildah.run("--storage-driver=vfs", "run", container, "/bin/mkdir", "-p", "/opt/kafka/plugins", "/tmp");
        buildah.run("--storage-driver=vfs", "commit", "-q", container, name);
        buildah.run("--storage-driver=vfs", "push", "-q", "--tls-verify=false", name);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
