package io.authroutes.auth.camel;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Producer;

/**
 * {@code authroutes:call?provider=<id>&header=...&prefix=...&reauthOn=...&providerHeader.<name>=...}:
 * sends the exchange to the provider's {@code baseUrl} with a token, and re-authenticates and retries
 * when the upstream answers one of the {@code reauthOn} statuses.
 */
public class CallEndpoint extends ProviderEndpoint {

    /** Prefix of the options naming a provider header, e.g. {@code providerHeader.X-ZONT-Client}. */
    static final String PROVIDER_HEADER = "providerHeader.";

    private String header = "Authorization";
    private String prefix = "";
    private String reauthOn = "401";
    private final Map<String, String> providerHeaders;

    CallEndpoint(String uri, AuthroutesComponent component, Map<String, Object> providerHeaders) {
        super(uri, component);
        this.providerHeaders = providerHeaders.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    @Override
    public Producer createProducer() {
        getComponent().authHeaders().add(header);
        return new CallProducer(this);
    }

    public String getHeader() {
        return header;
    }

    /** The request header that carries the token, e.g. {@code X-ZONT-Token}. */
    public void setHeader(String header) {
        this.header = header;
    }

    public String getPrefix() {
        return prefix;
    }

    /** Put before the token with a space, e.g. {@code Bearer} (RFC 6750 section 2.1). */
    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getReauthOn() {
        return reauthOn;
    }

    /** Statuses meaning "this token is no longer accepted", comma-separated, e.g. {@code 401} or {@code 403}. */
    public void setReauthOn(String reauthOn) {
        this.reauthOn = reauthOn;
    }

    /**
     * Headers the provider asks for on every call, given as {@code providerHeader.<name>=<value>} options,
     * e.g. {@code providerHeader.X-ZONT-Client}. They are set on each attempt's request only, never on
     * the flow's message, so no other provider sees them.
     */
    Map<String, String> providerHeaders() {
        return providerHeaders;
    }

    Set<Integer> reauthStatuses() {
        return Arrays.stream(reauthOn.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    String headerValue(String token) {
        return prefix.isBlank() ? token : prefix.trim() + " " + token;
    }

    @Override
    void validate() {
        super.validate();
        try {
            reauthStatuses();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(getEndpointUri() + ": reauthOn must list HTTP statuses, e.g. reauthOn=401,403");
        }
        providerHeaders.keySet().stream().filter(name -> name.regionMatches(true, 0, "Camel", 0, 5)
                || name.equalsIgnoreCase(header)).findFirst().ifPresent(name -> {
                    throw new IllegalArgumentException(getEndpointUri() + ": providerHeader." + name
                            + " cannot be set; a provider header is an HTTP header of the provider's own, not a Camel"
                            + " header nor the token header '" + header + "'");
                });
    }
}
