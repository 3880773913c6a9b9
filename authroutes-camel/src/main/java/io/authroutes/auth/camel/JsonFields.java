package io.authroutes.auth.camel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads fields of a provider's JSON answer ({@link JsonText}'s values) by a dotted path, matching names
 * case-insensitively: Mobile SMARTS documents {@code Access_token} while newer servers answer {@code access_token}.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The value at {@code path}; empty when a field on the way is missing or the value is null. */
    static Optional<Object> find(Object root, String path) {
        Object node = root;
        for (String name : path.split("\\.")) {
            node = field(node, name);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    static Optional<String> text(Object root, String path) {
        return find(root, path).filter(JsonFields::isScalar).map(JsonFields::text).filter(s -> !s.isBlank());
    }

    /** A string, or a list of strings joined (ZONT's {@code error_ui} comes both ways). */
    static Optional<String> message(Object root, String path) {
        return find(root, path).map(node -> node instanceof List<?> items
                ? items.stream().map(JsonFields::text).collect(Collectors.joining("; "))
                : text(node)).filter(s -> !s.isBlank());
    }

    /** Whether a value says yes: {@code true}, the text {@code "true"}, or a number other than zero. */
    static boolean isTrue(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof JsonText.Number number) {
            return !number.literal().matches("-?[0.]+([eE].*)?");
        }
        return value instanceof String text && text.trim().equals("true");
    }

    /** The top-level field names, to say what an answer did contain when a field is missing. */
    static String names(Map<?, ?> root) {
        return root.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** A value as text; an object or a list has none, a null is {@code null}. */
    static String text(Object value) {
        return isScalar(value) ? String.valueOf(value) : "";
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    private static Object field(Object node, String name) {
        if (!(node instanceof Map<?, ?> fields)) {
            return null;
        }
        Object exact = fields.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<?, ?> entry : fields.entrySet()) {
            if (String.valueOf(entry.getKey()).equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
