package io.strimzi.connectbuilder;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes the plugin layer: one uncompressed tar of every artifact's directory, reproducible (the same plan and the same
 * downloads give the same bytes): entries in {@link LayerOrder}, every timestamp {@link #TIMESTAMP}, numeric owners
 * without names, no entry for the plugins directory or its parents (the base image's stay as they are, as a RUN step
 * that only adds below them leaves them). Artifact directories must be added in layer order.
 *
 * <p>Why uncompressed: the artifacts are jars, already compressed, so gzip would cost CPU time for little; an OCI
 * image may have uncompressed layers, and their digest is the layer's diff id.
 */
final class LayerWriter implements AutoCloseable {
    /** Every entry's modification time: one second after the epoch, as Jib's reproducible layers have it. */
    static final Instant TIMESTAMP = Instant.ofEpochSecond(1);
    private static final int BUFFER = 64 * 1024;

    /** The written layer: its file, the SHA-256 of its bytes (digest and diff id alike) and its size. */
    record Layer(Path file, String digest, long size, int entries) {
    }

    private final Path file;
    private final String prefix;
    private final MessageDigest sha256;
    private final CountingOutputStream counted;
    private final TarArchiveOutputStream tar;
    private String lastDirectory;
    private String lastPlugin;
    private int entries;
    private boolean finished;

    LayerWriter(Path file, String pluginsDirectory) throws IOException {
        this.file = file;
        this.prefix = pluginsDirectory.substring(1) + "/";
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.counted = new CountingOutputStream(new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER), sha256));
        this.tar = new TarArchiveOutputStream(counted, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        // commons-compress names its own PAX header entries' owner after the user.name of the JVM, which differs
        // between a Pod (an arbitrary UID) and a shell: blank it so that the layer does not depend on who wrote it.
        System.setProperty("user.name", "");
    }

    /** Adds an artifact's directory `<plugin>/<hash>` and what is in it. */
    void add(String directory, ArtifactTree tree) throws IOException {
        if (lastDirectory != null && LayerOrder.compare(lastDirectory, directory) >= 0) {
            throw new IllegalStateException("artifact directories out of order: " + directory + " after " + lastDirectory);
        }
        lastDirectory = directory;
        String plugin = directory.substring(0, directory.indexOf('/'));
        if (!plugin.equals(lastPlugin)) {
            directoryEntry(prefix + plugin + "/", new ArtifactTree.Directory(ArtifactTree.DIRECTORY_MODE, 0, 0));
            lastPlugin = plugin;
        }
        Map<ArtifactTree.Inode, String> written = new IdentityHashMap<>();
        for (Map.Entry<String, ArtifactTree.Node> node : tree.nodes().entrySet()) {
            String name = prefix + directory + (node.getKey().isEmpty() ? "" : "/" + node.getKey());
            ArtifactTree.Node value = node.getValue();
            if (value instanceof ArtifactTree.Directory dir) {
                directoryEntry(name + "/", dir);
            } else if (value instanceof ArtifactTree.Symlink link) {
                TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, link.mode(), link.uid(), link.gid());
                entry.setLinkName(link.target());
                put(entry);
            } else {
                ArtifactTree.Inode inode = ((ArtifactTree.File) value).inode();
                String first = written.putIfAbsent(inode, name);
                if (first != null) {
                    TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, inode.mode, inode.uid, inode.gid);
                    entry.setLinkName(first);
                    put(entry);
                } else {
                    TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, inode.mode, inode.uid, inode.gid);
                    entry.setSize(inode.content.size());
                    tar.putArchiveEntry(entry);
                    copy(inode.content, name);
                    tar.closeArchiveEntry();
                    entries++;
                }
            }
        }
    }

    private void directoryEntry(String name, ArtifactTree.Directory dir) throws IOException {
        put(entry(name, TarConstants.LF_DIR, dir.mode(), dir.uid(), dir.gid()));
    }

    private TarArchiveEntry entry(String name, byte type, int mode, long uid, long gid) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode(mode & 07777);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime(TIMESTAMP.toEpochMilli());
        return entry;
    }

    private void put(TarArchiveEntry entry) throws IOException {
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        entries++;
    }

    /** Exactly the size the entry announced: an archive whose data is shorter or longer than it says is refused. */
    private void copy(ArtifactTree.Content content, String name) throws IOException {
        long remaining = content.size();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = content.open()) {
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new BuildException("/" + name + ": the archive holds fewer bytes than its entry announces; nothing was pushed");
                }
                tar.write(buffer, 0, read);
                remaining -= read;
            }
            if (in.read() >= 0) {
                throw new BuildException("/" + name + ": the archive holds more bytes than its entry announces; nothing was pushed");
            }
        }
    }

    /** Ends the tar and returns the layer. */
    Layer finish() throws IOException {
        tar.finish();
        tar.close();
        finished = true;
        return new Layer(file, "sha256:" + HexFormat.of().formatHex(sha256.digest()), counted.count, entries);
    }

    /** After a failure, only the file is closed: the half-written layer is not a tar to finish. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            counted.close();
        }
    }

    /** Counts the bytes of the layer. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
