package io.strimzi.connectbuilder;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one artifact puts into its directory `<plugins>/<plugin>/<hash>`, built entry by entry as an archive tool
 * extracting as root would leave it: later entries replace earlier ones, hard links share their target's file,
 * directories an entry needs but the archive does not list are made 0755 root:root. Paths are relative to the
 * artifact's directory ("" is the directory itself), already checked by {@link EntryNames}.
 *
 * <p>Refused, with the entry named: an entry below a symbolic link, a directory where a file is (or the other way
 * round), a hard link to something that is not a file of the same archive, and (checked by {@link #requireLinksInside})
 * a symbolic link that leads out of the artifact's directory, absolute or through `..`, following the archive's own
 * links on the way.
 */
final class ArtifactTree {
    /** Mode of the directories `mkdir -p` makes and of the ones an archive implies, with umask 022. */
    static final int DIRECTORY_MODE = 0755;
    /** Mode of downloaded files (created with umask 022) and of the jars Maven copies. */
    static final int FILE_MODE = 0644;
    private static final int MAX_LINK_HOPS = 40;

    /** Where a file's bytes come from (a downloaded file, an entry of an archive on disk). */
    interface Content {
        long size();

        InputStream open() throws IOException;

        /** Content of a known size that opener reads. */
        static Content of(long size, Opener opener) {
            return new Content() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public InputStream open() throws IOException {
                    return opener.open();
                }
            };
        }
    }

    /** Opens a content's bytes. */
    interface Opener {
        InputStream open() throws IOException;
    }

    /** A file's data and metadata; hard links share one. */
    static final class Inode {
        final Content content;
        final int mode;
        final long uid;
        final long gid;

        Inode(Content content, int mode, long uid, long gid) {
            this.content = content;
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
        }
    }

    /** One entry of the tree. */
    sealed interface Node permits Directory, File, Symlink {
    }

    record Directory(int mode, long uid, long gid) implements Node {
    }

    record File(Inode inode) implements Node {
    }

    record Symlink(String target, int mode, long uid, long gid) implements Node {
    }

    private final String artifact;
    private final Map<String, Node> nodes = new TreeMap<>(LayerOrder.PATHS);

    /** @param artifact how messages name the artifact */
    ArtifactTree(String artifact) {
        this.artifact = artifact;
        nodes.put("", new Directory(DIRECTORY_MODE, 0, 0));
    }

    /** The entries, the artifact's directory ("") first, in layer order. */
    Map<String, Node> nodes() {
        return nodes;
    }

    int size() {
        return nodes.size();
    }

    void directory(String path, int mode, long uid, long gid) {
        if (!path.isEmpty()) {
            parents(path);
        }
        Node existing = nodes.get(path);
        if (existing != null && !(existing instanceof Directory)) {
            throw refuse(path, "is a directory entry where the archive already has a file or link of that name");
        }
        nodes.put(path, new Directory(mode, uid, gid));
    }

    void file(String path, Inode inode) {
        replaceable(path);
        nodes.put(path, new File(inode));
    }

    void symlink(String path, String target, int mode, long uid, long gid) {
        replaceable(path);
        if (target.isEmpty()) {
            throw refuse(path, "is a symbolic link with an empty target");
        }
        nodes.put(path, new Symlink(target, mode, uid, gid));
    }

    /** A hard link to target, a file the archive has already made. */
    void hardLink(String path, String target) {
        Node node = nodes.get(target);
        if (!(node instanceof File file)) {
            throw refuse(path, "is a hard link to " + (target.isEmpty() ? "the artifact's directory" : "'" + target + "'")
                    + ", which is not a file extracted before it from the same archive");
        }
        replaceable(path);
        nodes.put(path, new File(file.inode()));
    }

    /** Removes every symbolic link, as the Dockerfile's `find -type l -exec rm` does after `unzip`. */
    void removeSymlinks() {
        nodes.values().removeIf(node -> node instanceof Symlink);
    }

    private void replaceable(String path) {
        if (path.isEmpty()) {
            throw refuse(path, "names the artifact's directory itself as a file");
        }
        parents(path);
        if (nodes.get(path) instanceof Directory) {
            throw refuse(path, "is a file or link where the archive already has a directory of that name");
        }
    }

    /** Makes the missing parent directories of path; a parent that is a file or a link is refused. */
    private void parents(String path) {
        int slash = -1;
        while ((slash = path.indexOf('/', slash + 1)) >= 0) {
            String parent = path.substring(0, slash);
            Node node = nodes.get(parent);
            if (node == null) {
                nodes.put(parent, new Directory(DIRECTORY_MODE, 0, 0));
            } else if (node instanceof Symlink) {
                throw refuse(path, "is below the symbolic link '" + parent + "' of the same archive");
            } else if (node instanceof File) {
                throw refuse(path, "is below '" + parent + "', which the archive made a file");
            }
        }
    }

    /**
     * Refuses a symbolic link that is absolute or leads above the artifact's directory, resolving the links of this
     * tree on the way (a link to a link is followed; a missing part of the way is taken as written).
     */
    void requireLinksInside() {
        for (Map.Entry<String, Node> entry : nodes.entrySet()) {
            if (entry.getValue() instanceof Symlink link && !staysInside(entry.getKey(), link.target())) {
                throw refuse(entry.getKey(), "is a symbolic link to '" + link.target() + "', outside the artifact's directory");
            }
        }
    }

    private boolean staysInside(String linkPath, String target) {
        if (target.startsWith("/")) {
            return false;
        }
        Deque<String> pending = new ArrayDeque<>(List.of(target.split("/")));
        List<String> position = new ArrayList<>(List.of(linkPath.split("/")));
        position.remove(position.size() - 1);
        int hops = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (position.isEmpty()) {
                    return false;
                }
                position.remove(position.size() - 1);
                continue;
            }
            position.add(part);
            if (nodes.get(String.join("/", position)) instanceof Symlink next) {
                if (++hops > MAX_LINK_HOPS || next.target().startsWith("/")) {
                    return false;
                }
                position.remove(position.size() - 1);
                List<String> expanded = List.of(next.target().split("/"));
                for (int i = expanded.size() - 1; i >= 0; i--) {
                    pending.push(expanded.get(i));
                }
            }
        }
        return true;
    }

    BuildException refuse(String path, String why) {
        return new BuildException(artifact + ": the archive entry '" + path + "' " + why + "; nothing was pushed");
    }
}
