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
     * Downloads the artifact's URL to target and checks its checksum.
     *
     * @throws BuildException naming the artifact, the URL and what went wrong (HTTP status, connection, checksum)
     */
    void download(BuildPlan.Artifact artifact, Path target) {
        String url = artifact.url();
        MessageDigest sha512 = sha512();
        try (OutputStream out = Files.newOutputStream(target)) {
            try (InputStream in = open(artifact, url)) {
                byte[] buffer = new byte[BUFFER];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    sha512.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
        } catch (SSLException e) {
            throw new BuildException(artifact.describe() + ": TLS failed for " + Messages.safeUrl(url) + ": " + e.getMessage()
                    + " (set insecure: true on the artifact to skip verification)", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("No space left on device")) {
                throw new BuildException(artifact.describe() + ": no space left on the scratch volume while downloading "
                        + Messages.safeUrl(url) + " (raise .spec.template.buildPod.tmpDirSizeLimit)", e);
            }
            throw new BuildException(artifact.describe() + ": cannot download " + Messages.safeUrl(url) + ": " + Messages.of(e), e);
        }
        if (artifact.sha512sum() != null) {
            String actual = HexFormat.of().formatHex(sha512.digest());
            if (!actual.equals(artifact.sha512sum())) {
                throw new BuildException(artifact.describe() + ": the SHA-512 checksum of the download does not match "
                        + artifact.field() + ".sha512sum: expected " + artifact.sha512sum() + ", got " + actual);
            }
        }
    }

    private InputStream open(BuildPlan.Artifact artifact, String url) throws IOException {
        URI uri = URI.create(url);
        if ("ftp".equalsIgnoreCase(uri.getScheme())) {
            URLConnection connection = new URL(url).openConnection(proxies.select(uri).get(0));
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            return connection.getInputStream();
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
        return response.body();
    }

    static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
