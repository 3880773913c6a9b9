package io.authroutes.auth.camel;

import java.time.Duration;
import java.time.ZoneId;
import org.apache.camel.Producer;

/**
 * {@code authroutes:token?provider=<id>&token=...&expiresIn=...}: the last step of a token route.
 * Reads the HTTP answer of the provider's token endpoint and leaves a token as the message body, or
 * fails with an error that says whether the credentials or the endpoint are at fault.
 * Field names are dotted paths into the JSON answer, matched case-insensitively.
 */
public class TokenAnswerEndpoint extends ProviderEndpoint {

    private String token = "access_token";
    private String expiresIn = "expires_in";
    private String expiresAt;
    private String expiresAtZone = "UTC";
    private String lifetime;
    private String refreshToken = "refresh_token";
    private String ok;
    private String error = "error";
    private String errorText = "error_description";
    private String credentials = "";
    private TokenExpiry expiry;

    TokenAnswerEndpoint(String uri, AuthroutesComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        return new TokenAnswerProducer(this);
    }

    public String getToken() {
        return token;
    }

    /** The field holding the token, e.g. {@code access_token} or {@code session.key}. */
    public void setToken(String token) {
        this.token = token;
    }

    public String getExpiresIn() {
        return expiresIn;
    }

    /** The field with the lifetime in seconds, counted from when the request was sent (RFC 6749 section 5.1). */
    public void setExpiresIn(String expiresIn) {
        this.expiresIn = expiresIn;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    /** The field with an absolute expiry: ISO-8601, {@code yyyy-MM-dd HH:mm:ss} or epoch seconds/millis. */
    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getExpiresAtZone() {
        return expiresAtZone;
    }

    /** The zone of {@code expiresAt} values written without an offset. */
    public void setExpiresAtZone(String expiresAtZone) {
        this.expiresAtZone = expiresAtZone;
    }

    public String getLifetime() {
        return lifetime;
    }

    /** The documented lifetime, used when the answer states no expiry or an unreadable one, e.g. {@code P1D}. */
    public void setLifetime(String lifetime) {
        this.lifetime = lifetime;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    /** The field with the refresh token, if the provider issues one. */
    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getOk() {
        return ok;
    }

    /** A boolean field that is {@code false} when the provider refused the request with a 2xx status. */
    public void setOk(String ok) {
        this.ok = ok;
    }

    public String getError() {
        return error;
    }

    /** The field with the error code, e.g. {@code error} ({@code invalid_client}, {@code auth_failed}). */
    public void setError(String error) {
        this.error = error;
    }

    public String getErrorText() {
        return errorText;
    }

    /** The field with the human-readable error, a string or a list of strings. */
    public void setErrorText(String errorText) {
        this.errorText = errorText;
    }

    public String getCredentials() {
        return credentials;
    }

    /** The options to check when the credentials are refused, e.g. {@code login,password}; named in the error. */
    public void setCredentials(String credentials) {
        this.credentials = credentials;
    }

    ZoneId zone() {
        return ZoneId.of(expiresAtZone);
    }

    /** Made once per endpoint, so a nonsensical expiry is warned about once, not on every token. */
    synchronized TokenExpiry expiry() {
        if (expiry == null) {
            expiry = new TokenExpiry(expiresIn, expiresAt, zone(), documentedLifetime());
        }
        return expiry;
    }

    Duration documentedLifetime() {
        return lifetime == null || lifetime.isBlank() ? null : Duration.parse(lifetime);
    }

    @Override
    void validate() {
        super.validate();
        try {
            zone();
            documentedLifetime();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(getEndpointUri() + ": expiresAtZone must be a zone id such as UTC or"
                    + " Europe/Warsaw, and lifetime an ISO-8601 duration such as P1D", e);
        }
    }
}
