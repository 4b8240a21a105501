package io.strimzi.connectbuilder;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * Unpacks a downloaded tgz or zip into an {@link ArtifactTree} with the result of the Dockerfile's `tar -xzf` and
 * `unzip -q -o` run as root with umask 022 (GNU tar and Info-ZIP unzip, as in the Strimzi Kafka images), without
 * writing the files out: the tree points into the archive, which stays on the scratch volume until the layer is
 * written.
 *
 * <p>tgz: modes as the archive has them (all 12 bits), owner and group as its numeric ids, symbolic and hard links
 * kept. zip: owned by root; modes as Info-ZIP maps them (Unix permissions kept without set-id and sticky bits; from
 * other systems, read-only flag and directory bit expanded and masked with 022); symbolic links removed, as the
 * Dockerfile's `find -type l -exec rm` does.
 *
 * <p>Refused (the build fails, nothing is pushed): more than {@link #MAX_ENTRIES} entries, names that are absolute or
 * use `..`, links that lead out of the artifact's directory, devices, FIFOs, sparse and encrypted entries.
 */
final class Archives implements AutoCloseable {
    /** More entries than any plugin archive has; a bound for what an archive may cost to list. */
    static final int MAX_ENTRIES = 20_000;
    private static final int UMASK = 022;
    private static final int TYPE_MASK = 0170000;
    private static final int SYMLINK_TYPE = 0120000;

    private final String artifact;
    private final Path workDir;
    private AutoCloseable open;

    /**
     * @param artifact how messages name the artifact
     * @param workDir  where the uncompressed tar of a tgz is kept
     */
    Archives(String artifact, Path workDir) {
        this.artifact = artifact;
        this.workDir = workDir;
    }

    /** The tree of a tgz: gunzipped next to it (then the tgz is deleted) and listed. */
    ArtifactTree tgz(Path tgz) throws IOException {
        Path tar = workDir.resolve("archive.tar");
        int entries = 0;
        try (InputStream gunzip = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tgz)), true);
             OutputStream copy = Files.newOutputStream(tar);
             TarArchiveInputStream listing = new TarArchiveInputStream(new CopyingInputStream(gunzip, copy),
                     StandardCharsets.UTF_8.name())) {
            // A first pass only counts, so that a tar with millions of entries is refused before it is listed in memory.
            while (listing.getNextEntry() != null) {
                if (++entries > MAX_ENTRIES) {
                    throw tooMany();
                }
            }
            listing.transferTo(OutputStream.nullOutputStream());
            gunzip.transferTo(copy);
        } catch (IOException e) {
            throw new BuildException(artifact + ": cannot unpack the tgz: " + Messages.of(e) + "; nothing was pushed", e);
        }
        Files.delete(tgz);
        TarFile file = new TarFile(tar, StandardCharsets.UTF_8.name());
        open = file;
        ArtifactTree tree = new ArtifactTree(artifact);
        for (TarArchiveEntry entry : file.getEntries()) {
            addTarEntry(tree, file, entry);
        }
        tree.requireLinksInside();
        return tree;
    }

    private void addTarEntry(ArtifactTree tree, TarFile file, TarArchiveEntry entry) {
        String path = EntryNames.relative(artifact, entry.getName());
        int mode = entry.getMode() & 07777;
        long uid = entry.getLongUserId();
        long gid = entry.getLongGroupId();
        byte type = entry.getLinkFlag();
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || entry.isSparse()) {
            throw tree.refuse(path, "is a " + kind(entry) + ", which a plugin does not need");
        } else if (entry.isDirectory()) {
            tree.directory(path, mode, uid, gid);
        } else if (entry.isSymbolicLink()) {
            tree.symlink(path, entry.getLinkName(), 0777, uid, gid);
        } else if (entry.isLink()) {
            tree.hardLink(path, EntryNames.relative(artifact, entry.getLinkName()));
        } else if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG) {
            tree.file(path, new ArtifactTree.Inode(ArtifactTree.Content.of(entry.getSize(), () -> file.getInputStream(entry)), mode, uid, gid));
        } else {
            throw tree.refuse(path, "is a " + kind(entry) + ", which a plugin does not need");
        }
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "device";
        }
        if (entry.isFIFO()) {
            return "FIFO";
        }
        if (entry.isSparse()) {
            return "sparse file";
        }
        return "tar entry of type '" + (char) entry.getLinkFlag() + "'";
    }

    /** The tree of a zip, from its central directory (as unzip reads it). */
    ArtifactTree zip(Path zipFile) throws IOException {
        long count = ZipEntryCount.of(zipFile);
        if (count > MAX_ENTRIES) {
            throw tooMany();
        }
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(zipFile).setCharset(StandardCharsets.UTF_8).get();
        } catch (IOException e) {
            throw new BuildException(artifact + ": cannot unpack the zip: " + Messages.of(e) + "; nothing was pushed", e);
        }
        open = zip;
        ArtifactTree tree = new ArtifactTree(artifact);
        List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
        if (entries.size() > MAX_ENTRIES) {
            throw tooMany();
        }
        for (ZipArchiveEntry entry : entries) {
            addZipEntry(tree, zip, entry);
        }
        tree.removeSymlinks();
        return tree;
    }

    private void addZipEntry(ArtifactTree tree, ZipFile zip, ZipArchiveEntry entry) {
        String path = EntryNames.relative(artifact, entry.getName());
        int host = entry.getVersionMadeBy() >> 8;
        int attributes = infoZipMode(host, entry.getExternalAttributes(), entry.getCentralDirectoryExtra().length > 0,
                entry.getName().endsWith("/"));
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            throw tree.refuse(path, "is encrypted");
        }
        if (entry.getName().endsWith("/")) {
            tree.directory(path, attributes & 0777, 0, 0);
        } else if ((attributes & TYPE_MASK) == SYMLINK_TYPE && isSymlinkHost(host)) {
            // Removed below, as the Dockerfile removes every link after unzip; kept until then so that an entry
            // below it is refused.
            tree.symlink(path, "removed", 0777, 0, 0);
        } else {
            if (!zip.canReadEntryData(entry)) {
                throw tree.refuse(path, "uses a compression method this builder cannot read (" + entry.getMethod() + ")");
            }
            tree.file(path, new ArtifactTree.Inode(ArtifactTree.Content.of(entry.getSize(), () -> zip.getInputStream(entry)), attributes & 0777, 0, 0));
        }
    }

    /** Hosts whose entries Info-ZIP reads Unix permissions from ("version made by": Unix, VMS, Acorn, Atari, BeOS, QDOS, Tandem, AtheOS). */
    private static boolean isUnixLikeHost(int host) {
        return host == 3 || host == 2 || host == 13 || host == 5 || host == 16 || host == 12 || host == 17 || host == 30;
    }

    private static boolean isSymlinkHost(int host) {
        return host == 3 || host == 5 || host == 16 || host == 30 || host == 0;
    }

    /**
     * The mode Info-ZIP unzip gives an entry (its `mapattr`), before it drops set-id and sticky bits: Unix permissions
     * as stored by Unix-like hosts; from other hosts, or without stored permissions, the MS-DOS read-only flag and
     * directory bit expanded to rw/x for owner, group and others and masked with the umask, unless the stored Unix
     * permissions agree with those flags for the owner.
     */
    static int infoZipMode(int host, long externalAttributes, boolean hasExtraField, boolean nameEndsWithSlash) {
        int unix = (int) (externalAttributes >>> 16) & 0xffff;
        if (isUnixLikeHost(host) && (unix != 0 || !hasExtraField)) {
            return unix;
        }
        int dos = (int) (externalAttributes & 0xff);
        if ((dos & 0x10) == 0 && nameEndsWithSlash) {
            dos |= 0x10;
        }
        int bits = ((dos & 1) == 0 ? 2 : 0) | (dos & 0x10) >> 4;
        if ((unix & 0700) == (0400 | bits << 6)) {
            return unix;
        }
        return (0444 | bits << 6 | bits << 3 | bits) & ~UMASK;
    }

    private BuildException tooMany() {
        return new BuildException(artifact + ": the archive has more than " + MAX_ENTRIES + " entries, more than a plugin "
                + "needs; nothing was pushed");
    }

    /** Closes the archive the last tree reads from. */
    @Override
    public void close() throws Exception {
        if (open != null) {
            open.close();
            open = null;
        }
    }

    /** Passes what it reads on to a copy. */
    private static final class CopyingInputStream extends InputStream {
        private final InputStream in;
        private final OutputStream copy;

        CopyingInputStream(InputStream in, OutputStream copy) {
            this.in = in;
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                copy.write(buffer, offset, read);
            }
            return read;
        }
    }
}
