package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A JAR file, downloaded as it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class JarArtifact extends DownloadableArtifact {
    public static final String TYPE = "jar";

    @Override
    public String getType() {
        return TYPE;
    }
}
