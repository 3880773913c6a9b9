package io.authroutes.auth.camel;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.util.CaseInsensitiveMap;

/**
 * What one call sends upstream, and the only place that decides it (design, "Security"). The request
 * is built from an allow-list, never copied from the flow's message: the method, path and query
 * (relative to the provider's baseUrl), the content type, the body, and the flow's own non-Camel
 * headers. So no {@code Camel*} header ({@code CamelRestHttpUri}, {@code CamelHttpUri}...) can send
 * the call or its token to another host, an incoming credential is never forwarded, and headers an
 * upstream answered with are returned to the flow but never sent on to the next provider.
 * Each attempt is a new exchange, so the provider's own headers and the token live only there.
 */
final class OutboundRequest {

    /** Headers the last upstream answers put on the flow's message, by name, as the very objects it put there. */
    static final String RETURNED_HEADERS = "AuthroutesReturnedHeaders";
    /** The Camel headers camel-http reads that stay within the provider's baseUrl. */
    private static final Set<String> ROUTING = Set.of(Exchange.HTTP_METHOD, Exchange.HTTP_PATH, Exchange.HTTP_QUERY);

    private final Map<String, Object> headers;
    private final Object body;
    private final Object charset;

    private OutboundRequest(Map<String, Object> headers, Object body, Object charset) {
        this.headers = headers;
        this.body = body;
        this.charset = charset;
    }

    /**
     * The request the flow's message describes. {@code credential} names the headers that carry
     * credentials, which are never forwarded.
     */
    static OutboundRequest of(Exchange flow, Predicate<String> credential) {
        Message message = flow.getMessage();
        Object body = message.getBody();
        if (body instanceof InputStream && !(body instanceof StreamCache)) {
            // a plain stream can be read once; keep the bytes for a retry
            body = message.getBody(byte[].class);
            message.setBody(body);
        }
        Map<?, ?> returned = flow.getProperty(RETURNED_HEADERS, Map.class);
        Map<String, Object> headers = new HashMap<>();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String name = header.getKey();
            Object value = header.getValue();
            boolean sent = isCamel(name) ? isRouting(name) : !credential.test(name) && !returnedByUpstream(returned, name, value);
            if (sent && value != null) {
                headers.put(name, value);
            }
        }
        return new OutboundRequest(headers, body, flow.getProperty(ExchangePropertyKey.CHARSET_NAME));
    }

    /**
     * A new exchange for one attempt: the request, then the provider's own headers, then what the token
     * puts on a call: its headers, and its query pairs appended to the query.
     */
    Exchange attempt(Endpoint upstream, Map<String, String> providerHeaders, TokenPlacements.Sent token) {
        if (body instanceof StreamCache cache) {
            cache.reset();
        }
        Exchange call = upstream.createExchange();
        Message message = call.getIn();
        message.getHeaders().putAll(headers);
        message.getHeaders().putAll(providerHeaders);
        message.getHeaders().putAll(token.headers());
        if (token.query() != null) {
            String query = message.getHeader(Exchange.HTTP_QUERY, String.class);
            message.setHeader(Exchange.HTTP_QUERY, query == null || query.isBlank() ? token.query() : query + "&" + token.query());
        }
        message.setBody(body);
        if (charset != null) {
            call.setProperty(ExchangePropertyKey.CHARSET_NAME, charset);
        }
        return call;
    }

    /**
     * Gives the upstream's answer to the flow: body, status and response headers on the flow's own
     * message, whose other headers stay as they were. The response headers are remembered so that a
     * later call does not send them on (Set-Cookie of one provider never reaches another).
     */
    static void answer(Exchange flow, Exchange call) {
        if (call.getException() != null) {
            flow.setException(call.getException());
            return;
        }
        Message response = call.getMessage();
        Message message = flow.getMessage();
        Map<?, ?> before = flow.getProperty(RETURNED_HEADERS, Map.class);
        Map<String, Object> returned = new CaseInsensitiveMap();
        if (before != null) {
            before.forEach((name, value) -> returned.put((String) name, value));
        }
        response.getHeaders().forEach((name, value) -> {
            message.setHeader(name, value);
            returned.put(name, value);
        });
        message.setBody(response.getBody());
        flow.setProperty(RETURNED_HEADERS, returned);
        Object charset = call.getProperty(ExchangePropertyKey.CHARSET_NAME);
        if (charset != null) {
            flow.setProperty(ExchangePropertyKey.CHARSET_NAME, charset);
        }
    }

    String describe() {
        Object method = headers.getOrDefault(Exchange.HTTP_METHOD, body == null ? "GET" : "POST");
        Object path = headers.getOrDefault(Exchange.HTTP_PATH, "/");
        return method + " " + path;
    }

    /** Camel's own headers, whatever their case, as camel-http's header filter sees them. */
    private static boolean isCamel(String name) {
        return name.regionMatches(true, 0, "Camel", 0, 5) || name.startsWith("org.apache.camel.");
    }

    private static boolean isRouting(String name) {
        for (String routing : ROUTING) {
            if (routing.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the header is still the very value an upstream answer left; a value the flow set
     * itself, even under the same name, is the flow's own. The content type describes the body the
     * flow sends, wherever it came from, so it always goes.
     */
    private static boolean returnedByUpstream(Map<?, ?> returned, String name, Object value) {
        return returned != null && returned.get(name) == value && !name.equalsIgnoreCase(Exchange.CONTENT_TYPE);
    }
}
