package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A gzipped tar archive, unpacked into the plugin directory. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class TgzArtifact extends DownloadableArtifact {
    public static final String TYPE = "tgz";

    @Override
    public String getType() {
        return TYPE;
    }
}
