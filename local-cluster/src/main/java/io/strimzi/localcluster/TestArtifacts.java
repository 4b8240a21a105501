package io.strimzi.localcluster;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Makes small plugin artifacts in memory (jar, tgz, zip with an optional symbolic link) and their sha512
 * checksums, as the build's Dockerfile expects them. Entries are given as path → content, in order.
 */
public final class TestArtifacts {
    private static final long FIXED_TIME = 1_700_000_000_000L;

    private TestArtifacts() {
    }

    /** A jar with a manifest and the given entries. */
    public static byte[] jar(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                JarEntry jarEntry = new JarEntry(entry.getKey());
                jarEntry.setTime(FIXED_TIME);
                jar.putNextEntry(jarEntry);
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A gzip-compressed tar with regular files (mode 644) and the directories they need. */
    public static byte[] tgz(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            java.util.Set<String> directories = new java.util.HashSet<>();
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String path = entry.getKey();
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    String directory = path.substring(0, slash + 1);
                    if (directories.add(directory)) {
                        TarArchiveEntry dirEntry = new TarArchiveEntry(directory);
                        dirEntry.setMode(0755 | 040000);
                        dirEntry.setModTime(FIXED_TIME);
                        tar.putArchiveEntry(dirEntry);
                        tar.closeArchiveEntry();
                    }
                }
                byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry fileEntry = new TarArchiveEntry(path);
                fileEntry.setSize(content.length);
                fileEntry.setMode(0644 | 0100000);
                fileEntry.setModTime(FIXED_TIME);
                tar.putArchiveEntry(fileEntry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip with regular files. */
    public static byte[] zip(Map<String, String> entries) {
        return zip(entries, Map.of());
    }

    /**
     * A zip with regular files and symbolic links (link path → target, stored with the Unix symlink mode as
     * Info-ZIP does, so that {@code unzip} recreates them as links).
     */
    public static byte[] zip(Map<String, String> entries, Map<String, String> symbolicLinks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                zipEntry.setUnixMode(0644 | 0100000);
                zipEntry.setTime(FIXED_TIME);
                zip.putArchiveEntry(zipEntry);
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
            for (Map.Entry<String, String> link : symbolicLinks.entrySet()) {
                byte[] target = link.getValue().getBytes(StandardCharsets.UTF_8);
                ZipArchiveEntry linkEntry = new ZipArchiveEntry(link.getKey());
                linkEntry.setUnixMode(0777 | 0120000);
                linkEntry.setTime(FIXED_TIME);
                // Stored, as Info-ZIP stores short link targets: busybox unzip refuses compressed symlinks.
                linkEntry.setMethod(ZipArchiveEntry.STORED);
                linkEntry.setSize(target.length);
                CRC32 crc = new CRC32();
                crc.update(target);
                linkEntry.setCrc(crc.getValue());
                zip.putArchiveEntry(linkEntry);
                zip.write(target);
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Lower-case hex sha512, the form {@code sha512sum} prints and {@code .spec.build} expects. */
    public static String sha512(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
