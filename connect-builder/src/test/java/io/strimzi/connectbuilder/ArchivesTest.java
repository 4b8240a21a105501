package io.strimzi.connectbuilder;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unpacking rules against the tools the Dockerfile path runs in the Strimzi images: this machine's GNU tar and
 * Info-ZIP unzip, run as root with umask 022 exactly as the Dockerfile's RUN step runs them (then the zip's links
 * removed as the Dockerfile removes them). The archives hold what differs between unpackers: modes with group write
 * and set-id bits, other owners, links, implied and listed directories, a listed root, duplicates, entries from a
 * non-Unix zip. Needs root (tar keeps owners only for root), as the rest of the real-parts tests do.
 */
class ArchivesTest {
    private static final int UMASK = 022;

    @Test
    void aTgzGivesWhatGnuTarGives(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("a.tgz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tgz)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tarEntry(tar, "./", TarConstants.LF_DIR, 0750, 0, null);
            tarEntry(tar, "plugin/", TarConstants.LF_DIR, 0755, 0, null);
            tarEntry(tar, "plugin/private/", TarConstants.LF_DIR, 0700, 1000, null);
            tarEntry(tar, "plugin/lib/a.jar", TarConstants.LF_NORMAL, 0644, 0, "a");
            tarEntry(tar, "plugin/lib/group.jar", TarConstants.LF_NORMAL, 0664, 1001, "g");
            tarEntry(tar, "plugin/bin/setuid", TarConstants.LF_NORMAL, 04755, 0, "s");
            tarEntry(tar, "plugin/private/key", TarConstants.LF_NORMAL, 0600, 1000, "k");
            tarEntry(tar, "plugin/deep/implied/file", TarConstants.LF_NORMAL, 0644, 4242, "i");
            tarEntry(tar, "plugin/lib/current.jar", TarConstants.LF_SYMLINK, 0777, 0, "a.jar");
            tarEntry(tar, "plugin/docs", TarConstants.LF_SYMLINK, 0777, 0, "lib");
            tarEntry(tar, "plugin/lib/b.jar", TarConstants.LF_LINK, 0644, 0, "plugin/lib/a.jar");
            tarEntry(tar, "plugin/dup", TarConstants.LF_NORMAL, 0644, 0, "first");
            tarEntry(tar, "plugin/dup", TarConstants.LF_NORMAL, 0640, 0, "second");
            tarEntry(tar, "plugin/" + "long-name-".repeat(12) + ".jar", TarConstants.LF_NORMAL, 0644, 0, "long");
            tarEntry(tar, "plugin/big-uid", TarConstants.LF_NORMAL, 0644, 1_000_650_000L, "openshift uid");
        }
        Path extracted = Files.createDirectories(dir.resolve("tar"));
        run(extracted, "tar", "-xzf", tgz.toString(), "-C", extracted.toString());
        ArtifactTree tree;
        try (Archives archives = new Archives("test", Files.createDirectories(dir.resolve("work")))) {
            tree = archives.tgz(tgz);
            assertEquals(onDisk(extracted), describe(tree));
        }
    }

    @Test
    void aZipGivesWhatInfoZipUnzipGivesWithoutItsLinks(@TempDir Path dir) throws Exception {
        Path zipFile = dir.resolve("a.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(zipFile))) {
            unixEntry(zip, "plugin/", 040755, null);
            unixEntry(zip, "plugin/conf/", 040700, null);
            unixEntry(zip, "plugin/a.jar", 0100644, "a");
            unixEntry(zip, "plugin/group.jar", 0100664, "g");
            unixEntry(zip, "plugin/setuid", 0104755, "s");
            unixEntry(zip, "plugin/conf/x", 0100600, "x");
            unixEntry(zip, "plugin/implied/y", 0100755, "y");
            unixEntry(zip, "plugin/link", 0120777, "/etc/passwd");
            unixEntry(zip, "plugin/dup", 0100644, "first");
            unixEntry(zip, "plugin/dup", 0100640, "second");
            dosEntry(zip, "dos/", 0x10, null);
            dosEntry(zip, "dos/read-only.txt", 0x01, "r");
            dosEntry(zip, "dos/plain.txt", 0x00, "p");
        }
        Path extracted = Files.createDirectories(dir.resolve("zip"));
        run(extracted, "unzip", "-q", "-o", zipFile.toString(), "-d", extracted.toString());
        run(extracted, "find", extracted.toString(), "-type", "l", "-exec", "rm", "-f", "--", "{}", "+");
        try (Archives archives = new Archives("test", Files.createDirectories(dir.resolve("work")))) {
            assertEquals(onDisk(extracted), describe(archives.zip(zipFile)));
        }
    }

