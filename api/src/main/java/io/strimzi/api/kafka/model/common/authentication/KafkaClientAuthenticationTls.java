package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.strimzi.api.kafka.model.common.CertAndKeySecretSource;

/** TLS client authentication with a certificate and key from a Secret (over TLS connections only). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "certificateAndKey"})
public final class KafkaClientAuthenticationTls extends KafkaClientAuthentication {
    public static final String TYPE = "tls";

    private CertAndKeySecretSource certificateAndKey;

    public CertAndKeySecretSource getCertificateAndKey() {
        return certificateAndKey;
    }

    public void setCertificateAndKey(CertAndKeySecretSource certificateAndKey) {
        this.certificateAndKey = certificateAndKey;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
