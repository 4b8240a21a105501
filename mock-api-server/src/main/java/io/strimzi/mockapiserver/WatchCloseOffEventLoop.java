package io.strimzi.mockapiserver;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fixes a deadlock of the fabric8 mock server (8.0.0), not of the operator. When a client closes a watch, the mock's
 * {@code WatchEventsListener.onClosed} runs on the server's only event loop and waits up to a minute for the watch's
 * sender thread to end; if that thread is just sending an event, its write waits (up to 30 s) for the same event loop.
 * The whole server stops answering for 30 s, and every client's requests time out. Running the close callbacks on a
 * thread of their own lets the write finish. Wraps the listener of every watch a dispatcher opens: the operator's tests
 * and the local cluster use the same mock server, so the same fix.
 */
public final class WatchCloseOffEventLoop extends WebSocketListener {
    private static final ExecutorService CLOSERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mock-watch-close");
        thread.setDaemon(true);
        return thread;
    });

    private final WebSocketListener watch;

    private WatchCloseOffEventLoop(WebSocketListener watch) {
        this.watch = watch;
    }

    /** The dispatcher's response, its watch (if it upgrades to one) with the close callbacks off the event loop. */
    public static MockResponse offEventLoop(MockResponse response) {
        WebSocketListener watch = response.getWebSocketListener();
        return watch == null ? response : response.withWebSocketUpgrade(new WatchCloseOffEventLoop(watch));
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
        watch.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        watch.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        watch.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        watch.onMessage(webSocket, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        watch.onMessage(webSocket, bytes);
    }

    @Override
    public void onPing(WebSocket webSocket, byte[] bytes) {
        watch.onPing(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        watch.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        CLOSERS.execute(() -> watch.onClosed(webSocket, code, reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        CLOSERS.execute(() -> watch.onFailure(webSocket, t, response));
    }
}
