package io.strimzi.connectbuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Downloads an artifact to a file with the JDK HTTP client, streaming (never a whole artifact in memory), through the
 * environment's proxies, following redirects as `curl --location` does, and checks its SHA-512 as `sha512sum -c`
 * would. `ftp://` URLs, which the API allows, go through the JDK's FTP handler. `insecure` skips TLS verification for
 * that artifact only.
 */
final class Downloader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final int BUFFER = 64 * 1024;

    private final HttpClient verifying;
    private final HttpClient insecure;
    private final EnvironmentProxies proxies;

    Downloader(EnvironmentProxies proxies, SSLContext verifyingContext) {
        this.proxies = proxies;
        this.verifying = client(proxies, verifyingContext);
        this.insecure = client(proxies, TrustAll.context());
    }

    private static HttpClient client(EnvironmentProxies proxies, SSLContext context) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .connectTimeout(CONNECT_TIMEOUT)
                .proxy(proxies)
                .authenticator(proxies.authenticator())
                .sslContext(context)
                .build();
    }

    /**
     * An artifact's download as it arrives: the body (checked against the artifact's SHA-512 when it ends) and its
     * length when the server announced one, else -1.
     */
    record Opened(InputStream body, long length) {
    }

    /**
     * Starts the download of the artifact's URL. Reading the body to its end checks the checksum; a mismatch ends the
     * read with a {@link BuildException}.
     *
     * @throws BuildException naming the artifact, the URL and what went wrong (HTTP status, connection)
     */
    Opened open(BuildPlan.Artifact artifact) {
        String url = artifact.url();
        try {
            Opened opened = open(artifact, url);
            return new Opened(new CheckedStream(opened.body(), artifact), opened.length());
        } catch (IOException e) {
            throw failure(artifact, e);
        }
    }

    /**
     * Downloads the artifact's URL to target and checks its checksum.
     *
     * @throws BuildException naming the artifact, the URL and what went wrong (HTTP status, connection, checksum)
     */
    void download(BuildPlan.Artifact artifact, Path target) {
        try (OutputStream out = Files.newOutputStream(target); InputStream in = open(artifact).body()) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw failure(artifact, e);
        }
    }

    /** What a failed read of a download says. */
    static BuildException failure(BuildPlan.Artifact artifact, IOException e) {
        String url = Messages.safeUrl(artifact.url());
        if (e instanceof SSLException) {
            return new BuildException(artifact.describe() + ": TLS failed for " + url + ": " + e.getMessage()
                    + " (set insecure: true on the artifact to skip verification)", e);
        }
        if (Messages.of(e).contains("No space left on device")) {
            return new BuildException(artifact.describe() + ": no space left on the scratch volume while downloading " + url
                    + " (raise .spec.template.buildPod.tmpDirSizeLimit)", e);
        }
        return new BuildException(artifact.describe() + ": cannot download " + url + ": " + Messages.of(e), e);
    }

    /** Computes the SHA-512 of what passes and compares it with the artifact's when the stream ends. */
    private static final class CheckedStream extends java.io.FilterInputStream {
        private final BuildPlan.Artifact artifact;
        private final MessageDigest sha512 = sha512();
        private boolean checked;

        CheckedStream(InputStream in, BuildPlan.Artifact artifact) {
            super(in);
            this.artifact = artifact;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                sha512.update(buffer, offset, read);
            } else if (read < 0) {
                check();
            }
            return read;
        }

        private void check() {
            if (checked || artifact.sha512sum() == null) {
                return;
            }
            checked = true;
            String actual = HexFormat.of().formatHex(sha512.digest());
            if (!actual.equals(artifact.sha512sum())) {
                throw new BuildException(artifact.describe() + ": the SHA-512 checksum of the download does not match "
                        + artifact.field() + ".sha512sum: expected " + artifact.sha512sum() + ", got " + actual);
            }
        }
    }

    private Opened open(BuildPlan.Artifact artifact, String url) throws IOException {
        URI uri = URI.create(url);
        if ("ftp".equalsIgnoreCase(uri.getScheme())) {
            URLConnection connection = new URL(url).openConnection(proxies.select(uri).get(0));
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            return new Opened(connection.getInputStream(), connection.getContentLengthLong());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = (artifact.insecure() ? insecure : verifying).send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() >= 400) {
            response.body().close();
            throw new BuildException(artifact.describe() + ": GET " + Messages.safeUrl(url) + " answered HTTP " + response.statusCode()
                    + (response.uri().equals(uri) ? "" : " (after a redirect to " + Messages.safeUrl(response.uri().toString()) + ")"));
        }
        // The body as sent: the JDK client does not decode a Content-Encoding, so the length is that of the bytes read.
        return new Opened(response.body(), response.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