    @Test
    void hostileEntriesAreRefusedNamingTheEntry(@TempDir Path dir) throws Exception {
        assertRefused(dir, tgz(dir, "traversal.tgz", "plugin/../../evil"), true, "the archive entry 'plugin/../../evil' leads out of "
                + "the artifact's directory through '..'; nothing was pushed");
        assertRefused(dir, tgz(dir, "absolute.tgz", "/etc/cron.d/evil"), true, "the archive entry '/etc/cron.d/evil' is an absolute path");
        Path linkOut = dir.resolve("link-out.tgz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(linkOut)))) {
            tarEntry(tar, "plugin/etc", TarConstants.LF_SYMLINK, 0777, 0, "../../../../etc");
        }
        assertRefused(dir, linkOut, true, "the archive entry 'plugin/etc' is a symbolic link to '../../../../etc', outside the artifact's directory");
        Path throughLinks = dir.resolve("through-links.tgz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(throughLinks)))) {
            tarEntry(tar, "self", TarConstants.LF_SYMLINK, 0777, 0, ".");
            tarEntry(tar, "up", TarConstants.LF_SYMLINK, 0777, 0, "self/..");
        }
        assertRefused(dir, throughLinks, true, "the archive entry 'up' is a symbolic link to 'self/..', outside the artifact's directory");
        Path below = dir.resolve("below-link.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(below))) {
            unixEntry(zip, "lib", 0120777, "/etc");
            unixEntry(zip, "lib/passwd", 0100644, "x");
        }
        assertRefused(dir, below, false, "the archive entry 'lib/passwd' is below the symbolic link 'lib' of the same archive");
        Path zipTraversal = dir.resolve("traversal.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(zipTraversal))) {
            unixEntry(zip, "../../evil.jar", 0100644, "x");
        }
        assertRefused(dir, zipTraversal, false, "the archive entry '../../evil.jar' leads out");
        Path device = dir.resolve("device.tgz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(device)))) {
            tarEntry(tar, "dev/null", TarConstants.LF_CHR, 0666, 0, null);
        }
        assertRefused(dir, device, true, "the archive entry 'dev/null' is a device, which a plugin does not need");
    }

