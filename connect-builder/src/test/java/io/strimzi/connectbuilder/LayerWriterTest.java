package io.strimzi.connectbuilder;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerWriterTest {
    @Test
    void theLayerIsSortedTimestampedAndOwnedAsTheTreeSays(@TempDir Path dir) throws Exception {
        LayerWriter.Layer layer = write(dir.resolve("layer.tar"), "someone");
        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(layer.file()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                assertEquals(LayerWriter.TIMESTAMP.toEpochMilli(), entry.getModTime().getTime(), entry.getName());
                assertEquals("", entry.getUserName());
                entries.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " " + entry.getLongUserId()
                        + (entry.isLink() || entry.isSymbolicLink() ? " -> " + entry.getLinkName() : ""));
            }
        }
        assertEquals(List.of(
                "opt/kafka/plugins/p/ 755 0",
                "opt/kafka/plugins/p/00000001/ 755 0",
                "opt/kafka/plugins/p/00000001/a/ 644 0",
                "opt/kafka/plugins/p/00000001/a/b 600 7",
                "opt/kafka/plugins/p/00000001/a/c 600 7 -> opt/kafka/plugins/p/00000001/a/b",
                "opt/kafka/plugins/p/00000001/a-b 755 0",
                "opt/kafka/plugins/p/00000001/link 777 0 -> a-b",
                "opt/kafka/plugins/p/00000002/ 755 0",
                "opt/kafka/plugins/p/00000002/x.jar 644 0",
                "opt/kafka/plugins/q/ 755 0",
                "opt/kafka/plugins/q/00000003/ 700 5"), entries);
        assertEquals(entries.size(), layer.entries());
        assertEquals(Files.size(layer.file()), layer.size());
    }

    /** Who writes the layer (the JVM's user name ends up in commons-compress's own headers otherwise) does not matter. */
    @Test
    void theSameTreesGiveTheSameBytesWhoeverWritesThem(@TempDir Path dir) throws Exception {
        String user = System.getProperty("user.name");
        try {
            LayerWriter.Layer first = write(dir.resolve("first.tar"), "root");
            LayerWriter.Layer second = write(dir.resolve("second.tar"), "1000650000");
            assertArrayEquals(Files.readAllBytes(first.file()), Files.readAllBytes(second.file()));
            assertEquals(first.digest(), second.digest());
            assertTrue(first.digest().matches("sha256:[0-9a-f]{64}"));
        } finally {
            System.setProperty("user.name", user);
        }
    }

    @Test
    void contentShorterOrLongerThanAnnouncedIsRefused(@TempDir Path dir) throws Exception {
        for (int announced : new int[] {3, 9}) {
            ArtifactTree tree = new ArtifactTree("test");
            tree.file("f", new ArtifactTree.Inode(content("12345", announced), 0644, 0, 0));
            try (LayerWriter writer = new LayerWriter(dir.resolve("bad-" + announced + ".tar"), "/opt/kafka/plugins")) {
                BuildException e = assertThrows(BuildException.class, () -> writer.add("p/00000001", tree));
                assertTrue(e.getMessage().contains(announced < 5 ? "more bytes" : "fewer bytes"), e.getMessage());
            }
        }
    }

    @Test
    void directoriesMustComeInLayerOrder(@TempDir Path dir) throws Exception {
        try (LayerWriter writer = new LayerWriter(dir.resolve("order.tar"), "/opt/kafka/plugins")) {
            writer.add("p/00000002", new ArtifactTree("b"));
            assertThrows(IllegalStateException.class, () -> writer.add("p/00000001", new ArtifactTree("a")));
        }
    }

    @Test
    void layerOrderIsByComponent() {
        List<String> paths = new ArrayList<>(List.of("a-c", "a/b", "a", "a.b", "ab", "a/b/c", "é", "z"));
        paths.sort(LayerOrder.PATHS);
        assertEquals(List.of("a", "a/b", "a/b/c", "a-c", "a.b", "ab", "z", "é"), paths);
    }

    private static LayerWriter.Layer write(Path file, String userName) throws IOException {
        System.setProperty("user.name", userName);
        ArtifactTree first = new ArtifactTree("first");
        ArtifactTree.Inode shared = new ArtifactTree.Inode(content("b", 1), 0600, 7, 7);
        first.file("a-b", new ArtifactTree.Inode(content("ab", 2), 0755, 0, 0));
        first.directory("a", 0644, 0, 0);
        first.file("a/b", shared);
        first.hardLink("a/c", "a/b");
        first.symlink("link", "a-b", 0777, 0, 0);
        ArtifactTree second = new ArtifactTree("second");
        second.file("x.jar", new ArtifactTree.Inode(content("x", 1), 0644, 0, 0));
        ArtifactTree third = new ArtifactTree("third");
        third.directory("", 0700, 5, 5);
        try (LayerWriter writer = new LayerWriter(file, "/opt/kafka/plugins")) {
            writer.add("p/00000001", first);
            writer.add("p/00000002", second);
            writer.add("q/00000003", third);
            return writer.finish();
        }
    }

    private static ArtifactTree.Content content(String text, long announced) {
        return new ArtifactTree.Content() {
            @Override
            public long size() {
                return announced;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
