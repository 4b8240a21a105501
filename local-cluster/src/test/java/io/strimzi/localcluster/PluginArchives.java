package io.strimzi.localcluster;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Plugin archives with what real ones carry besides plain files, entry by entry: directories with their own modes,
 * owners other than root, set-id bits, symbolic and hard links, entries whose directories are not listed, and the
 * hostile cases (`..`, absolute names, links out, too many entries).
 */
final class PluginArchives {
    private static final long TIME = 1_700_000_000_000L;

    private PluginArchives() {
    }

    /** One tar or zip entry. */
    record Entry(String name, char type, int mode, long uid, String content) {
        static Entry file(String name, int mode, String content) {
            return new Entry(name, 'f', mode, 0, content);
        }

        static Entry owned(String name, int mode, long uid, String content) {
            return new Entry(name, 'f', mode, uid, content);
        }

        static Entry dir(String name, int mode) {
            return new Entry(name, 'd', mode, 0, "");
        }

        /** content is the link target. */
        static Entry symlink(String name, String target) {
            return new Entry(name, 'l', 0777, 0, target);
        }

        /** content is the name of the earlier entry linked to. */
        static Entry hardlink(String name, String target) {
            return new Entry(name, 'h', 0644, 0, target);
        }
    }

    static byte[] tgz(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                byte type = switch (entry.type()) {
                    case 'd' -> TarConstants.LF_DIR;
                    case 'l' -> TarConstants.LF_SYMLINK;
                    case 'h' -> TarConstants.LF_LINK;
                    default -> TarConstants.LF_NORMAL;
                };
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.name(), type, true);
                tarEntry.setMode(entry.mode());
                tarEntry.setUserId(entry.uid());
                tarEntry.setGroupId(entry.uid());
                tarEntry.setUserName(entry.uid() == 0 ? "root" : "builder");
                tarEntry.setGroupName(entry.uid() == 0 ? "root" : "builder");
                tarEntry.setModTime(TIME);
                byte[] content = entry.content().getBytes(StandardCharsets.UTF_8);
                if (entry.type() == 'l' || entry.type() == 'h') {
                    tarEntry.setLinkName(entry.content());
                } else if (entry.type() == 'f') {
                    tarEntry.setSize(content.length);
                }
                tar.putArchiveEntry(tarEntry);
                if (entry.type() == 'f') {
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip made on Unix: each entry with its Unix mode; links stored (not compressed) as Info-ZIP stores them. */
    static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Entry entry : entries) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.type() == 'd' && !entry.name().endsWith("/") ? entry.name() + "/" : entry.name());
                int typeBits = switch (entry.type()) {
                    case 'd' -> 040000;
                    case 'l' -> 0120000;
                    default -> 0100000;
                };
                zipEntry.setUnixMode(typeBits | entry.mode());
                zipEntry.setTime(TIME);
                byte[] content = entry.content().getBytes(StandardCharsets.UTF_8);
                if (entry.type() == 'l') {
                    zipEntry.setMethod(ZipArchiveEntry.STORED);
                    zipEntry.setSize(content.length);
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putArchiveEntry(zipEntry);
                if (entry.type() != 'd') {
                    zip.write(content);
                }
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** count small files: more entries than the layer builder reads from one archive. */
    static List<Entry> many(int count) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(Entry.file("many/f" + i, 0644, ""));
        }
        return entries;
    }
}
