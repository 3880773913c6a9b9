package io.authroutes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Talks to Hawtio's Jolokia endpoint as the Hawtio UI does: JSON requests by POST. */
public final class JolokiaClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final String authorization;

    private JolokiaClient(URI endpoint, String authorization) {
        this.endpoint = endpoint;
        this.authorization = authorization;
    }

    /** {@code hawtio}: the console's address, e.g. http://127.0.0.1:8180/hawtio/ */
    public static JolokiaClient at(URI hawtio) {
        return new JolokiaClient(hawtio.resolve("jolokia/"), null);
    }

    public JolokiaClient as(String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new JolokiaClient(endpoint, "Basic " + basic);
    }

    public JsonNode read(String mbean) {
        return value(send(Map.of("type", "read", "mbean", mbean)));
    }

    public long readLong(String mbean, String attribute) {
        return value(send(Map.of("type", "read", "mbean", mbean, "attribute", attribute))).asLong();
    }

    public String readText(String mbean, String attribute) {
        return value(send(Map.of("type", "read", "mbean", mbean, "attribute", attribute))).asText();
    }

    public JsonNode exec(String mbean, String operation) {
        return value(send(Map.of("type", "exec", "mbean", mbean, "operation", operation)));
    }

    /** The whole answer, errors included: {@code status} 200, or 403 for what the policy refuses. */
    public JsonNode send(Map<String, Object> request) {
        HttpResponse<String> response = post(request);
        if (response.statusCode() != 200) {
            throw new AssertionError("Jolokia answered HTTP " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> post(Map<String, Object> request) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)));
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode value(JsonNode answer) {
        if (answer.path("status").asInt() != 200) {
            throw new AssertionError("Jolokia refused: " + answer);
        }
        return answer.get("value");
    }
}
