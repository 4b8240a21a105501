package io.strimzi.connectbuilder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;

/**
 * A manifest written as this builder made it, for Jib's manifest push: Jib's own templates know one layer media type
 * per manifest type, and the plugin layer is an uncompressed tar among gzip ones.
 */
final class RawManifest implements ManifestTemplate {
    private final ObjectNode json;

    RawManifest(ObjectNode json) {
        this.json = json;
    }

    @JsonValue
    ObjectNode json() {
        return json;
    }

    @JsonIgnore
    @Override
    public int getSchemaVersion() {
        return 2;
    }

    @JsonIgnore
    @Override
    public String getManifestMediaType() {
        return ImageAppender.OCI_MANIFEST;
    }
}
