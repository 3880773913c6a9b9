package io.authroutes.auth.camel;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Producer;

/**
 * {@code authroutes:call?provider=<id>&header=...&prefix=...&reauthOn=...}: sends the exchange to the
 * provider's {@code baseUrl} with a token, and re-authenticates and retries when the upstream answers
 * one of the {@code reauthOn} statuses.
 */
public class CallEndpoint extends ProviderEndpoint {

    private String header = "Authorization";
    private String prefix = "";
    private String reauthOn = "401";

    CallEndpoint(String uri, AuthroutesComponent component) {
        super(uri, component);
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
    }
}
