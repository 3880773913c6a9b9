package io.authroutes.auth.camel;

import io.authroutes.auth.Redactor;
import io.authroutes.auth.UpstreamCallException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.component.http.HttpMethods;
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
    /**
     * camel-http reads the method as its {@link HttpMethods} enum: a String (what YAML's setHeader gives)
     * goes through Camel's type converter on every call, which allocates about three times what the rest
     * of the call does. The request carries the enum instead; the flow's message keeps what the flow set.
     */
    private static final Map<String, HttpMethods> METHODS = Arrays.stream(HttpMethods.values())
            .collect(Collectors.toUnmodifiableMap(HttpMethods::name, Function.identity()));

    private final Message flow;
    private final Map<?, ?> returned;
    private final CredentialHeaders credentials;
    private final Object body;
    private final Object charset;

    private OutboundRequest(Message flow, Map<?, ?> returned, CredentialHeaders credentials, Object body, Object charset) {
        this.flow = flow;
        this.returned = returned;
        this.credentials = credentials;
        this.body = body;
        this.charset = charset;
    }

    /**
     * The request the flow's message describes. The incoming headers that carry {@code credentials} are
     * dropped from the message, so they are never forwarded. Nothing is copied: the flow's message stays
     * as it is while the call's attempts run, so every attempt reads the request from it again.
     */
    static OutboundRequest of(Exchange flow, CredentialHeaders credentials) {
        Message message = flow.getMessage();
        message.getHeaders().keySet().removeIf(credentials::contains);
        Object body = message.getBody();
        if (body instanceof InputStream && !(body instanceof StreamCache)) {
            // a plain stream can be read once; keep the bytes for a retry
            body = message.getBody(byte[].class);
            message.setBody(body);
        }
        return new OutboundRequest(message, flow.getProperty(RETURNED_HEADERS, Map.class), credentials, body,
                flow.getProperty(ExchangePropertyKey.CHARSET_NAME));
    }

    /**
     * A new exchange for one attempt: the allowed headers of the flow's message, then the provider's own
     * headers, then the token.
     */
    Exchange attempt(Endpoint upstream, Map<String, String> providerHeaders, SentToken token) {
        if (body instanceof StreamCache cache) {
            cache.reset();
        }
        Exchange call = upstream.createExchange();
        Message request = call.getIn();
        Map<String, Object> headers = request.getHeaders();
        for (Map.Entry<String, Object> header : flow.getHeaders().entrySet()) {
            String name = header.getKey();
            Object value = header.getValue();
            if (value != null && isSent(name, value)) {
                headers.put(name, sentValue(name, value));
            }
        }
        if (!providerHeaders.isEmpty()) {
            headers.putAll(providerHeaders);
        }
        token.applyTo(request);
        request.setBody(body);
        if (charset != null) {
            call.setProperty(ExchangePropertyKey.CHARSET_NAME, charset);
        }
        return call;
    }

    private boolean isSent(String name, Object value) {
        return isCamel(name) ? isRouting(name) : !credentials.contains(name) && !returnedByUpstream(returned, name, value);
    }

    /** The method in the form camel-http reads; the query with what a URI cannot hold encoded. */
    private static Object sentValue(String name, Object value) {
        if (Exchange.HTTP_METHOD.equalsIgnoreCase(name)) {
            return method(value);
        }
        return Exchange.HTTP_QUERY.equalsIgnoreCase(name) && value instanceof String query ? encoded(query) : value;
    }

    /** The method as camel-http's enum; a value that names none is left for camel-http to refuse, as before. */
    private static Object method(Object value) {
        if (!(value instanceof String name)) {
            return value;
        }
        HttpMethods method = METHODS.get(name);
        if (method == null) {
            method = METHODS.get(name.trim().toUpperCase(Locale.ROOT));
        }
        return method != null ? method : value;
    }

    /**
     * {@code query} with every character a URI query cannot hold (RFC 3986 section 3.4: controls, spaces,
     * non-ASCII, a {@code %} not starting an escape) percent-encoded as UTF-8; what the flow already
     * encoded stays as it is. Done before a key is appended, so that no malformed query can make the
     * HTTP client fail with the whole URI, key included, in its message; the same query unchanged when
     * it is already valid.
     */
    static String encoded(String query) {
        int first = 0;
        while (first < query.length() && isQueryChar(query, first)) {
            first++;
        }
        if (first == query.length()) {
            return query;
        }
        StringBuilder result = new StringBuilder(query.length() + 16).append(query, 0, first);
        for (int i = first; i < query.length(); ) {
            int c = query.codePointAt(i);
            if (isQueryChar(query, i)) {
                result.append((char) c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    result.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
            i += Character.charCount(c);
        }
        return result.toString();
    }

    /** RFC 3986 section 3.4: query = *( unreserved / pct-encoded / sub-delims / ":" / "@" / "/" / "?" ). */
    private static boolean isQueryChar(String query, int i) {
        char c = query.charAt(i);
        if (c == '%') {
            return i + 2 < query.length() && Character.digit(query.charAt(i + 1), 16) >= 0 && Character.digit(query.charAt(i + 2), 16) >= 0;
        }
        return c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0);
    }

    /**
     * The failure of an attempt as the flow may see it: unchanged, unless its text (or its causes')
     * holds {@code credential}, raw or URL-encoded, as a URI with the key in its query does; then a
     * typed failure saying the same with the credential masked.
     */
    Exception withoutCredential(String providerId, Exception failure, String credential) {
        Redactor redactor = new Redactor(List.of(credential, URLEncoder.encode(credential, StandardCharsets.UTF_8)));
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 4096; cause = cause.getCause()) {
            text.append(text.isEmpty() ? "" : "; caused by ").append(cause);
        }
        String masked = redactor.redact(text.toString());
        return masked.contentEquals(text) ? failure
                : new UpstreamCallException(providerId, describe() + " failed before an answer came back: " + masked);
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
        Object method = flow.getHeader(Exchange.HTTP_METHOD);
        Object path = flow.getHeader(Exchange.HTTP_PATH);
        return (method != null ? method : body == null ? "GET" : "POST") + " " + (path != null ? path : "/");
    }

    /** Camel's own headers, whatever their case, as camel-http's header filter sees them. */
    private static boolean isCamel(String name) {
        return name.regionMatches(true, 0, "Camel", 0, 5) || name.startsWith("org.apache.camel.");
    }

    /** The Camel headers camel-http reads that stay within the provider's baseUrl. */
    private static boolean isRouting(String name) {
        return Exchange.HTTP_METHOD.equalsIgnoreCase(name) || Exchange.HTTP_PATH.equalsIgnoreCase(name)
                || Exchange.HTTP_QUERY.equalsIgnoreCase(name);
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
