package io.strimzi.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Service addresses without a cluster network: a Service is given a loopback address of its own (127.x.y.z, which
 * Linux routes to the loopback interface) so that it can keep its real port (the Connect REST API's 8083) without
 * taking that port on 127.0.0.1; a process finds it by name through a hosts file given to its JVM
 * ({@code -Djdk.net.hosts.file}), as cluster DNS would resolve {@code <service>.<namespace>.svc}.
 */
public final class ServiceAddresses {
    private ServiceAddresses() {
    }

    /** A random 127.x.y.z (not 127.0.0.x) on which {@code port} is free now. */
    public static String freeLoopback(int port) {
        for (int attempt = 0; attempt < 50; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                return address;
            } catch (IOException taken) {
                // try another address
            }
        }
        throw new IllegalStateException("no loopback address with port " + port + " free");
    }

    /** A hosts file mapping each name to its address, plus localhost. */
    public static Path hostsFile(Path file, Map<String, String> nameToAddress) {
        StringBuilder text = new StringBuilder("127.0.0.1 localhost\n");
        nameToAddress.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
