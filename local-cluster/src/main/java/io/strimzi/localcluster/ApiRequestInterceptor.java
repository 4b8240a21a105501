package io.strimzi.localcluster;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Sees every request to the mock API server before it is handled (tests: stop the operator exactly when it writes a
 * given object). Called on the server's event loop, so it must not block for long.
 */
@FunctionalInterface
public interface ApiRequestInterceptor {
    /** What the interceptor sees of a request (its body read once: a request's body can be read only once). */
    record Request(String method, String path, String body) {
    }

    /**
     * @param handle handles the request as the server would (the object is stored, watchers are told); call it to let
     *               the request through, or answer without calling it to drop the request
     */
    MockResponse intercept(Request request, Supplier<MockResponse> handle);

    /** The server's dispatcher with the interceptor that {@link MockApiServer#intercept} set, if any, in front. */
    final class Intercepting extends Dispatcher {
        private final Dispatcher dispatcher;
        private volatile ApiRequestInterceptor interceptor;

        Intercepting(Dispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        void set(ApiRequestInterceptor value) {
            interceptor = value;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            ApiRequestInterceptor current = interceptor;
            if (current == null) {
                return dispatcher.dispatch(request);
            }
            String body = request.getUtf8Body();
            Request seen = new Request(request.getMethod(), request.getPath(), body);
            return current.intercept(seen, () -> dispatcher.dispatch(new RecordedRequest(request.getHttpVersion(),
                    HttpMethod.valueOf(request.getMethod()), request.getPath(), request.getHeaders(),
                    new Buffer(body.getBytes(StandardCharsets.UTF_8)))));
        }

        @Override
        public void shutdown() {
            dispatcher.shutdown();
        }

        @Override
        public void releaseResources() {
            dispatcher.releaseResources();
        }
    }
}
