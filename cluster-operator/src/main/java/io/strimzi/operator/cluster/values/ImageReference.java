package io.strimzi.operator.cluster.values;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A container image reference, `[registry[:port]/]repository[:tag][@digest]`, parsed with the grammar of the
 * distribution project's reference package. The one image grammar of the operator: every configured image
 * (checked at start) and every image in a resource (`.spec.image`, the build's output, the base image) passes it, so
 * no white space, quote, `$` or line break can reach a FROM line, an argument or a Pod spec. It also gives Buildah the
 * name under which the pushed digest is reported, and checks that a build's result names the output image.
 *
 * @param registry   the registry host (with port), or null when the reference names none (Docker Hub)
 * @param repository the repository path, e.g. `library/kafka` or `kafka`
 * @param tag        the tag, or null
 * @param digest     the digest, e.g. `sha256:…`, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    private static final String DOCKER_HUB = "docker.io";
    /** How Docker Hub is also spelled (go-containerregistry, and so Kaniko, reports `index.docker.io`). */
    private static final Set<String> DOCKER_HUB_ALIASES = Set.of("index.docker.io", "registry-1.docker.io");
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_LENGTH = 512;

    /**
     * Parses an image reference.
     *
     * @throws IllegalArgumentException with the reason (values quoted, control characters escaped) when the text is
     *                                  not a valid reference
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the image reference is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("it is longer than " + MAX_LENGTH + " characters");
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException(ControlCharacters.describe(digest) + " is not a valid digest");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException(ControlCharacters.describe(tag) + " is not a valid tag");
            }
        }
        if (rest.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String registry = null;
        String repository = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            // Like Docker: the first component is a registry when it looks like a host, else part of the repository.
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT))) {
                registry = first;
                repository = rest.substring(slash + 1);
                if (!REGISTRY.matcher(registry).matches()) {
                    throw new IllegalArgumentException(ControlCharacters.describe(registry) + " is not a valid registry host");
                }
            }
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException(ControlCharacters.describe(repository) + " is not a valid repository name "
                    + "(lower-case letters, digits and separators, components separated by /)");
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** Whether the text is a valid tag: a word character, then up to 127 word characters, `.` and `-`. */
    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** Whether the digest is `sha256:` and 64 lower-case hex digits, as registries report a pushed manifest. */
    public boolean hasSha256Digest() {
        return digest != null && SHA256_DIGEST.matcher(digest).matches();
    }

    /** Registry and repository as written, without tag or digest: the name a pushed image is reported under. */
    public String name() {
        return registry == null ? repository : registry + "/" + repository;
    }

    /**
     * The name as Docker resolves it: the registry in lower case, Docker Hub as `docker.io` (also when spelled
     * `index.docker.io`), and `library/` before a one-component Docker Hub repository.
     */
    public String canonicalName() {
        String canonicalRegistry = registry == null ? DOCKER_HUB : registry.toLowerCase(Locale.ROOT);
        if (DOCKER_HUB_ALIASES.contains(canonicalRegistry)) {
            canonicalRegistry = DOCKER_HUB;
        }
        String canonicalRepository = DOCKER_HUB.equals(canonicalRegistry) && !repository.contains("/")
                ? "library/" + repository : repository;
        return canonicalRegistry + "/" + canonicalRepository;
    }

    /** Whether both references name the same image once defaults (registry, `library/`, `latest`) are applied. */
    public boolean sameImageAs(ImageReference other) {
        return canonicalName().equals(other.canonicalName()) && effectiveTag().equals(other.effectiveTag())
                && Objects.equals(digest, other.digest);
    }

    private String effectiveTag() {
        return tag != null ? tag : (digest == null ? "latest" : "");
    }

    /** The reference exactly as parsed. */
    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
