package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Any other file, downloaded as it is, optionally under a given name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class OtherArtifact extends DownloadableArtifact {
    public static final String TYPE = "other";

    @JsonPropertyDescription("For `other`: the name the downloaded file is stored under. Defaults to the artifact's hash, which also names "
            + "its directory (as in Strimzi).")
    private String fileName;

    @Override
    public String getType() {
        return TYPE;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }
}
