package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/**
 * Schema-only view of {@link Artifact} for the CRD generator, which cannot merge the subtypes of a polymorphic class:
 * the union of the subtypes' fields with `type` as an enum. Never instantiated.
 */
@JsonPropertyOrder({"type", "url", "sha512sum", "fileName", "insecure", "repository", "group", "artifact", "version", "includeScope",
    "mirrors"})
@ValidationRule(value = "self.type == 'maven' || has(self.url)",
        message = "url is required for jar, tgz, zip and other artifacts")
@ValidationRule(value = "self.type != 'maven' || (has(self.group) && has(self.artifact) && has(self.version))",
        message = "group, artifact and version are required for maven artifacts")
@ValidationRule(value = "self.type == 'other' || !has(self.fileName)",
        message = "fileName applies to other artifacts only")
@ValidationRule(value = "self.type == 'maven' || (!has(self.includeScope) && !has(self.mirrors))",
        message = "includeScope and mirrors apply to maven artifacts only")
final class ArtifactSchema {
    enum Type { jar, tgz, zip, other, maven }

    @JsonPropertyDescription("Artifact type: jar, tgz, zip, other or maven.")
    @Required
    public Type type;

    @JsonPropertyDescription("For jar, tgz, zip and other: the URL to download the artifact from (http, https or ftp).")
    @Pattern(DownloadableArtifact.URL_PATTERN)
    public String url;

    @JsonPropertyDescription("For jar, tgz, zip and other: SHA-512 checksum of the artifact (128 hexadecimal characters). "
            + "When set, the build fails if the downloaded artifact does not match.")
    @Pattern(DownloadableArtifact.SHA512_PATTERN)
    public String sha512sum;

    @JsonPropertyDescription("For other: the name the downloaded file is stored under. Defaults to the artifact's hash, which "
            + "also names its directory (as in Strimzi).")
    public String fileName;

    @JsonPropertyDescription("When true, the TLS certificate of the server holding this artifact is not verified. Use only with trusted servers.")
    public Boolean insecure;

    @JsonPropertyDescription("For maven: the Maven repository to download from. Defaults to Maven Central (" + MavenArtifact.DEFAULT_REPOSITORY + ").")
    @Pattern(MavenArtifact.REPOSITORY_PATTERN)
    public String repository;

    @JsonPropertyDescription("For maven: the group id, for example `org.apache.kafka`.")
    @Pattern(MavenArtifact.COORDINATE_PATTERN)
    public String group;

    @JsonPropertyDescription("For maven: the artifact id, for example `connect-file`.")
    @Pattern(MavenArtifact.COORDINATE_PATTERN)
    public String artifact;

    @JsonPropertyDescription("For maven: the version.")
    @Pattern(MavenArtifact.COORDINATE_PATTERN)
    public String version;

    @JsonPropertyDescription("For maven: the Maven scope whose dependencies are added (`compile`, `provided`, `runtime`, `test` "
            + "or `system`, as Maven's dependency:copy-dependencies `includeScope` takes it). When unset, the dependencies of "
            + "every scope are added, as before this field existed.")
    public MavenIncludeScope includeScope;

    @JsonPropertyDescription("For maven: mirrors that serve every repository request of the build, including Maven's own "
            + "plugins, instead of the repositories (Maven Central included). With a mirror and no `repository`, the default "
            + "repository is not added.")
    public List<MavenMirror> mirrors;

    private ArtifactSchema() {
    }
}