    @Test
    void archivesWithMoreEntriesThanAPluginNeedsAreRefusedBeforeTheyAreListed(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("many.tgz");
        Path zipFile = dir.resolve("many.zip");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tgz)));
             ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(zipFile))) {
            for (int i = 0; i <= Archives.MAX_ENTRIES; i++) {
                tarEntry(tar, "f" + i, TarConstants.LF_NORMAL, 0644, 0, "");
                unixEntry(zip, "f" + i, 0100644, "");
            }
        }
        String expected = "the archive has more than 20000 entries, more than a plugin needs; nothing was pushed";
        assertRefused(dir, tgz, true, expected);
        assertRefused(dir, zipFile, false, expected);
        assertEquals(Archives.MAX_ENTRIES + 1L, ZipEntryCount.of(zipFile));
    }

    @Test
    void infoZipModeRules() {
        assertEquals(0100664, Archives.infoZipMode(3, 0100664L << 16, false, false), "Unix permissions as stored");
        assertEquals(0444 & ~UMASK | 0, Archives.infoZipMode(0, 0x01, false, false) & 0777, "read-only DOS file");
        assertEquals(0644, Archives.infoZipMode(0, 0x00, false, false), "writable DOS file: 0666 masked");
        assertEquals(0755, Archives.infoZipMode(0, 0x10, false, true), "DOS directory");
        assertEquals(0600, Archives.infoZipMode(0, (0600L << 16), false, false), "DOS entry whose Unix bits agree with its flags");
    }

    private static void assertRefused(Path dir, Path archive, boolean tgz, String expected) throws Exception {
        Path work = Files.createTempDirectory(dir, "work");
        try (Archives archives = new Archives("test", work)) {
            BuildException e = assertThrows(BuildException.class, () -> {
                if (tgz) {
                    archives.tgz(archive);
                } else {
                    archives.zip(archive);
                }
            }, archive.getFileName().toString());
            assertTrue(e.getMessage().startsWith("test: "), e.getMessage());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    private static Path tgz(Path dir, String name, String entry) throws IOException {
        Path tgz = dir.resolve(name);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tgz)))) {
            tarEntry(tar, entry, TarConstants.LF_NORMAL, 0644, 0, "evil");
        }
        return tgz;
    }

    private static void tarEntry(TarArchiveOutputStream tar, String name, byte type, int mode, long uid, String content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode(mode);
        entry.setUserId(uid);
        entry.setGroupId(uid);
        entry.setUserName("");
        entry.setGroupName("");
        byte[] bytes = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
            entry.setLinkName(content);
        } else if (type == TarConstants.LF_NORMAL) {
            entry.setSize(bytes.length);
        }
        tar.putArchiveEntry(entry);
        if (type == TarConstants.LF_NORMAL) {
            tar.write(bytes);
        }
        tar.closeArchiveEntry();
    }

    private static void unixEntry(ZipArchiveOutputStream zip, String name, int mode, String content) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(mode);
        write(zip, entry, content);
    }

    /** An entry as MS-DOS zip programs write it: no Unix permissions, the DOS attribute byte only. */
    private static void dosEntry(ZipArchiveOutputStream zip, String name, int dosAttributes, String content) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setExternalAttributes(dosAttributes);
        write(zip, entry, content);
    }

    private static void write(ZipArchiveOutputStream zip, ZipArchiveEntry entry, String content) throws IOException {
        zip.putArchiveEntry(entry);
        if (content != null) {
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        zip.closeArchiveEntry();
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh"));
        argv.addAll(List.of(command));
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }

    /** The tree as the files on disk: type, mode, owner, content or link target; hard links by inode. */
    private static Map<String, String> onDisk(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>(LayerOrder.PATHS);
        Map<Object, String> firstByInode = new HashMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted((a, b) -> LayerOrder.compare(root.relativize(a).toString(), root.relativize(b).toString())).toList();
        }
        for (Path path : paths) {
            String relative = root.relativize(path).toString();
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            String owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                    + Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            if (Files.isSymbolicLink(path)) {
                tree.put(relative, "symlink " + owner + " -> " + Files.readSymbolicLink(path));
            } else if (Files.isDirectory(path)) {
                tree.put(relative, "directory " + Integer.toOctalString(mode) + " " + owner);
            } else {
                Object inode = Files.getAttribute(path, "unix:ino");
                String first = firstByInode.putIfAbsent(inode, relative);
                tree.put(relative, "file " + Integer.toOctalString(mode) + " " + owner + " "
                        + (first == null ? Files.readString(path) : "same as " + first));
            }
        }
        return tree;
    }

    /** The tree as the layer will hold it, in the same terms. */
    private static Map<String, String> describe(ArtifactTree tree) throws IOException {
        Map<String, String> described = new TreeMap<>(LayerOrder.PATHS);
        Map<ArtifactTree.Inode, String> firstByInode = new java.util.IdentityHashMap<>();
        for (Map.Entry<String, ArtifactTree.Node> entry : tree.nodes().entrySet()) {
            ArtifactTree.Node node = entry.getValue();
            if (node instanceof ArtifactTree.Symlink link) {
                described.put(entry.getKey(), "symlink " + link.uid() + ":" + link.gid() + " -> " + link.target());
            } else if (node instanceof ArtifactTree.Directory directory) {
                described.put(entry.getKey(), "directory " + Integer.toOctalString(directory.mode()) + " " + directory.uid() + ":" + directory.gid());
            } else {
                ArtifactTree.Inode inode = ((ArtifactTree.File) node).inode();
                String first = firstByInode.putIfAbsent(inode, entry.getKey());
                String content;
                try (InputStream in = inode.content.open()) {
                    content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                described.put(entry.getKey(), "file " + Integer.toOctalString(inode.mode) + " " + inode.uid + ":" + inode.gid + " "
                        + (first == null ? content : "same as " + first));
            }
        }
        return described;
    }
}
