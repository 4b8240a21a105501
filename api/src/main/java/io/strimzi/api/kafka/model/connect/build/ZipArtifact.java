package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A ZIP archive, unpacked into the plugin directory; symbolic links in it are removed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ZipArtifact extends DownloadableArtifact {
    public static final String TYPE = "zip";

    @Override
    public String getType() {
        return TYPE;
    }
}
