package io.authroutes.auth.camel;

import io.authroutes.auth.Token;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A token as a call step sends it, prepared once per token (its header value with the prefix, or its
 * encoded query pair) and applied to the request of every call and attempt that carries that token.
 */
interface SentToken {

    /** The token this was prepared for: a call that gets another token prepares it anew. */
    Token token();

    void applyTo(Message request);

    /** {@code name: value}, e.g. {@code Authorization: Bearer <token>} (RFC 6750 section 2.1). */
    static SentToken inHeader(Token token, String name, String value) {
        return new InHeader(token, name, value);
    }

    /** {@code parameter=value} appended to the request's query (RFC 6750 section 2.3 names the risks). */
    static SentToken inQuery(Token token, String parameter, String value) {
        return new InQuery(token, URLEncoder.encode(parameter, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    record InHeader(Token token, String name, String value) implements SentToken {

        @Override
        public void applyTo(Message request) {
            request.setHeader(name, value);
        }

        @Override
        public String toString() {
            return "token " + token.fingerprint() + " in header " + name;
        }
    }

    record InQuery(Token token, String pair) implements SentToken {

        @Override
        public void applyTo(Message request) {
            String query = request.getHeader(Exchange.HTTP_QUERY, String.class);
            request.setHeader(Exchange.HTTP_QUERY, query == null || query.isBlank() ? pair : query + "&" + pair);
        }

        @Override
        public String toString() {
            return "token " + token.fingerprint() + " in the query";
        }
    }
}
