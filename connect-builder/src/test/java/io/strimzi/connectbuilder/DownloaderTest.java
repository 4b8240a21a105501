package io.strimzi.connectbuilder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downloads through a proxy of the environment, with its Basic credentials, as the build Pod gets them: a small HTTP
 * proxy on 127.0.0.1 answers for a host that does not exist, so only a proxied request can succeed.
 */
class DownloaderTest {
    private static final byte[] CONTENT = "plugin bytes".getBytes(StandardCharsets.UTF_8);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private ServerSocket proxy;
    private Thread serving;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        serving = new Thread(() -> {
            while (!proxy.isClosed()) {
                try (Socket socket = proxy.accept()) {
                    answer(socket);
                } catch (IOException e) {
                    return;
                }
            }
        });
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
        serving.join(5000);
    }

    /** 407 until the request carries proxy:secret, then the content for /a.jar and 404 for anything else. */
    private void answer(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String requestLine = in.readLine();
        List<String> headers = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            headers.add(line.toLowerCase(java.util.Locale.ROOT));
        }
        requests.add(requestLine);
        String expected = "proxy-authorization: basic " + Base64.getEncoder().encodeToString("proxy:s3cret".getBytes(StandardCharsets.UTF_8)).toLowerCase(java.util.Locale.ROOT);
        OutputStream out = socket.getOutputStream();
        if (!headers.contains(expected)) {
            out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } else if (requestLine.startsWith("GET http://artifacts.invalid/a.jar ")) {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + CONTENT.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(CONTENT);
        } else {
            out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private Downloader downloader(Map<String, String> env) throws Exception {
        return new Downloader(EnvironmentProxies.from(env), SSLContext.getDefault());
    }

    private static BuildPlan.Artifact jar(String url, String sha512) {
        return new BuildPlan.Artifact(".spec.build.plugins[0].artifacts[0]", "p/00000001", BuildPlan.Type.JAR, url, sha512, false,
                "a.jar", null, null, null, null, null, null);
    }

    @Test
    void anArtifactComesThroughTheProxyWithItsCredentialsAndItsChecksumIsChecked(@TempDir Path dir) throws Exception {
        Downloader downloader = downloader(Map.of("HTTP_PROXY", "http://proxy:s3cret@127.0.0.1:" + proxy.getLocalPort()));
        String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(CONTENT));
        downloader.download(jar("http://artifacts.invalid/a.jar", sha512), dir.resolve("a.jar"));
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), Files.readString(dir.resolve("a.jar")));
        assertEquals(List.of("GET http://artifacts.invalid/a.jar HTTP/1.1", "GET http://artifacts.invalid/a.jar HTTP/1.1"), requests,
                "the proxy asked for credentials, then served");

        BuildException mismatch = assertThrows(BuildException.class, () -> downloader.download(
                jar("http://artifacts.invalid/a.jar", "0".repeat(128)), dir.resolve("b.jar")));
        assertEquals(".spec.build.plugins[0].artifacts[0] (jar http://artifacts.invalid/a.jar): the SHA-512 checksum of the download "
                + "does not match .spec.build.plugins[0].artifacts[0].sha512sum: expected " + "0".repeat(128) + ", got " + sha512,
                mismatch.getMessage());
        BuildException missing = assertThrows(BuildException.class, () -> downloader.download(
                jar("http://artifacts.invalid/none.jar", null), dir.resolve("c.jar")));
        assertEquals(".spec.build.plugins[0].artifacts[0] (jar http://artifacts.invalid/none.jar): GET http://artifacts.invalid/none.jar "
                + "answered HTTP 404", missing.getMessage());
    }

    @Test
    void noProxyHostsAreReachedDirectly(@TempDir Path dir) throws Exception {
        Downloader downloader = downloader(Map.of("HTTP_PROXY", "http://proxy:s3cret@127.0.0.1:" + proxy.getLocalPort(),
                "NO_PROXY", ".invalid"));
        BuildException e = assertThrows(BuildException.class, () -> downloader.download(jar("http://artifacts.invalid/a.jar", null),
                dir.resolve("a.jar")));
        assertTrue(e.getMessage().startsWith(".spec.build.plugins[0].artifacts[0] (jar http://artifacts.invalid/a.jar): cannot download "
                + "http://artifacts.invalid/a.jar: "), e.getMessage());
        assertEquals(List.of(), requests, "NO_PROXY: the proxy saw nothing");
    }
}
