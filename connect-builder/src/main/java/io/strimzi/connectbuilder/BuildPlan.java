package io.strimzi.connectbuilder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The build plan: what the operator writes as the plan ConfigMap's only key, `plan.json`, from the validated
 * KafkaConnect. Everything the image is made of is here (the operator's revision hashes this text); proxies and
 * credentials are not (they come from the Pod's environment and the push secret).
 *
 * <p>The operator has validated every value; {@link #read} checks again what would be unsafe in a file path (the
 * plan file may come from anywhere on the command line).
 *
 * @param planVersion       the format, {@value #VERSION}
 * @param baseImage         the image the layer is appended to
 * @param image             the output image as the user wrote it (pushed to its tag, `latest` without one)
 * @param imageName         registry and repository of the output, what the termination message starts with
 * @param pluginsDirectory  where the plugins go in the image ({@code /opt/kafka/plugins})
 * @param user              the image's user afterwards, as the Dockerfile's last `USER` sets it
 * @param artifacts         every artifact, in the resource's order
 * @param buildOptions      `additionalBuildOptions`: options for pulling the base image
 * @param pushOptions       `additionalPushOptions`: options for pushing the result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildPlan(int planVersion, String baseImage, String image, String imageName, String pluginsDirectory,
                        String user, List<Artifact> artifacts, List<String> buildOptions, List<String> pushOptions) {
    public static final int VERSION = 1;
    /** An artifact's directory below the plugins directory: `<plugin>/<hash>`, as the operator names it. */
    private static final Pattern DIRECTORY = Pattern.compile("^[a-z0-9]([a-z0-9_-]*[a-z0-9])?/[0-9a-f]{8}$");
    private static final Pattern PLUGINS_DIRECTORY = Pattern.compile("^(/[A-Za-z0-9._-]+)+$");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The kinds of artifact, as `.spec.build.plugins[].artifacts[].type` names them. */
    public enum Type {
        @JsonProperty("jar") JAR,
        @JsonProperty("tgz") TGZ,
        @JsonProperty("zip") ZIP,
        @JsonProperty("other") OTHER,
        @JsonProperty("maven") MAVEN
    }

    /**
     * One artifact.
     *
     * @param field        where the resource defines it, e.g. `.spec.build.plugins[0].artifacts[1]` (for messages)
     * @param directory    its directory below the plugins directory, `<plugin>/<hash>`
     * @param url          jar, tgz, zip, other: where to download it
     * @param sha512sum    jar, tgz, zip, other: lower-case hex SHA-512, or null
     * @param insecure     skip TLS verification of its downloads
     * @param fileName     jar, other: the file name in its directory
     * @param repository   maven: the repository
     * @param group        maven: group id
     * @param artifact     maven: artifact id
     * @param version      maven: version
     * @param includeScope maven: the dependency scopes taken (Maven's copy-dependencies `includeScope`), null for all
     * @param mirror       maven: the URL of a mirror that serves every repository request, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Artifact(String field, String directory, Type type, String url, String sha512sum, boolean insecure,
                           String fileName, String repository, String group, String artifact, String version,
                           String includeScope, String mirror) {
        /** The artifact for messages: its field and where it comes from. */
        public String describe() {
            String source = type == Type.MAVEN ? group + ":" + artifact + ":" + version + " from " + repository : url;
            return field + " (" + type.name().toLowerCase(java.util.Locale.ROOT) + " " + source + ")";
        }
    }

    /**
     * Reads and checks a plan file.
     *
     * @throws BuildException when the file cannot be read or is not a plan this builder can run
     */
    public static BuildPlan read(Path file) {
        BuildPlan plan;
        try {
            plan = JSON.readValue(file.toFile(), BuildPlan.class);
        } catch (IOException e) {
            throw new BuildException("cannot read the build plan " + file + ": " + e.getMessage(), e);
        }
        return plan.checked();
    }

    /** The plan as JSON (tests and the benchmark write plans with it). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    BuildPlan checked() {
        if (planVersion != VERSION) {
            throw new BuildException("the build plan has planVersion " + planVersion + "; this builder runs version " + VERSION
                    + " (the operator and the builder image are from different releases?)");
        }
        require(baseImage, "baseImage");
        require(image, "image");
        require(imageName, "imageName");
        require(user, "user");
        if (pluginsDirectory == null || !PLUGINS_DIRECTORY.matcher(pluginsDirectory).matches() || pluginsDirectory.contains("/../")
                || pluginsDirectory.endsWith("/..")) {
            throw new BuildException("the build plan's pluginsDirectory " + pluginsDirectory + " is not an absolute path");
        }
        if (artifacts == null || artifacts.isEmpty()) {
            throw new BuildException("the build plan has no artifacts");
        }
        for (Artifact artifact : artifacts) {
            if (artifact.directory() == null || !DIRECTORY.matcher(artifact.directory()).matches()) {
                throw new BuildException("the build plan's artifact directory " + artifact.directory() + " is not <plugin>/<hash>");
            }
            Objects.requireNonNull(artifact.type(), "type");
            if (artifact.type() == Type.MAVEN) {
                require(artifact.repository(), artifact.field() + ".repository");
                require(artifact.group(), artifact.field() + ".group");
                require(artifact.artifact(), artifact.field() + ".artifact");
                require(artifact.version(), artifact.field() + ".version");
            } else {
                require(artifact.url(), artifact.field() + ".url");
            }
            if ((artifact.type() == Type.JAR || artifact.type() == Type.OTHER) && !isFileName(artifact.fileName())) {
                throw new BuildException("the build plan's file name " + artifact.fileName() + " of " + artifact.field()
                        + " is not a plain file name");
            }
        }
        if (artifacts.stream().map(Artifact::directory).distinct().count() != artifacts.size()) {
            throw new BuildException("the build plan names an artifact directory twice");
        }
        return this;
    }

    static boolean isFileName(String name) {
        return name != null && !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..")
                && name.indexOf('\0') < 0;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new BuildException("the build plan has no " + name);
        }
    }

    /** `additionalBuildOptions`, never null. */
    public List<String> buildOptionsOrEmpty() {
        return buildOptions == null ? List.of() : buildOptions;
    }

    /** `additionalPushOptions`, never null. */
    public List<String> pushOptionsOrEmpty() {
        return pushOptions == null ? List.of() : pushOptions;
    }
}
