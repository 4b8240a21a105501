package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/** A custom authentication mechanism, configured with `sasl.` and `ssl.keystore.` options. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "sasl", "config"})
public final class KafkaClientAuthenticationCustom extends KafkaClientAuthentication {
    public static final String TYPE = "custom";

    private Boolean sasl;

    private Map<String, Object> config;

    public Boolean getSasl() {
        return sasl;
    }

    public void setSasl(Boolean sasl) {
        this.sasl = sasl;
    }

    public Map<String, Object> getConfig() {
        return config;
    }

    public void setConfig(Map<String, Object> config) {
        this.config = config;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
