package io.strimzi.operator.cluster.model.connectbuild;

import io.strimzi.api.kafka.model.connect.build.Artifact;
import io.strimzi.api.kafka.model.connect.build.DownloadableArtifact;
import io.strimzi.api.kafka.model.connect.build.JarArtifact;
import io.strimzi.api.kafka.model.connect.build.MavenArtifact;
import io.strimzi.api.kafka.model.connect.build.MavenMirror;
import io.strimzi.api.kafka.model.connect.build.OtherArtifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.TgzArtifact;
import io.strimzi.api.kafka.model.connect.build.ZipArtifact;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.ControlCharacters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static io.strimzi.operator.cluster.values.ControlCharacters.describe;

/**
 * Validates `.spec.build.plugins` and turns it into {@link PluginArtifact}s. The API server may not enforce the CRD
 * schema (and the mock server never does), so every rule of the schema is checked here again, plus the rules that
 * keep user values from reaching a shell or the Dockerfile syntax in any other way than as quoted data.
 */
final class PluginValidator {
    static final String PLUGINS_PATH = ".spec.build.plugins";
    /** Linux limit for one file name, in bytes. */
    private static final int MAX_FILE_NAME_BYTES = 255;
    private static final Pattern URL = Pattern.compile(DownloadableArtifact.URL_PATTERN);
    private static final Pattern SHA512 = Pattern.compile(DownloadableArtifact.SHA512_PATTERN);
    private static final Pattern COORDINATE = Pattern.compile(MavenArtifact.COORDINATE_PATTERN);
    private static final Pattern REPOSITORY = Pattern.compile(MavenArtifact.REPOSITORY_PATTERN);
    /** Characters kept in a file name derived from a URL; anything else becomes `_`. */
    private static final Pattern UNSAFE_FILE_NAME_CHARACTER = Pattern.compile("[^A-Za-z0-9._-]");

    private PluginValidator() {
    }

    /**
     * @throws InvalidResourceException naming the first invalid field and why it is invalid
     */
    static List<PluginArtifact> validate(List<Plugin> plugins) {
        if (plugins == null || plugins.isEmpty()) {
            throw invalid(PLUGINS_PATH, "at least one plugin is required");
        }
        List<PluginArtifact> result = new ArrayList<>();
        Map<String, Integer> pluginIndexByName = new HashMap<>();
        for (int i = 0; i < plugins.size(); i++) {
            String path = PLUGINS_PATH + "[" + i + "]";
            Plugin plugin = plugins.get(i);
            if (plugin == null) {
                throw invalid(path, "must not be empty");
            }
            String name = validatePluginName(path + ".name", plugin.getName());
            Integer earlier = pluginIndexByName.putIfAbsent(name, i);
            if (earlier != null) {
                throw invalid(path + ".name", "the name " + describe(name) + " is already used by " + PLUGINS_PATH
                        + "[" + earlier + "].name; plugin names must be unique");
            }
            result.addAll(validateArtifacts(path + ".artifacts", name, plugin.getArtifacts()));
        }
        return result;
    }

    private static String validatePluginName(String path, String name) {
        requireValue(path, name);
        return PluginDirectory.validName(path, name);
    }

    private static List<PluginArtifact> validateArtifacts(String path, String plugin, List<Artifact> artifacts) {
        if (artifacts == null || artifacts.isEmpty()) {
            throw invalid(path, "each plugin needs at least one artifact");
        }
        List<PluginArtifact> result = new ArrayList<>();
        Map<String, Integer> indexByHash = new HashMap<>();
        for (int j = 0; j < artifacts.size(); j++) {
            String artifactPath = path + "[" + j + "]";
            PluginArtifact validated = validateArtifact(artifactPath, plugin, artifacts.get(j));
            Integer earlier = indexByHash.putIfAbsent(validated.hash(), j);
            if (earlier != null) {
                // Nearly always the same artifact listed twice; a true hash collision would also land here, and
                // two artifacts must never share a directory.
                throw invalid(artifactPath, "is the same artifact as " + path + "[" + earlier + "] (both would be "
                        + "installed in " + ConnectDockerfile.PLUGINS_DIRECTORY + "/" + validated.relativeDirectory()
                        + "); list each artifact once");
            }
            result.add(validated);
        }
        return result;
    }

