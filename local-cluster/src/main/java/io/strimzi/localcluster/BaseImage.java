package io.strimzi.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a tiny stand-in for the Kafka Connect base image without any download: busybox-static with all its
 * applets linked into /bin (sh, wget, sha512sum, tar, unzip, ...), /etc/passwd with root and the Connect user
 * 1001, an empty /opt/kafka/plugins, and USER 1001; pushed to the local registry. Uses buildah with the vfs
 * driver and a storage in a temp directory that is removed once the image is in the registry.
 */
public final class BaseImage {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    static final String CONNECT_USER = "1001";

    private BaseImage() {
    }

    /**
     * Builds the image and pushes it as {@code <registry>/<repository>:<tag>}.
     *
     * @return that reference
     */
    public static String buildAndPush(LocalRegistry registry, String repository, String tag) {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException(BUSYBOX + " is missing: install busybox-static (.ci/install-tools.sh)");
        }
        String reference = registry.address() + "/" + repository + ":" + tag;
        Path workDir;
        try {
            workDir = Files.createTempDirectory("base-image-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BuildahStore store = BuildahStore.create(workDir.resolve("store"), List.of(registry.address()));
        Map<String, String> env = store.environment();
        try {
            Path rootfs = writeRootFilesystem(workDir.resolve("rootfs"));
            String container = Commands.run(List.of("buildah", "from", "--storage-driver=vfs", "scratch"), env).strip();
            Commands.run(List.of("buildah", "copy", "--storage-driver=vfs", "--quiet", container, rootfs + "/", "/"), env);
            Commands.run(List.of("buildah", "config", "--storage-driver=vfs",
                    "--user", CONNECT_USER,
                    "--env", "PATH=/usr/local/bin:/usr/bin:/bin",
                    "--workingdir", "/opt/kafka",
                    "--cmd", "/bin/sh",
                    "--label", "io.strimzi.local-cluster=base-image",
                    container), env);
            Commands.run(List.of("buildah", "commit", "--storage-driver=vfs", "--quiet", container, "localhost/base-image"), env);
            List<String> push = new ArrayList<>(List.of("buildah", "push", "--storage-driver=vfs", "--quiet", "--tls-verify=false"));
            registry.credentials().ifPresent(c -> push.add("--creds=" + c.username() + ":" + c.password()));
            push.add("localhost/base-image");
            push.add("docker://" + reference);
            Commands.run(push, env);
            return reference;
        } finally {
            Commands.deleteRecursively(workDir);
        }
    }

    private static Path writeRootFilesystem(Path rootfs) {
        try {
            Path bin = Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String applet : Commands.run(List.of(BUSYBOX.toString(), "--list"), Map.of()).split("\n")) {
                String name = applet.strip();
                if (!name.isEmpty() && !name.equals("busybox") && !name.contains("/")) {
                    Files.createSymbolicLink(bin.resolve(name), Path.of("busybox"));
                }
            }
            Path etc = Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                    + "kafka:x:" + CONNECT_USER + ":0:Kafka Connect:/home/kafka:/bin/sh\n");
            Files.writeString(etc.resolve("group"), "root:x:0:\n");
            Files.createDirectories(rootfs.resolve("opt/kafka/plugins"));
            Files.createDirectories(rootfs.resolve("home/kafka"));
            Files.createDirectories(rootfs.resolve("root"));
            Files.createDirectories(rootfs.resolve("usr/bin"));
            Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
            Commands.run(List.of("chmod", "1777", tmp.toString()), Map.of());
            return rootfs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
