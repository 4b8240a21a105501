package io.strimzi.api.kafka.model.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;

/** A certificate and its private key kept in a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"secretName", "certificate", "key"})
public class CertAndKeySecretSource {
    @JsonPropertyDescription("The name of the Secret that holds the certificate and the key.")
    @Required
    private String secretName;

    @JsonPropertyDescription("The key of the Secret under which the certificate is stored.")
    @Required
    private String certificate;

    @JsonPropertyDescription("The key of the Secret under which the private key is stored.")
    @Required
    private String key;

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getCertificate() {
        return certificate;
    }

    public void setCertificate(String certificate) {
        this.certificate = certificate;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
