package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.List;

/** A Maven artifact, resolved with its dependencies. The CRD describes `includeScope` and `mirrors` in {@link ArtifactSchema}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "repository", "group", "artifact", "version", "insecure", "includeScope", "mirrors"})
public final class MavenArtifact extends Artifact {
    public static final String TYPE = "maven";
    public static final String DEFAULT_REPOSITORY = "https://repo1.maven.org/maven2/";
    /** Maven coordinates: letters, digits, dots, dashes and underscores. Also enforced by the operator. */
    public static final String COORDINATE_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$";
    public static final String REPOSITORY_PATTERN = "^https?://[^\\s]+$";

    @JsonPropertyDescription("For `maven`: the Maven repository to download from. Defaults to Maven Central (" + DEFAULT_REPOSITORY + ").")
    @Pattern(REPOSITORY_PATTERN)
    private String repository;

    @JsonPropertyDescription("For `maven`: the group id, for example `org.apache.kafka`.")
    @Required
    @Pattern(COORDINATE_PATTERN)
    private String group;

    @JsonPropertyDescription("For `maven`: the artifact id, for example `connect-file`.")
    @Required
    @Pattern(COORDINATE_PATTERN)
    private String artifact;

    @JsonPropertyDescription("For `maven`: the version.")
    @Required
    @Pattern(COORDINATE_PATTERN)
    private String version;

    @JsonPropertyDescription("When true, the TLS certificate of the Maven repository is not verified. Use only with trusted repositories.")
    private Boolean insecure;

    private MavenIncludeScope includeScope;

    private List<MavenMirror> mirrors;

    @Override
    public String getType() {
        return TYPE;
    }

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getArtifact() {
        return artifact;
    }

    public void setArtifact(String artifact) {
        this.artifact = artifact;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Boolean getInsecure() {
        return insecure;
    }

    public void setInsecure(Boolean insecure) {
        this.insecure = insecure;
    }

    public MavenIncludeScope getIncludeScope() {
        return includeScope;
    }

    public void setIncludeScope(MavenIncludeScope includeScope) {
        this.includeScope = includeScope;
    }

    public List<MavenMirror> getMirrors() {
        return mirrors;
    }

    public void setMirrors(List<MavenMirror> mirrors) {
        this.mirrors = mirrors;
    }
}
