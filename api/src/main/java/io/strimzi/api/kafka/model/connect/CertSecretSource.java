package io.strimzi.api.kafka.model.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A certificate, or the certificates matching a pattern, from a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.certificate) != has(self.pattern)", message = "exactly one of certificate and pattern")
public class CertSecretSource {
    @JsonPropertyDescription("The name of the Secret containing the certificate.")
    @Required
    private String secretName;

    @JsonPropertyDescription("The name of the file certificate in the secret. Use either `certificate` or `pattern`.")
    private String certificate;

    @JsonPropertyDescription("Pattern for the certificate files in the secret, for example `*.crt`. Use either `certificate` or `pattern`.")
    private String pattern;

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

    public String getPattern() {
        return pattern;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }
}
