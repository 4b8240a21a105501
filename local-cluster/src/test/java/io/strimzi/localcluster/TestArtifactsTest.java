package io.strimzi.localcluster;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestArtifactsTest {
    @Test
    void sha512IsLowerCaseHexAsSha512sumPrintsIt() {
        assertEquals("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f", TestArtifacts.sha512("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void jarHoldsItsManifestAndEntries() throws IOException {
        byte[] jar = TestArtifacts.jar(Map.of("io/example/Plugin.class", "bytecode"));
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            assertNotNull(in.getManifest());
            assertEquals("io/example/Plugin.class", in.getNextJarEntry().getName());
            assertEquals("bytecode", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void tgzHoldsDirectoriesBeforeTheirFiles() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("plugin/lib/a.jar", "A");
        entries.put("plugin/README", "R");
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(
                new ByteArrayInputStream(TestArtifacts.tgz(entries))))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName());
                if (entry.getName().equals("plugin/lib/a.jar")) {
                    assertEquals("A", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(List.of("plugin/", "plugin/lib/", "plugin/lib/a.jar", "plugin/README"), names);
    }

    @Test
    void busyboxUnzipsTheZipAndRecreatesItsLinks(@TempDir Path dir) throws IOException {
        Path zip = Files.write(dir.resolve("plugin.zip"), TestArtifacts.zip(Map.of("plugin/a.jar", "A"), Map.of("plugin/escape", "/etc/passwd")));
        Commands.run(List.of(BaseImage.BUSYBOX.toString(), "unzip", "-q", "-d", dir.resolve("out").toString(), zip.toString()), Map.of());
        assertEquals("A", Files.readString(dir.resolve("out/plugin/a.jar")));
        assertTrue(Files.isSymbolicLink(dir.resolve("out/plugin/escape")));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(dir.resolve("out/plugin/escape")));
    }

    @Test
    void zipKeepsSymbolicLinksAsUnixSymlinkEntries() throws IOException {
        byte[] zip = TestArtifacts.zip(Map.of("plugin/a.jar", "A"), Map.of("plugin/escape", "/etc/passwd"));
        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            ZipArchiveEntry link = file.getEntry("plugin/escape");
            assertTrue(link.isUnixSymlink());
            assertEquals(ZipArchiveEntry.STORED, link.getMethod(), "busybox unzip only unpacks stored symlinks");
            assertEquals("/etc/passwd", new String(file.getInputStream(link).readAllBytes(), StandardCharsets.UTF_8));
            assertFalse(file.getEntry("plugin/a.jar").isUnixSymlink());
        }
    }
}