    private static PluginArtifact validateArtifact(String path, String plugin, Artifact artifact) {
        if (artifact == null) {
            // Also what a missing `type` reads as: the model cannot tell which artifact was meant.
            throw invalid(path, "must be an artifact with a type (jar, tgz, zip, other or maven)");
        }
        if (artifact instanceof MavenArtifact maven) {
            return validateMaven(path, plugin, maven);
        }
        return validateDownload(path, plugin, (DownloadableArtifact) artifact);
    }

    private static PluginArtifact.Download validateDownload(String path, String plugin, DownloadableArtifact artifact) {
        String url = artifact.getUrl();
        requireValue(path + ".url", url);
        if (!URL.matcher(url).matches()) {
            throw invalid(path + ".url", describe(url) + " is not a valid URL: it must start with http://, https:// "
                    + "or ftp:// and contain no white space");
        }
        String sha512sum = artifact.getSha512sum();
        if (sha512sum != null) {
            requireValue(path + ".sha512sum", sha512sum);
            if (!SHA512.matcher(sha512sum).matches()) {
                throw invalid(path + ".sha512sum", "must be a SHA-512 checksum: 128 hexadecimal characters");
            }
            sha512sum = sha512sum.toLowerCase(Locale.ROOT);
        }
        String hash = PluginArtifact.identityHash(artifact.getType(), url);
        PluginArtifact.Kind kind = kindOf(artifact);
        String fileName = null;
        if (kind == PluginArtifact.Kind.JAR) {
            String fromUrl = fileNameFromUrl(url);
            fileName = fromUrl == null ? hash + ".jar" : fromUrl.endsWith(".jar") ? fromUrl : fromUrl + ".jar";
        } else if (kind == PluginArtifact.Kind.OTHER) {
            String given = ((OtherArtifact) artifact).getFileName();
            if (given != null) {
                fileName = validateFileName(path + ".fileName", given);
            } else {
                // Strimzi's name: the artifact's hash, which also names its directory.
                fileName = hash;
            }
        }
        return new PluginArtifact.Download(plugin, hash, kind, url, sha512sum, Boolean.TRUE.equals(artifact.getInsecure()), fileName);
    }

    private static PluginArtifact.Kind kindOf(DownloadableArtifact artifact) {
        if (artifact instanceof JarArtifact) {
            return PluginArtifact.Kind.JAR;
        } else if (artifact instanceof TgzArtifact) {
            return PluginArtifact.Kind.TGZ;
        } else if (artifact instanceof ZipArtifact) {
            return PluginArtifact.Kind.ZIP;
        } else if (artifact instanceof OtherArtifact) {
            return PluginArtifact.Kind.OTHER;
        }
        throw new IllegalStateException("Unknown artifact class " + artifact.getClass().getName());
    }

    private static PluginArtifact.Maven validateMaven(String path, String plugin, MavenArtifact artifact) {
        String group = validateCoordinate(path + ".group", artifact.getGroup());
        String artifactId = validateCoordinate(path + ".artifact", artifact.getArtifact());
        String version = validateCoordinate(path + ".version", artifact.getVersion());
        String repository = artifact.getRepository() == null ? MavenArtifact.DEFAULT_REPOSITORY : artifact.getRepository();
        requireValue(path + ".repository", repository);
        if (!REPOSITORY.matcher(repository).matches()) {
            throw invalid(path + ".repository", describe(repository) + " is not a valid repository URL: it must start "
                    + "with http:// or https:// and contain no white space");
        }
        if (repository.contains("${")) {
            // Maven would expand it from its properties and the environment of the build.
            throw invalid(path + ".repository", describe(repository) + " must not contain '${'");
        }
        String hash = PluginArtifact.identityHash(artifact.getType(), repository, group, artifactId, version);
        String includeScope = artifact.getIncludeScope() == null ? null
                : artifact.getIncludeScope().name().toLowerCase(Locale.ROOT);
        return new PluginArtifact.Maven(plugin, hash, repository, group, artifactId, version, Boolean.TRUE.equals(artifact.getInsecure()),
                includeScope, validateMirror(path + ".mirrors", artifact.getMirrors()));
    }

