package io.strimzi.localcluster;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The filesystem of an image in the local registry, read by copying it with {@code skopeo} into an OCI layout
 * and unpacking its layers' tar streams in memory (whiteouts applied). For assertions on what a build put where.
 */
public final class ImageContents {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_WHITEOUT = ".wh..wh..opq";

    /** One filesystem entry: its type, Unix mode, owner, link target (links) and content (regular files). */
    public record Entry(Type type, int mode, long uid, long gid, String linkTarget, byte[] content) {
        public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

        public String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Entry> entries;

    private ImageContents(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Reads {@code reference} (tag or digest) from the local registry. */
    public static ImageContents read(LocalRegistry registry, String reference) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("image-contents-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<String> copy = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--src-tls-verify=false"));
            registry.credentials().ifPresent(c -> copy.add("--src-creds=" + c.username() + ":" + c.password()));
            copy.add("docker://" + reference);
            copy.add("oci:" + workDir.resolve("layout") + ":image");
            Commands.run(copy, Map.of("CONTAINERS_REGISTRIES_CONF", "/dev/null"));
            return fromOciLayout(workDir.resolve("layout"));
        } finally {
            Commands.deleteRecursively(workDir);
        }
    }

    @SuppressWarnings("unchecked")
    private static ImageContents fromOciLayout(Path layout) {
        KubernetesSerialization json = new KubernetesSerialization();
        try {
            Map<String, Object> index = json.unmarshal(Files.readString(layout.resolve("index.json")), Map.class);
            Map<String, Object> descriptor = ((List<Map<String, Object>>) index.get("manifests")).get(0);
            Map<String, Object> manifest = json.unmarshal(Files.readString(blob(layout, (String) descriptor.get("digest"))), Map.class);
            Map<String, Entry> entries = new TreeMap<>();
            for (Map<String, Object> layer : (List<Map<String, Object>>) manifest.get("layers")) {
                applyLayer(blob(layout, (String) layer.get("digest")), (String) layer.get("mediaType"), entries);
            }
            return new ImageContents(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path blob(Path layout, String digest) {
        String[] parts = digest.split(":", 2);
        return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }

    private static void applyLayer(Path blob, String mediaType, Map<String, Entry> entries) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(blob));
             InputStream raw = mediaType.contains("gzip") ? new GzipCompressorInputStream(file) : file;
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            // Whiteouts hide what lower layers hold, never what this layer adds.
            Map<String, Entry> added = new TreeMap<>();
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path = normalise(entry.getName());
                String name = path.substring(path.lastIndexOf('/') + 1);
                String parent = path.substring(0, path.lastIndexOf('/') + 1);
                if (name.equals(OPAQUE_WHITEOUT)) {
                    entries.keySet().removeIf(existing -> existing.startsWith(parent) && !existing.equals(parent));
                } else if (name.startsWith(WHITEOUT_PREFIX)) {
                    String removed = parent + name.substring(WHITEOUT_PREFIX.length());
                    entries.keySet().removeIf(existing -> existing.equals(removed) || existing.startsWith(removed + "/"));
                } else {
                    added.put(path, toEntry(entry, tar));
                }
            }
            entries.putAll(added);
        }
    }

    private static Entry toEntry(TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException {
        int mode = entry.getMode() & 07777;
        long uid = entry.getLongUserId();
        long gid = entry.getLongGroupId();
        if (entry.isSymbolicLink()) {
            return new Entry(Entry.Type.SYMLINK, mode, uid, gid, entry.getLinkName(), new byte[0]);
        } else if (entry.isLink()) {
            return new Entry(Entry.Type.HARDLINK, mode, uid, gid, normalise(entry.getLinkName()), new byte[0]);
        } else if (entry.isDirectory()) {
            return new Entry(Entry.Type.DIRECTORY, mode, uid, gid, null, new byte[0]);
        } else if (entry.isFile()) {
            return new Entry(Entry.Type.FILE, mode, uid, gid, null, tar.readAllBytes());
        }
        return new Entry(Entry.Type.OTHER, mode, uid, gid, null, new byte[0]);
    }

    /** Absolute, without a trailing slash: {@code ./opt/kafka/} → {@code /opt/kafka}. */
    private static String normalise(String tarName) {
        String path = tarName.startsWith("./") ? tarName.substring(1) : tarName;
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Every path in the image, absolute. */
    public Map<String, Entry> entries() {
        return entries;
    }

    public boolean contains(String path) {
        return entries.containsKey(path);
    }

    public Entry get(String path) {
        Entry entry = entries.get(path);
        if (entry == null) {
            throw new AssertionError("no " + path + " in the image; under its parent: " + list(path.substring(0, Math.max(1, path.lastIndexOf('/')))));
        }
        return entry;
    }

    /** The paths below directory (recursively), sorted. */
    public List<String> list(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        return entries.keySet().stream().filter(path -> path.startsWith(prefix)).collect(Collectors.toList());
    }
}
