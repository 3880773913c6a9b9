package io.authroutes.auth.camel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.camel.Message;


/**
 * A token endpoint's answer as {@code authroutes:token} reads it: the body (as JSON when it is JSON,
 * and as text), the response headers and the cookies it sets. Taken off the message once, before the
 * message's headers, credentials among them, are removed.
 */
final class TokenAnswer {

    private final String body;
    private final Optional<Object> json;
    private final Map<String, String> headers;
    private final Map<String, SetCookie> cookies;

    private TokenAnswer(String body, Map<String, String> headers, Map<String, SetCookie> cookies) {
        this.body = body == null ? "" : body;
        this.json = json(this.body);
        this.headers = headers;
        this.cookies = cookies;
    }

    static TokenAnswer of(Message message) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, SetCookie> cookies = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.regionMatches(true, 0, "Camel", 0, 5) || value == null) {
                return;
            }
            List<String> values = values(value);
            if (name.equalsIgnoreCase("Set-Cookie")) {
                values.forEach(header -> SetCookie.parse(header).ifPresent(cookie -> cookies.put(cookie.name(), cookie)));
            } else if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return new TokenAnswer(message.getBody(String.class), headers, cookies);
    }

    Optional<Object> json() {
        return json;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    Optional<SetCookie> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** The value at {@code source}, or empty when the answer has none there. */
    Optional<String> text(AnswerSource source) {
        return switch (source.place()) {
            case JSON -> json.flatMap(root -> JsonFields.text(root, source.name()));
            case HEADER -> header(source.name());
            case COOKIE -> cookie(source.name()).map(SetCookie::value).filter(v -> !v.isBlank());
            case BODY -> bareToken();
        };
    }

    /**
     * What the answer holds, by name only (never a value), to say where else the token might be:
     * JSON fields, response headers and cookies.
     */
    String contents() {
        List<String> parts = new ArrayList<>();
        json.filter(Map.class::isInstance).map(root -> JsonFields.names((Map<?, ?>) root)).filter(n -> !n.isEmpty())
                .ifPresent(n -> parts.add("fields " + n));
        if (!headers.isEmpty()) {
            parts.add("headers " + String.join(", ", headers.keySet()));
        }
        if (!cookies.isEmpty()) {
            parts.add("cookies " + String.join(", ", cookies.keySet()));
        }
        if (json.isEmpty() && !body.isBlank()) {
            parts.add("a body that is not JSON");
        }
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }

    /** The whole body as one token: a bare string (or a JSON string), not a page or an object. */
    private Optional<String> bareToken() {
        String text = json.filter(String.class::isInstance).map(String.class::cast).orElse(body).trim();
        return text.isEmpty() || text.chars().anyMatch(Character::isWhitespace) || "<{[".indexOf(text.charAt(0)) >= 0
                ? Optional.empty() : Optional.of(text);
    }

    private static List<String> values(Object value) {
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).collect(Collectors.toList());
        }
        return List.of(String.valueOf(value));
    }

    private static Optional<Object> json(String body) {
        return body.isBlank() ? Optional.empty() : JsonText.read(body);
    }

}
