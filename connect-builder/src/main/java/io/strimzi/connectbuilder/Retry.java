package io.strimzi.connectbuilder;

import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;

import java.io.IOException;
import java.security.DigestException;
import java.util.function.Consumer;

/**
 * A registry call tried again on connection errors, as Buildah's `--retry` and `--retry-delay` do; an answer of the
 * registry (unauthorized, unknown manifest) ends it at once.
 */
final class Retry {
    /** A registry call. */
    interface Call<T> {
        T call() throws IOException, RegistryException, DigestException;
    }

    private final RegistryOptions options;
    private final Consumer<String> log;

    Retry(RegistryOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /**
     * @param what what the call does, for messages ("pull the manifest of ...")
     * @throws BuildException saying what failed and the registry's answer
     */
    <T> T run(String what, Call<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (attempt >= options.retries() || Messages.of(e).contains("No space left on device")) {
                    throw new BuildException("cannot " + what + ": " + Messages.of(e), e);
                }
                log.accept("cannot " + what + " (" + Messages.of(e) + "), trying again in " + options.retryDelay().toMillis() + " ms");
                sleep();
            } catch (RegistryUnauthorizedException e) {
                throw new BuildException("cannot " + what + ": the registry refused the credentials (" + Messages.of(e)
                        + "); check the push secret or --creds/--authfile", e);
            } catch (RegistryException | DigestException e) {
                throw new BuildException("cannot " + what + ": " + Messages.of(e), e);
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(options.retryDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted");
        }
    }
}
