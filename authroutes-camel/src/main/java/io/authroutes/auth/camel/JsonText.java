package io.authroutes.auth.camel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON read into plain values ({@code Map}, {@code List}, {@code String}, {@link Number}, {@code Boolean},
 * {@code null}) and written from them, with jackson-core's streaming parser and generator: about 60 of
 * Jackson's classes where an {@code ObjectMapper} and its tree load about 430. Jackson is loaded when a
 * provider's first JSON answer or JSON request is handled, not at start, and never when none is.
 */
final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** A JSON number as the answer wrote it ({@code 3600}, {@code 1733320000.5}), so no digit is lost or reformatted. */
    record Number(String literal) {
        @Override
        public String toString() {
            return literal;
        }
    }

    private JsonText() {
    }

    /**
     * The JSON value {@code text} begins with (anything after it is not read, as Jackson's tree reader does),
     * or empty when it does not begin with one.
     */
    static Optional<Object> read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parser.nextToken() == null ? Optional.empty() : Optional.ofNullable(value(parser));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A JSON object of the given fields in their order: booleans as JSON booleans, anything else as a string. */
    static String object(Map<String, Object> fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if (field.getValue() instanceof Boolean flag) {
                    json.writeBooleanField(field.getKey(), flag);
                } else {
                    json.writeStringField(field.getKey(), String.valueOf(field.getValue()));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            // a StringWriter does not fail; the generator declares it all the same
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonParseException(parser, "the JSON text ends inside a value");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    fields.put(name, value(parser));
                }
                yield fields;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser));
                }
                yield items;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Number(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }
}
