package io.authroutes.auth.camel;

import io.authroutes.auth.InvalidSettingException;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * {@code authroutes:token}: the last step of a token route.
 * Reads the HTTP answer of the provider's token endpoint and leaves a token as the message body, or
 * fails with an error that says whether the credentials or the endpoint are at fault.
 * Field names are dotted paths into the JSON answer, matched case-insensitively.
 */
@UriParams
public class TokenAnswerStep implements Step {

    @UriParam(label = "token", defaultValue = "access_token",
            description = "The field holding the token, e.g. access_token or session.key.")
    private String token = "access_token";
    @UriParam(label = "token", defaultValue = "expires_in",
            description = "The field with the lifetime in seconds, counted from when the request was sent (RFC 6749 section 5.1).")
    private String expiresIn = "expires_in";
    @UriParam(label = "token",
            description = "The field with an absolute expiry: ISO-8601, yyyy-MM-dd HH:mm:ss or epoch seconds/millis.")
    private String expiresAt;
    @UriParam(label = "token", defaultValue = "UTC",
            description = "The zone of expiresAt values written without an offset.")
    private String expiresAtZone = "UTC";
    @UriParam(label = "token",
            description = "The documented lifetime, used when the answer states no expiry or an unreadable one, e.g. P1D.")
    private String lifetime;
    @UriParam(label = "token", defaultValue = "refresh_token",
            description = "The field with the refresh token, if the provider issues one.")
    private String refreshToken = "refresh_token";
    @UriParam(label = "token",
            description = "A boolean field that is false when the provider refused the request with a 2xx status.")
    private String ok;
    @UriParam(label = "token", defaultValue = "error",
            description = "The field with the error code, e.g. error (invalid_client, auth_failed).")
    private String error = "error";
    @UriParam(label = "token", defaultValue = "error_description",
            description = "The field with the human-readable error, a string or a list of strings.")
    private String errorText = "error_description";
    @UriParam(label = "token",
            description = "The options to check when the credentials are refused, e.g. login,password; named in the error.")
    private String credentials = "";
    private TokenExpiry expiry;

    @Override
    public Producer createProducer(AuthroutesEndpoint endpoint) {
        return new TokenAnswerProducer(endpoint, this);
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getExpiresIn() {
        return expiresIn;
    }

    public void setExpiresIn(String expiresIn) {
        this.expiresIn = expiresIn;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getExpiresAtZone() {
        return expiresAtZone;
    }

    public void setExpiresAtZone(String expiresAtZone) {
        this.expiresAtZone = expiresAtZone;
    }

    public String getLifetime() {
        return lifetime;
    }

    public void setLifetime(String lifetime) {
        this.lifetime = lifetime;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getOk() {
        return ok;
    }

    public void setOk(String ok) {
        this.ok = ok;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    public String getErrorText() {
        return errorText;
    }

    public void setErrorText(String errorText) {
        this.errorText = errorText;
    }

    public String getCredentials() {
        return credentials;
    }

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
    public void validate(AuthroutesEndpoint endpoint) {
        try {
            zone();
            documentedLifetime();
        } catch (RuntimeException e) {
            throw new InvalidSettingException(endpoint.getEndpointUri() + ": expiresAtZone must be a zone id such as UTC or"
                    + " Europe/Warsaw, and lifetime an ISO-8601 duration such as P1D", e);
        }
    }
}
