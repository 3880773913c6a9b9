package io.authroutes.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a simulator answers: a status and a JSON body (none for 204). */
record SimReply(int status, String json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SimReply json(int status, Object body) {
        try {
            return new SimReply(status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("simulator answers are plain maps and lists", e);
        }
    }

    static SimReply empty(int status) {
        return new SimReply(status, null);
    }

    static SimReply notFound() {
        return json(404, java.util.Map.of("error", "not_found"));
    }
}
