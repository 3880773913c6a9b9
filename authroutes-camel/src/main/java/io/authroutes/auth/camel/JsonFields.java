package io.authroutes.auth.camel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Reads fields of a provider's JSON answer by a dotted path, matching names case-insensitively:
 * Mobile SMARTS documents {@code Access_token} while newer servers answer {@code access_token}.
 */
final class JsonFields {

    private JsonFields() {
    }

    static Optional<JsonNode> find(JsonNode root, String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            node = field(node, name);
            if (node == null) {
                return Optional.empty();
            }
        }
        return node.isNull() || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    static Optional<String> text(JsonNode root, String path) {
        return find(root, path).filter(JsonNode::isValueNode).map(JsonNode::asText).filter(s -> !s.isBlank());
    }

    /** A string, or a list of strings joined (ZONT's {@code error_ui} comes both ways). */
    static Optional<String> message(JsonNode root, String path) {
        return find(root, path).map(node -> node.isArray()
                ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining("; "))
                : node.asText()).filter(s -> !s.isBlank());
    }

    /** The top-level field names, to say what an answer did contain when a field is missing. */
    static String names(JsonNode root) {
        return StreamSupport.stream(((Iterable<String>) root::fieldNames).spliterator(), false)
                .collect(Collectors.joining(", "));
    }

    private static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
