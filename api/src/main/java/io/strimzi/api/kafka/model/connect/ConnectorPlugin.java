package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/** A connector plugin available in the Connect cluster, as Strimzi reports it in its status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"class", "type", "version"})
public class ConnectorPlugin {
    @JsonPropertyDescription("The type of the connector plugin: `source` or `sink`.")
    private String type;

    @JsonPropertyDescription("The version of the connector plugin.")
    private String version;

    @JsonPropertyDescription("The class of the connector plugin.")
    @JsonProperty("class")
    private String className;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectorPlugin other && Objects.equals(type, other.type) && Objects.equals(version, other.version)
                && Objects.equals(className, other.className);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, version, className);
    }
}
