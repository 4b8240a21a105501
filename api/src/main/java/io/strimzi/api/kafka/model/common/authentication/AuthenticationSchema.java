package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.strimzi.api.kafka.model.common.GenericSecretSource;
import io.strimzi.api.kafka.model.connect.CertSecretSource;

import java.util.List;
import java.util.Map;

/**
 * Schema-only view of {@link KafkaClientAuthentication} for the CRD generator, which cannot merge the subtypes of
 * a polymorphic class: the union of the subtypes' fields with `type` as an enum. It hides `type` of {@link
 * AuthenticationSchemaV1} to add `oauth`, and adds the OAuth fields; `username` and `passwordSecret` are shared
 * with the other types. Never instantiated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class AuthenticationSchema extends AuthenticationSchemaV1 {
    enum Type {
        tls, @JsonProperty("scram-sha-256") scramSha256, @JsonProperty("scram-sha-512") scramSha512, plain, oauth, custom
    }

    @JsonPropertyDescription("Authentication type: `tls` (TLS client certificate), `scram-sha-256` and `scram-sha-512` (SASL "
            + "SCRAM), `plain` (SASL PLAIN) or `custom`, or `oauth` (SASL OAUTHBEARER; not part of v1).")
    @Required
    public Type type;

    @JsonPropertyDescription("For `oauth`: the OAuth client ID used to authenticate to the authorization server and use its token "
            + "endpoint.")
    public String clientId;

    @JsonPropertyDescription("For `oauth`: the Secret key that holds the OAuth client secret.")
    public GenericSecretSource clientSecret;

    @JsonPropertyDescription("For `oauth`: the Secret key that holds a client assertion configured for the client by hand.")
    public GenericSecretSource clientAssertion;

    @JsonPropertyDescription("For `oauth`: the path of a file that holds the client assertion.")
    public String clientAssertionLocation;

    @JsonPropertyDescription("For `oauth`: the type of the client assertion. When `clientAssertion` or `clientAssertionLocation` "
            + "is set and this is not, `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.")
    public String clientAssertionType;

    @JsonPropertyDescription("For `oauth`: the Secret key that holds an access token obtained from the authorization server.")
    public GenericSecretSource accessToken;

    @JsonPropertyDescription("For `oauth`: the path of a file that holds the access token.")
    public String accessTokenLocation;

    @JsonPropertyDescription("For `oauth`: whether the access token is a JWT. Set `false` when the authorization server issues "
            + "opaque tokens. Defaults to `true`.")
    public Boolean accessTokenIsJwt;

    @JsonPropertyDescription("For `oauth`: the Secret key that holds a refresh token for obtaining access tokens.")
    public GenericSecretSource refreshToken;

    @JsonPropertyDescription("For `oauth`: the URI of the authorization server's token endpoint.")
    public String tokenEndpointUri;

    @JsonPropertyDescription("For `oauth`: the OAuth scope to ask for. Not sent when unset.")
    public String scope;

    @JsonPropertyDescription("For `oauth`: the OAuth audience to ask for. Not sent when unset.")
    public String audience;

    @JsonPropertyDescription("For `oauth`: trusted certificates for TLS connections to the authorization server.")
    public List<CertSecretSource> tlsTrustedCertificates;

    @JsonPropertyDescription("For `oauth`: whether TLS hostname verification is disabled. Defaults to `false`.")
    public Boolean disableTlsHostnameVerification;

    @JsonPropertyDescription("For `oauth`: sets or limits the lifetime, in seconds, of access tokens (for opaque tokens).")
    public Integer maxTokenExpirySeconds;

    @JsonPropertyDescription("For `oauth`: the connect time-out, in seconds, towards the authorization server. Defaults to 60.")
    public Integer connectTimeoutSeconds;

    @JsonPropertyDescription("For `oauth`: the read time-out, in seconds, towards the authorization server. Defaults to 60.")
    public Integer readTimeoutSeconds;

    @JsonPropertyDescription("For `oauth`: how many times a failed HTTP request to the authorization server is retried. Defaults "
            + "to 0.")
    public Integer httpRetries;

    @JsonPropertyDescription("For `oauth`: the pause, in milliseconds, before a failed HTTP request is retried. Defaults to 0.")
    public Integer httpRetryPauseMs;

    @JsonPropertyDescription("For `oauth`: whether OAuth metrics are enabled. Defaults to `false`.")
    public Boolean enableMetrics;

    @JsonPropertyDescription("For `oauth`: whether requests to the authorization server carry an `Accept` header. Defaults to "
            + "`true`.")
    public Boolean includeAcceptHeader;

    @JsonPropertyDescription("For `oauth`: sASL extension parameters.")
    public Map<String, String> saslExtensions;

    private AuthenticationSchema() {
    }
}
