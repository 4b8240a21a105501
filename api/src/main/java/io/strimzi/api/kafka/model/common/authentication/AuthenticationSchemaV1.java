package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import io.strimzi.api.kafka.model.common.CertAndKeySecretSource;
import io.strimzi.api.kafka.model.common.PasswordSecretSource;

import java.util.Map;

/**
 * Schema-only view of {@link KafkaClientAuthentication} for the CRD generator, which cannot merge the subtypes of
 * a polymorphic class: the union of the subtypes' fields with `type` as an enum. This is the v1 variant, without
 * `oauth`; {@link AuthenticationSchema} adds it for v1beta2. Never instantiated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthenticationSchemaV1 {
    enum Type {
        tls, @JsonProperty("scram-sha-256") scramSha256, @JsonProperty("scram-sha-512") scramSha512, plain, custom
    }

    @JsonPropertyDescription("Authentication type: `tls` (TLS client certificate), `scram-sha-256` and `scram-sha-512` (SASL "
            + "SCRAM), `plain` (SASL PLAIN) or `custom`.")
    @Required
    public Type type;

    @JsonPropertyDescription("For `scram-sha-256`, `scram-sha-512` and `plain`: the username.")
    public String username;

    @JsonPropertyDescription("For `scram-sha-256`, `scram-sha-512` and `plain`: the Secret key that holds the password.")
    public PasswordSecretSource passwordSecret;

    @JsonPropertyDescription("For `tls`: the Secret that holds the client certificate and its private key.")
    public CertAndKeySecretSource certificateAndKey;

    @JsonPropertyDescription("For `custom`: whether the mechanism uses SASL.")
    public Boolean sasl;

    @JsonPropertyDescription("For `custom`: the `sasl.` and `ssl.keystore.` options of the mechanism; other options belong in "
            + "`.spec.config`.")
    @PreserveUnknownFields
    public Map<String, Object> config;

    protected AuthenticationSchemaV1() {
    }
}
