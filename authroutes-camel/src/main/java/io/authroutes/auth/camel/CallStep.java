package io.authroutes.auth.camel;

import io.authroutes.auth.InvalidSettingException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * {@code authroutes:call}: sends the exchange to the provider's {@code baseUrl} with a token, and
 * re-authenticates and retries when the upstream answers one of the {@code reauthOn} statuses, or
 * with a body that {@code reauthOnBody} finds. Where the token and the answer's further values go
 * is {@link TokenPlacements}' business.
 */
@UriParams
class CallStep implements Step {

    /** Prefix of the options naming a provider header, e.g. {@code providerHeader.X-ZONT-Client}. */
    static final String PROVIDER_HEADER = "providerHeader.";
    /** Prefix of the options placing a value of the token answer, e.g. {@code send.routeId}. */
    static final String SEND = "send.";

    @UriParam(label = "call", defaultValue = "Authorization", description = "The request header that carries the token, e.g. X-ZONT-Token")
    private String header = "Authorization";
    @UriParam(label = "call", defaultValue = "401",
            description = "Statuses meaning this token is no longer accepted, comma-separated, e.g. 401 or 401,403")
    private String reauthOn = "401";
    @UriParam(label = "call", description = "Send the token as this query parameter instead of a header, e.g. api_key, for"
            + " APIs that take a key in the query; a query string may reach access logs, so prefer a header where the API allows it")
    private String queryParameter;
    @UriParam(label = "call", prefix = PROVIDER_HEADER, multiValue = true, javaType = "java.util.Map<java.lang.String, java.lang.Object>",
            description = "Headers the provider asks for on every call, e.g. providerHeader.X-ZONT-Client. Set on each attempt's"
                    + " request only, never on the flow's message. The YAML DSL turns a dashed key of a parameters map into"
                    + " camelCase: write this option in the uri, with the value as RAW(value)")
    private Map<String, Object> providerHeader = Map.of();
    /** The provider headers as sent, made when the step is configured rather than on every call. */
    private Map<String, String> providerHeaderValues = Map.of();
    @UriParam(label = "call", prefix = SEND, multiValue = true, javaType = "java.util.Map<java.lang.String, java.lang.Object>",
            description = "Where a further value of the token answer (the token step's keep.<name>) goes on each call:"
                    + " header:<Name>, cookie:<name> or query:<name>, several separated by commas, e.g. send.routeId:"
                    + " cookie:ROUTEID; send.token adds places for the token itself, e.g. send.token: header:X-Session")
    private Map<String, Object> send = Map.of();
    @UriParam(label = "call", description = "A regular expression found in the body of an answer that means the session"
            + " is gone whatever the status, e.g. SESSION_EXPIRED or \"code\":\\s*\"?401; re-authenticates and retries as"
            + " reauthOn does. The body of every answer is then read as text")
    private String reauthOnBody;

    public String getHeader() {
        return header;
    }

    public void setHeader(String header) {
        this.header = header;
    }

    public String getQueryParameter() {
        return queryParameter;
    }

    public void setQueryParameter(String queryParameter) {
        this.queryParameter = queryParameter == null || queryParameter.isBlank() ? null : queryParameter.trim();
    }

    public String getReauthOn() {
        return reauthOn;
    }

    public void setReauthOn(String reauthOn) {
        this.reauthOn = reauthOn;
    }

    public Map<String, Object> getProviderHeader() {
        return providerHeader;
    }

    public void setProviderHeader(Map<String, Object> providerHeader) {
        this.providerHeader = Collections.unmodifiableMap(new LinkedHashMap<>(providerHeader));
        this.providerHeaderValues = this.providerHeader.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    public Map<String, Object> getSend() {
        return send;
    }

    public void setSend(Map<String, Object> send) {
        this.send = Collections.unmodifiableMap(new LinkedHashMap<>(send));
    }

    public String getReauthOnBody() {
        return reauthOnBody;
    }

    public void setReauthOnBody(String reauthOnBody) {
        this.reauthOnBody = reauthOnBody == null || reauthOnBody.isBlank() ? null : reauthOnBody;
    }

    /** The pattern of {@link #getReauthOnBody()}, or null when answers' bodies are not read. */
    Pattern reauthBodyPattern() {
        return reauthOnBody == null ? null : Pattern.compile(reauthOnBody);
    }

    Map<String, String> providerHeaderValues() {
        return providerHeaderValues;
    }


    Set<Integer> reauthStatuses() {
        return Arrays.stream(reauthOn.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Producer createProducer(AuthroutesEndpoint endpoint) {
        TokenPlacements placements = new TokenPlacements(endpoint::prefixed, TokenPlacements.of(this, endpoint.getCookie()));
        placements.credentialHeaders().forEach(endpoint.getComponent().credentialHeaders()::add);
        return new CallProducer(endpoint, this, placements);
    }

    @Override
    public void validate(AuthroutesEndpoint endpoint) {
        try {
            reauthStatuses();
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(endpoint.getEndpointUri() + ": reauthOn must list HTTP statuses, e.g. reauthOn=401,403");
        }
        try {
            reauthBodyPattern();
            TokenPlacements.of(this, endpoint.getCookie());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(endpoint.getEndpointUri() + ": " + e.getMessage());
        }
        providerHeader.keySet().stream().filter(name -> name.regionMatches(true, 0, "Camel", 0, 5)
                || name.equalsIgnoreCase(header)).findFirst().ifPresent(name -> {
                    throw new InvalidSettingException(endpoint.getEndpointUri() + ": providerHeader." + name
                            + " cannot be set; a provider header is an HTTP header of the provider's own, not a Camel"
                            + " header nor the token header '" + header + "'");
                });
    }
}
