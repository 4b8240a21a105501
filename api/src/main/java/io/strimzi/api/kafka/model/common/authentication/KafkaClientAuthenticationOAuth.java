package io.strimzi.api.kafka.model.common.authentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.strimzi.api.kafka.model.common.GenericSecretSource;
import io.strimzi.api.kafka.model.connect.CertSecretSource;

import java.util.List;
import java.util.Map;

/** SASL OAUTHBEARER authentication against an OAuth authorization server. Not part of v1 (use `custom`). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "clientId", "clientSecret", "clientAssertion", "clientAssertionLocation",
    "clientAssertionType", "accessToken", "accessTokenLocation", "accessTokenIsJwt", "refreshToken", "username",
    "passwordSecret", "tokenEndpointUri", "scope", "audience", "tlsTrustedCertificates",
    "disableTlsHostnameVerification", "maxTokenExpirySeconds", "connectTimeoutSeconds", "readTimeoutSeconds",
    "httpRetries", "httpRetryPauseMs", "enableMetrics", "includeAcceptHeader", "saslExtensions"})
public final class KafkaClientAuthenticationOAuth extends KafkaClientAuthenticationWithPassword {
    public static final String TYPE = "oauth";

    private String clientId;

    private GenericSecretSource clientSecret;

    private GenericSecretSource clientAssertion;

    private String clientAssertionLocation;

    private String clientAssertionType;

    private GenericSecretSource accessToken;

    private String accessTokenLocation;

    private Boolean accessTokenIsJwt;

    private GenericSecretSource refreshToken;

    private String tokenEndpointUri;

    private String scope;

    private String audience;

    private List<CertSecretSource> tlsTrustedCertificates;

    private Boolean disableTlsHostnameVerification;

    private Integer maxTokenExpirySeconds;

    private Integer connectTimeoutSeconds;

    private Integer readTimeoutSeconds;

    private Integer httpRetries;

    private Integer httpRetryPauseMs;

    private Boolean enableMetrics;

    private Boolean includeAcceptHeader;

    private Map<String, String> saslExtensions;

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public GenericSecretSource getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(GenericSecretSource clientSecret) {
        this.clientSecret = clientSecret;
    }

    public GenericSecretSource getClientAssertion() {
        return clientAssertion;
    }

    public void setClientAssertion(GenericSecretSource clientAssertion) {
        this.clientAssertion = clientAssertion;
    }

    public String getClientAssertionLocation() {
        return clientAssertionLocation;
    }

    public void setClientAssertionLocation(String clientAssertionLocation) {
        this.clientAssertionLocation = clientAssertionLocation;
    }

    public String getClientAssertionType() {
        return clientAssertionType;
    }

    public void setClientAssertionType(String clientAssertionType) {
        this.clientAssertionType = clientAssertionType;
    }

    public GenericSecretSource getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(GenericSecretSource accessToken) {
        this.accessToken = accessToken;
    }

    public String getAccessTokenLocation() {
        return accessTokenLocation;
    }

    public void setAccessTokenLocation(String accessTokenLocation) {
        this.accessTokenLocation = accessTokenLocation;
    }

    public Boolean getAccessTokenIsJwt() {
        return accessTokenIsJwt;
    }

    public void setAccessTokenIsJwt(Boolean accessTokenIsJwt) {
        this.accessTokenIsJwt = accessTokenIsJwt;
    }

    public GenericSecretSource getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(GenericSecretSource refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getTokenEndpointUri() {
        return tokenEndpointUri;
    }

    public void setTokenEndpointUri(String tokenEndpointUri) {
        this.tokenEndpointUri = tokenEndpointUri;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public List<CertSecretSource> getTlsTrustedCertificates() {
        return tlsTrustedCertificates;
    }

    public void setTlsTrustedCertificates(List<CertSecretSource> tlsTrustedCertificates) {
        this.tlsTrustedCertificates = tlsTrustedCertificates;
    }

    public Boolean getDisableTlsHostnameVerification() {
        return disableTlsHostnameVerification;
    }

    public void setDisableTlsHostnameVerification(Boolean disableTlsHostnameVerification) {
        this.disableTlsHostnameVerification = disableTlsHostnameVerification;
    }

    public Integer getMaxTokenExpirySeconds() {
        return maxTokenExpirySeconds;
    }

    public void setMaxTokenExpirySeconds(Integer maxTokenExpirySeconds) {
        this.maxTokenExpirySeconds = maxTokenExpirySeconds;
    }

    public Integer getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public void setConnectTimeoutSeconds(Integer connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public Integer getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    public void setReadTimeoutSeconds(Integer readTimeoutSeconds) {
        this.readTimeoutSeconds = readTimeoutSeconds;
    }

    public Integer getHttpRetries() {
        return httpRetries;
    }

    public void setHttpRetries(Integer httpRetries) {
        this.httpRetries = httpRetries;
    }

    public Integer getHttpRetryPauseMs() {
        return httpRetryPauseMs;
    }

    public void setHttpRetryPauseMs(Integer httpRetryPauseMs) {
        this.httpRetryPauseMs = httpRetryPauseMs;
    }

    public Boolean getEnableMetrics() {
        return enableMetrics;
    }

    public void setEnableMetrics(Boolean enableMetrics) {
        this.enableMetrics = enableMetrics;
    }

    public Boolean getIncludeAcceptHeader() {
        return includeAcceptHeader;
    }

    public void setIncludeAcceptHeader(Boolean includeAcceptHeader) {
        this.includeAcceptHeader = includeAcceptHeader;
    }

    public Map<String, String> getSaslExtensions() {
        return saslExtensions;
    }

    public void setSaslExtensions(Map<String, String> saslExtensions) {
        this.saslExtensions = saslExtensions;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
