package io.strimzi.connectbuilder;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.registry.credentials.DockerConfigCredentialRetriever;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Registry credentials as the Buildah Pod finds them: a phase's `--creds`, else its `--authfile`, else the push
 * secret's `config.json` (which the Buildah Pod names in REGISTRY_AUTH_FILE, so that it serves pulling the base image
 * too). Registry names are matched as Docker does (`docker.io` and its aliases, `https://` prefixes).
 */
final class Credentials {
    private final Path pushSecretConfig;

    /** @param pushSecretDir the mounted push secret, holding `config.json`, or null */
    Credentials(Path pushSecretDir) {
        this.pushSecretConfig = pushSecretDir == null ? null : pushSecretDir.resolve("config.json");
    }

    /** The credential for registry under these options, or null for anonymous access. */
    Credential find(String registry, RegistryOptions options) {
        if (options.username() != null) {
            return Credential.from(options.username(), options.password());
        }
        if (options.authFile() != null) {
            if (!Files.isReadable(options.authFile())) {
                throw new BuildException("--authfile " + options.authFile() + " cannot be read in the build container");
            }
            return fromFile(registry, options.authFile());
        }
        return pushSecretConfig == null || !Files.exists(pushSecretConfig) ? null : fromFile(registry, pushSecretConfig);
    }

    private static Credential fromFile(String registry, Path file) {
        try {
            Optional<Credential> credential = DockerConfigCredentialRetriever.create(registry, file).retrieve(event -> { });
            return credential.orElse(null);
        } catch (IOException e) {
            throw new BuildException("cannot read the registry credentials in " + file + ": " + Messages.of(e), e);
        }
    }
}