    /**
     * The URL of the one mirror, or null. Maven sends a request to the first mirror whose `mirrorOf` matches, and each
     * of these mirrors every repository, so a second one would never be asked: it is refused rather than ignored.
     */
    private static String validateMirror(String path, List<MavenMirror> mirrors) {
        if (mirrors == null || mirrors.isEmpty()) {
            return null;
        }
        if (mirrors.size() > 1) {
            throw invalid(path, "at most one mirror: each mirror serves every repository, and Maven only ever asks the "
                    + "first one, so " + path + "[1] would never be used");
        }
        if (mirrors.get(0) == null) {
            throw invalid(path + "[0]", "must not be empty");
        }
        String url = mirrors.get(0).getUrl();
        requireValue(path + "[0].url", url);
        if (!REPOSITORY.matcher(url).matches()) {
            throw invalid(path + "[0].url", describe(url) + " is not a valid mirror URL: it must start with http:// or "
                    + "https:// and contain no white space");
        }
        if (url.contains("${")) {
            throw invalid(path + "[0].url", describe(url) + " must not contain '${'");
        }
        return url;
    }

    private static String validateCoordinate(String path, String value) {
        requireValue(path, value);
        if (!COORDINATE.matcher(value).matches()) {
            throw invalid(path, describe(value) + " is not a valid Maven coordinate: it must match "
                    + MavenArtifact.COORDINATE_PATTERN + " (letters, digits, '.', '-' and '_')");
        }
        return value;
    }

    private static String validateFileName(String path, String fileName) {
        requireValue(path, fileName);
        if (fileName.contains("/")) {
            throw invalid(path, describe(fileName) + " must be a plain file name, without '/'");
        }
        if (".".equals(fileName) || "..".equals(fileName)) {
            throw invalid(path, describe(fileName) + " is not a file name");
        }
        if (fileName.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME_BYTES) {
            throw invalid(path, "is longer than " + MAX_FILE_NAME_BYTES + " bytes");
        }
        return fileName;
    }

    /**
     * The last path segment of the URL with every character other than letters, digits, `.`, `-` and `_` replaced,
     * or null when that leaves no usable name.
     */
    static String fileNameFromUrl(String url) {
        String afterScheme = url.substring(url.indexOf("://") + 3);
        int end = afterScheme.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = afterScheme.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String withoutQuery = afterScheme.substring(0, end);
        int slash = withoutQuery.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String segment = withoutQuery.substring(withoutQuery.lastIndexOf('/') + 1);
        String name = UNSAFE_FILE_NAME_CHARACTER.matcher(segment).replaceAll("_");
        if (name.isEmpty() || name.startsWith(".") || name.length() > MAX_FILE_NAME_BYTES - ".jar".length()) {
            return null;
        }
        return name;
    }

    /** A user value must be present, and control characters (line breaks, tabs, NUL...) are never accepted. */
    private static void requireValue(String path, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(path, "is required");
        }
        int control = ControlCharacters.indexIn(value);
        if (control >= 0) {
            throw invalid(path, String.format("contains the control character U+%04X; line breaks, tabs and other "
                    + "control characters are not allowed", (int) value.charAt(control)));
        }
    }

    static InvalidResourceException invalid(String path, String reason) {
        return new InvalidResourceException(path + ": " + reason);
    }
}
