package io.authroutes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One request to a simulator: path below the simulator's mount point, decoded query and form fields. */
record SimRequest(String method, String path, Map<String, String> query, HttpExchange exchange, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SimRequest read(HttpExchange exchange, String mount) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(mount.length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new SimRequest(exchange.getRequestMethod(), path.isEmpty() ? "/" : path,
                decode(exchange.getRequestURI().getRawQuery()), exchange, body);
    }

    String header(String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    /** The token of {@code Authorization: <scheme> <token>}, or empty text. */
    String authorization(String scheme) {
        String value = header("Authorization");
        return value.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1) ? value.substring(scheme.length() + 1).trim() : "";
    }

    Map<String, String> form() {
        return decode(body);
    }

    JsonNode json() {
        try {
            return JSON.readTree(body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }
}
