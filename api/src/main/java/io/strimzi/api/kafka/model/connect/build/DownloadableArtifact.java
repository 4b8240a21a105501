package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An artifact downloaded from a URL: jar, tgz, zip or other. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract sealed class DownloadableArtifact extends Artifact permits JarArtifact, TgzArtifact, ZipArtifact, OtherArtifact {
    /** http, https or ftp, with no white space anywhere. Also enforced by the operator. */
    public static final String URL_PATTERN = "^(https?|ftp)://[^\\s]+$";
    /** 128 hexadecimal characters. Also enforced by the operator. */
    public static final String SHA512_PATTERN = "^[0-9a-fA-F]{128}$";

    @JsonPropertyDescription("URL of the artifact to download (http, https or ftp).")
    @Required
    @Pattern(URL_PATTERN)
    private String url;

    @JsonPropertyDescription("SHA-512 checksum of the artifact (128 hexadecimal characters). When set, the build fails if the downloaded artifact does not match.")
    @Pattern(SHA512_PATTERN)
    private String sha512sum;

    @JsonPropertyDescription("When true, the TLS certificate of the server holding this artifact is not verified. Use only with trusted servers.")
    private Boolean insecure;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getSha512sum() {
        return sha512sum;
    }

    public void setSha512sum(String sha512sum) {
        this.sha512sum = sha512sum;
    }

    public Boolean getInsecure() {
        return insecure;
    }

    public void setInsecure(Boolean insecure) {
        this.insecure = insecure;
    }
}
