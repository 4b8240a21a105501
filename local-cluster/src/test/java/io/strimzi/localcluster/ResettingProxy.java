package io.strimzi.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a local server that, while {@link #resetting(boolean)} is on, reads what a
 * client sends and answers with a TCP reset instead of forwarding it: what a peer (or a middlebox) that drops
 * connections looks like to the client. Otherwise it forwards both ways.
 */
final class ResettingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicBoolean resetting = new AtomicBoolean();
    private final AtomicInteger resets = new AtomicInteger();
    private final Thread acceptor;

    private ResettingProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.acceptor = daemon(this::accept, "resetting-proxy");
    }

    static ResettingProxy start(int targetPort) {
        try {
            return new ResettingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    void resetting(boolean on) {
        resetting.set(on);
    }

    /** How many connections were reset so far. */
    int resets() {
        return resets.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                daemon(() -> serve(client), "resetting-proxy-connection");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            if (resetting.get()) {
                client.getInputStream().read(new byte[8192]);
                // SO_LINGER 0: close() sends RST rather than FIN.
                client.setSoLinger(true, 0);
                resets.incrementAndGet();
                return;
            }
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                Thread upstream = daemon(() -> copy(client, target), "resetting-proxy-upstream");
                copy(target, client);
                upstream.join();
            }
        } catch (IOException e) {
            // the client or the server went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        try {
            listener.close();
            acceptor.join(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
