package io.authroutes.auth.camel;

import io.authroutes.auth.Token;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Where a call puts the token and the answer's further values: headers (with the endpoint's prefix for
 * the token), cookies (all in one {@code Cookie} header, RFC 6265 section 5.4) and query parameters.
 * Worked out once per token, not per call: what a token puts on a request is kept until the next token.
 */
final class TokenPlacements {

    /** The name under which {@code send.<name>} refers to the token itself. */
    static final String TOKEN = "token";

    enum Place { HEADER, COOKIE, QUERY }

    /** One value put in one place: {@code value} is {@link #TOKEN} or a name of the token step's {@code keep.<name>}. */
    record Placement(String value, Place place, String name) {

        /** {@code header:<Name>}, {@code cookie:<name>} or {@code query:<name>}, as {@code send.<value>} writes it. */
        static Placement parse(String value, String written) {
            int colon = written.indexOf(':');
            String place = colon < 0 ? "" : written.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            String name = colon < 0 ? "" : written.substring(colon + 1).trim();
            if (name.isEmpty() || !Set.of("HEADER", "COOKIE", "QUERY").contains(place)) {
                throw new IllegalArgumentException("send." + value + " is '" + written + "'; write header:<Name>, cookie:<name>"
                        + " or query:<name>, several separated by commas, e.g. send." + value + ": cookie:ROUTEID");
            }
            return new Placement(value, Place.valueOf(place), name);
        }
    }

    /** What one token puts on every call: headers to set, and query pairs (encoded) to append, or null. */
    record Sent(Token token, Map<String, String> headers, String query) implements SentToken {

        @Override
        public void applyTo(Message request) {
            if (!headers.isEmpty()) {
                request.getHeaders().putAll(headers);
            }
            if (query != null) {
                String flowQuery = request.getHeader(Exchange.HTTP_QUERY, String.class);
                request.setHeader(Exchange.HTTP_QUERY, flowQuery == null || flowQuery.isBlank() ? query : flowQuery + "&" + query);
            }
        }

        @Override
        public String toString() {
            return "token " + token.fingerprint() + " in " + (query == null ? "" : "the query ") + headers.keySet();
        }
    }

    private final List<Placement> placements;
    private final UnaryOperator<String> prefixed;
    private volatile Sent last;

    /** {@code prefixed}: the token as a header carries it, e.g. with {@code Bearer } before it. */
    TokenPlacements(UnaryOperator<String> prefixed, List<Placement> placements) {
        this.prefixed = prefixed;
        this.placements = List.copyOf(placements);
    }

    /** The placements a call step's options describe: the token's own, then each {@code send.<value>}. */
    static List<Placement> of(CallStep step, String cookie) {
        List<Placement> all = new ArrayList<>();
        if (step.getQueryParameter() != null) {
            all.add(new Placement(TOKEN, Place.QUERY, step.getQueryParameter()));
        }
        if (cookie != null) {
            all.add(new Placement(TOKEN, Place.COOKIE, cookie));
        }
        if (all.isEmpty()) {
            all.add(new Placement(TOKEN, Place.HEADER, step.getHeader()));
        }
        step.getSend().forEach((value, written) -> Arrays.stream(String.valueOf(written).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).forEach(one -> all.add(Placement.parse(value, one))));
        return all;
    }

    /** The request headers that carry credentials: never taken from a flow, never forwarded. */
    Set<String> credentialHeaders() {
        return placements.stream().map(p -> p.place() == Place.COOKIE ? "Cookie" : p.place() == Place.HEADER ? p.name() : null)
                .filter(name -> name != null).collect(Collectors.toUnmodifiableSet());
    }

    Sent of(Token token) {
        Sent sent = last;
        if (sent == null || sent.token() != token) {
            sent = render(token);
            last = sent;
        }
        return sent;
    }

    private Sent render(Token token) {
        Map<String, String> headers = new LinkedHashMap<>();
        StringJoiner cookies = new StringJoiner("; ");
        StringJoiner query = new StringJoiner("&");
        for (Placement placement : placements) {
            String value = placement.value().equals(TOKEN) ? token.value() : token.attributes().get(placement.value());
            if (value == null) {
                continue;
            }
            switch (placement.place()) {
                case HEADER -> headers.put(placement.name(), placement.value().equals(TOKEN) ? prefixed.apply(value) : value);
                case COOKIE -> cookies.add(placement.name() + "=" + value);
                case QUERY -> query.add(URLEncoder.encode(placement.name(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        if (cookies.length() > 0) {
            headers.put("Cookie", cookies.toString());
        }
        return new Sent(token, Map.copyOf(headers), query.length() == 0 ? null : query.toString());
    }
}
