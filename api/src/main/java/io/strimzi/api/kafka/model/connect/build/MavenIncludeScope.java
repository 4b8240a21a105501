package io.strimzi.api.kafka.model.connect.build;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Maven dependency scopes a `maven` artifact's dependencies are taken from (`includeScope`), as Maven names them. */
public enum MavenIncludeScope {
    @JsonProperty("compile") COMPILE,
    @JsonProperty("provided") PROVIDED,
    @JsonProperty("runtime") RUNTIME,
    @JsonProperty("test") TEST,
    @JsonProperty("system") SYSTEM
}
