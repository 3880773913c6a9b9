package io.authroutes.auth.camel;

import io.authroutes.auth.InvalidSettingException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * {@code authroutes:token}: the last step of a token route.
 * Reads the HTTP answer of the provider's token endpoint and leaves a token as the message body, or
 * fails with an error that says whether the credentials or the endpoint are at fault.
 * A value is found where {@link AnswerSource} says: a dotted path into the JSON answer (matched
 * case-insensitively), a response header, a cookie the answer sets, or the whole body.
 */
@UriParams
class TokenAnswerStep implements Step {

    /** Prefix of the options naming a further value of the answer to keep, e.g. {@code keep.routeId}. */
    static final String KEEP = "keep.";

    @UriParam(label = "token", defaultValue = "access_token",
            description = "Where the token is: a JSON field (access_token, session.key), header:<Name> (a response header),"
                    + " cookie:<name> (a cookie the answer sets; its Max-Age or Expires is then the expiry) or body (the"
                    + " whole body is the token)")
    private String token = "access_token";
    @UriParam(label = "token", prefix = KEEP, multiValue = true, javaType = "java.util.Map<java.lang.String, java.lang.Object>",
            description = "Further values of the answer that calls send along with the token, each keep.<name>: <where>,"
                    + " where as for token, e.g. keep.routeId: cookie:ROUTEID; the call step's send.<name> says how each is"
                    + " sent, and #<name> is the value in a refresh, extend or revoke route. Kept like the token, never logged")
    private Map<String, Object> keep = Map.of();
    @UriParam(label = "token", defaultValue = "expires_in",
            description = "Where the lifetime is, counted from when the request was sent (RFC 6749 section 5.1): a JSON"
                    + " field, header:<Name> or cookie:<name>; a number of seconds (see expiresInUnit) or an ISO-8601"
                    + " duration. Empty for none")
    private String expiresIn = "expires_in";
    @UriParam(label = "token", defaultValue = "seconds", enums = "seconds,milliseconds",
            description = "The unit of a numeric expiresIn")
    private String expiresInUnit = "seconds";
    @UriParam(label = "token",
            description = "Where an absolute expiry is: a JSON field, header:<Name> or cookie:<name>; read as expiresAtFormat says")
    private String expiresAt;
    @UriParam(label = "token", defaultValue = "auto",
            description = "How expiresAt is written: auto (epoch seconds or milliseconds, ISO-8601 with or without offset,"
                    + " yyyy-MM-dd HH:mm:ss, HTTP-dates in the RFC 1123, RFC 850 and asctime forms), epochSeconds,"
                    + " epochMillis, iso, httpDate, or a DateTimeFormatter pattern such as dd.MM.yyyy HH:mm:ss")
    private String expiresAtFormat = "auto";
    @UriParam(label = "token", defaultValue = "UTC",
            description = "The zone of expiresAt values written without an offset.")
    private String expiresAtZone = "UTC";
    @UriParam(label = "token",
            description = "The documented lifetime, e.g. P1D, for answers that state no expiry at all; an expiry the answer"
                    + " states but that cannot be read is an error, never replaced by this")
    private String lifetime;
    @UriParam(label = "token", defaultValue = "refresh_token",
            description = "Where the refresh token is, if the provider issues one: a JSON field, header:<Name> or cookie:<name>")
    private String refreshToken = "refresh_token";
    @UriParam(label = "token",
            description = "A boolean field that is false when the provider refused the request with a 2xx status.")
    private String ok;
    @UriParam(label = "token", defaultValue = "error",
            description = "The field with the error code, e.g. error (invalid_client, auth_failed); empty for none")
    private String error = "error";
    @UriParam(label = "token", defaultValue = "error_description",
            description = "The field with the human-readable error, a string or a list of strings; empty for none."
                    + " Independent of error: either, both or neither may be set, and a text equal to the code is shown once")
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

    public Map<String, Object> getKeep() {
        return keep;
    }

    public void setKeep(Map<String, Object> keep) {
        this.keep = Collections.unmodifiableMap(new LinkedHashMap<>(keep));
    }

    public String getExpiresInUnit() {
        return expiresInUnit;
    }

    public void setExpiresInUnit(String expiresInUnit) {
        this.expiresInUnit = expiresInUnit;
    }

    public String getExpiresAtFormat() {
        return expiresAtFormat;
    }

    public void setExpiresAtFormat(String expiresAtFormat) {
        this.expiresAtFormat = expiresAtFormat;
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
            expiry = new TokenExpiry(this);
        }
        return expiry;
    }

    /** Where an option says a value is; empty when the option is not set (or set empty). */
    Optional<AnswerSource> source(String option) {
        return option == null || option.isBlank() ? Optional.empty() : Optional.of(AnswerSource.parse(option));
    }

    /** The further values to keep, by name, and where each is. */
    Map<String, AnswerSource> values() {
        Map<String, AnswerSource> sources = new LinkedHashMap<>();
        keep.forEach((name, where) -> {
            if (name.equals("token") || name.equals("refreshToken")) {
                throw new IllegalArgumentException("keep." + name + " is a name of its own in #" + name + "; choose another");
            }
            sources.put(name, AnswerSource.parse(String.valueOf(where)));
        });
        return sources;
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
        if (!expiresInUnit.equals("seconds") && !expiresInUnit.equals("milliseconds")) {
            throw new IllegalArgumentException(endpoint.getEndpointUri() + ": expiresInUnit must be seconds or milliseconds");
        }
        try {
            ExpiryDates.checkFormat(expiresAtFormat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(endpoint.getEndpointUri() + ": expiresAtFormat must be auto, epochSeconds,"
                    + " epochMillis, iso, httpDate or a DateTimeFormatter pattern such as dd.MM.yyyy HH:mm:ss", e);
        }
        AnswerSource.parse(token);
        values();
        source(expiresIn);
        source(expiresAt);
        source(refreshToken);
    }
}
