package io.strimzi.connectbuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * One build of a plan: each artifact fetched and turned into its directory's tree (downloads checked, archives
 * unpacked as the Dockerfile unpacks them, Maven artifacts resolved), the trees written as one layer, the layer
 * appended to the base image and pushed. Artifacts are processed in layer order, each one's files deleted once it is
 * in the layer, so the scratch volume holds about the layer plus the largest artifact.
 */
public final class ConnectBuild {
    private final BuildPlan plan;
    private final Path pushSecretDir;
    private final Map<String, String> env;
    private final Path scratch;
    private final Consumer<String> log;

    /**
     * @param pushSecretDir the mounted push secret (`config.json`), or null
     * @param env           the environment (proxies)
     * @param scratch       where everything is written (TMPDIR)
     * @param log           progress lines
     */
    public ConnectBuild(BuildPlan plan, Path pushSecretDir, Map<String, String> env, Path scratch, Consumer<String> log) {
        this.plan = plan;
        this.pushSecretDir = pushSecretDir;
        this.env = env;
        this.scratch = scratch;
        this.log = log;
    }

    /**
     * @return the pushed image by digest
     * @throws BuildException with the cause, for the termination message
     */
    public ImageAppender.Pushed run() {
        RegistryOptions pull = RegistryOptions.parse(plan.buildOptionsOrEmpty(), RegistryOptions.Phase.PULL);
        RegistryOptions push = RegistryOptions.parse(plan.pushOptionsOrEmpty(), RegistryOptions.Phase.PUSH);
        EnvironmentProxies proxies = EnvironmentProxies.from(env);
        SSLContext downloads = defaultContext();
        // Jib's HTTP client (Apache) and Maven Resolver read these defaults; Basic proxy authentication for tunnels too.
        ProxySelector.setDefault(proxies);
        Authenticator.setDefault(proxies.authenticator());
        System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
        TlsTrust.install(List.of(pull.certDir() == null ? Path.of("") : pull.certDir(), push.certDir() == null ? Path.of("") : push.certDir())
                .stream().filter(dir -> !dir.toString().isEmpty()).toList());
        log.accept(ProcessIdentity.describe(scratch));
        log.accept("layer builder: " + plan.artifacts().size() + " artifacts onto " + plan.baseImage() + ", pushing " + plan.image()
                + "; " + proxies.describe());

        Path work = createWorkDir();
        try {
            LayerWriter.Layer layer = writeLayer(proxies, downloads, work);
            log.accept("plugin layer: " + layer.entries() + " entries, " + mebibytes(layer.size()) + ", " + layer.digest());
            Credentials credentials = new Credentials(pushSecretDir);
            Consumer<String> pushLog = push.quiet() ? line -> { } : log;
            ImageAppender.Pushed pushed = new ImageAppender(pushLog).append(plan.baseImage(), plan.image(), plan.imageName(), plan.user(),
                    layer, "connect-builder: " + plan.artifacts().size() + " artifacts in " + plan.pluginsDirectory(),
                    new ImageAppender.Phase(pull, credentials), new ImageAppender.Phase(push, credentials));
            log.accept("pushed " + pushed.reference());
            return pushed;
        } finally {
            deleteRecursively(work);
        }
    }

    private LayerWriter.Layer writeLayer(EnvironmentProxies proxies, SSLContext downloads, Path work) {
        Downloader downloader = new Downloader(proxies, downloads);
        MavenArtifacts maven = new MavenArtifacts(work.resolve("maven-repository"), proxies);
        List<BuildPlan.Artifact> ordered = new ArrayList<>(plan.artifacts());
        ordered.sort(Comparator.comparing(BuildPlan.Artifact::directory, LayerOrder.PATHS));
        try (LayerWriter writer = new LayerWriter(work.resolve("layer.tar"), plan.pluginsDirectory())) {
            int index = 0;
            for (BuildPlan.Artifact artifact : ordered) {
                index++;
                Path dir = Files.createDirectories(work.resolve("artifact-" + index));
                try (Archives archives = new Archives(artifact.describe(), dir)) {
                    ArtifactTree tree = tree(artifact, dir, downloader, maven, archives);
                    writer.add(artifact.directory(), tree);
                    log.accept("artifact " + index + "/" + ordered.size() + " " + artifact.describe() + ": " + (tree.size() - 1)
                            + " entries in " + plan.pluginsDirectory() + "/" + artifact.directory());
                } catch (BuildException e) {
                    throw e;
                } catch (Exception e) {
                    throw failure(artifact.describe() + ": " + Messages.of(e), e);
                }
                deleteRecursively(dir);
            }
            return writer.finish();
        } catch (IOException e) {
            throw failure("cannot write the plugin layer: " + Messages.of(e), e);
        }
    }

    private static ArtifactTree tree(BuildPlan.Artifact artifact, Path dir, Downloader downloader, MavenArtifacts maven,
                                     Archives archives) throws IOException {
        ArtifactTree tree = new ArtifactTree(artifact.describe());
        switch (artifact.type()) {
            case JAR, OTHER -> {
                // With a length announced, the download goes straight into the layer (checked when it ends): the scratch
                // volume then holds the layer only. Without one, it is kept on disk first to know its size.
                Downloader.Opened download = downloader.open(artifact);
                ArtifactTree.Content content;
                if (download.length() >= 0) {
                    content = ArtifactTree.Content.of(download.length(), download::body);
                } else {
                    Path file = dir.resolve("download");
                    try (InputStream body = download.body()) {
                        Files.copy(body, file);
                    } catch (IOException e) {
                        throw Downloader.failure(artifact, e);
                    }
                    content = fileContent(file);
                }
                tree.file(artifact.fileName(), new ArtifactTree.Inode(content, ArtifactTree.FILE_MODE, 0, 0));
                return tree;
            }
            case TGZ -> {
                Path file = dir.resolve("download.tgz");
                downloader.download(artifact, file);
                return archives.tgz(file);
            }
            case ZIP -> {
                Path file = dir.resolve("download.zip");
                downloader.download(artifact, file);
                return archives.zip(file);
            }
            default -> {
                for (MavenArtifacts.Resolved resolved : maven.resolve(artifact)) {
                    tree.file(resolved.fileName(), new ArtifactTree.Inode(fileContent(resolved.file()), ArtifactTree.FILE_MODE, 0, 0));
                }
                return tree;
            }
        }
    }

    static ArtifactTree.Content fileContent(Path file) throws IOException {
        return ArtifactTree.Content.of(Files.size(file), () -> Files.newInputStream(file));
    }

    private BuildException failure(String message, Exception cause) {
        if (message.contains("No space left on device")) {
            return new BuildException("no space left on the scratch volume (raise .spec.template.buildPod.tmpDirSizeLimit): " + message, cause);
        }
        return new BuildException(message, cause);
    }

    private Path createWorkDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(scratch), "connect-build-");
        } catch (IOException e) {
            throw new BuildException("cannot write below TMPDIR " + scratch + ": " + Messages.of(e), e);
        }
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
