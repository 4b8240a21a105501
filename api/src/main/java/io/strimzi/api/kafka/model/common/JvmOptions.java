package io.strimzi.api.kafka.model.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;

import java.util.List;
import java.util.Map;

/** Options of the JVM that runs in the container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"-XX", "-Xmx", "-Xms", "gcLoggingEnabled", "javaSystemProperties"})
public class JvmOptions {
    /** A heap size: digits with an optional m, M, g or G. */
    public static final String HEAP_SIZE_PATTERN = "^[0-9]+[mMgG]?$";

    @JsonPropertyDescription("The -Xmx option of the JVM (maximum heap size), for example `2g`.")
    @JsonProperty("-Xmx")
    @Pattern(HEAP_SIZE_PATTERN)
    private String xmx;

    @JsonPropertyDescription("The -Xms option of the JVM (initial heap size), for example `512m`.")
    @JsonProperty("-Xms")
    @Pattern(HEAP_SIZE_PATTERN)
    private String xms;

    @JsonPropertyDescription("Whether garbage collection logging is enabled. Defaults to `false`.")
    private Boolean gcLoggingEnabled;

    @JsonPropertyDescription("Additional Java system properties for the JVM.")
    private List<SystemProperty> javaSystemProperties;

    @JsonPropertyDescription("-XX options of the JVM, as a map of option name to value, for example `UseG1GC: \"true\"`.")
    @JsonProperty("-XX")
    private Map<String, String> xx;

    public String getXmx() {
        return xmx;
    }

    public void setXmx(String xmx) {
        this.xmx = xmx;
    }

    public String getXms() {
        return xms;
    }

    public void setXms(String xms) {
        this.xms = xms;
    }

    public Boolean getGcLoggingEnabled() {
        return gcLoggingEnabled;
    }

    public void setGcLoggingEnabled(Boolean gcLoggingEnabled) {
        this.gcLoggingEnabled = gcLoggingEnabled;
    }

    public List<SystemProperty> getJavaSystemProperties() {
        return javaSystemProperties;
    }

    public void setJavaSystemProperties(List<SystemProperty> javaSystemProperties) {
        this.javaSystemProperties = javaSystemProperties;
    }

    public Map<String, String> getXx() {
        return xx;
    }

    public void setXx(Map<String, String> xx) {
        this.xx = xx;
    }
}
