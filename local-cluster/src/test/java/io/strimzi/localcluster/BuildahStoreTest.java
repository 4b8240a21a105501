package io.strimzi.localcluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Buildah on a store of its own: a build from a given Dockerfile, a push, and the disk the store takes. */
class BuildahStoreTest {
    @Test
    void buildsFromAGivenDockerfilePushesAndCountsItsDiskUse(@TempDir Path dir) throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            String base = BaseImage.buildAndPush(registry, "store-test/base", "1");
            BuildahStore store = BuildahStore.create(dir.resolve("store"), List.of(registry.address()));
            long emptyStore = store.diskUsageBytes();

            Path context = Files.createDirectories(dir.resolve("context"));
            Files.writeString(context.resolve("Dockerfile.test"), "FROM " + base + "\n"
                    + "USER root:root\n"
                    + "RUN head -c 3145728 /dev/zero > /opt/kafka/plugins/three-mib && echo built > /opt/kafka/plugins/marker\n"
                    + "USER 1001\n");
            String image = registry.address() + "/store-test/built:1";
            store.run("build", "--file=" + context.resolve("Dockerfile.test"), "--tag=" + image, "--storage-driver=vfs",
                    "--tls-verify=false", context.toString());
            Path digestFile = dir.resolve("digest");
            store.run("push", "--storage-driver=vfs", "--digestfile=" + digestFile, "--tls-verify=false", image);

            assertEquals(registry.requireDigestOf("store-test/built", "1"), Files.readString(digestFile));
            ImageContents built = ImageContents.read(registry, image);
            assertEquals("built\n", built.get("/opt/kafka/plugins/marker").text());
            long withImage = store.diskUsageBytes();
            assertTrue(withImage - emptyStore >= 3 * 1024 * 1024, "the store holds the 3 MiB layer: " + emptyStore + " → " + withImage);
            assertTrue(Files.isDirectory(store.root().resolve("tmp")), "buildah's TMPDIR is inside the store");

            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> store.run("inspect", "--storage-driver=vfs", "no-such-image"));
            assertTrue(failure.getMessage().contains("no-such-image"), failure.getMessage());

            store.delete();
            assertFalse(Files.exists(store.root()));
        }
    }
}
