package io.authroutes.auth.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Redactor;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenEndpointUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies and maps a token endpoint's answer. 2xx with a token is a token; 4xx or an {@code ok:false}
 * body is a refusal that retrying cannot mend; 5xx, 408 and 429 are worth retrying (design, "Token
 * lifecycle rules"). The request headers, credentials among them, are removed from the message here.
 */
final class TokenAnswerProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(TokenAnswerProducer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenAnswerEndpoint endpoint;

    TokenAnswerProducer(TokenAnswerEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String id = endpoint.getProvider();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Optional<JsonNode> answer = json(message.getBody(String.class));
        message.removeHeaders("*");
        message.setBody(null);
        if (status == 0) {
            throw new ProviderConfigurationException(id, "authroutes:token found no HTTP answer; put it right after"
                    + " the call to the token endpoint in the provider's token route");
        }
        Redactor redactor = endpoint.getComponent().redactor(id);
        String reason = redactor.redact(reason(answer));
        if (status >= 500 || status == 408 || status == 429) {
            throw new TokenEndpointUnavailableException(id, "the token endpoint answered HTTP " + status + reason, null);
        }
        if (status >= 400 || refused(answer)) {
            throw new CredentialsRejectedException(id, status, "the token endpoint refused the request (HTTP "
                    + status + reason + ")" + whatToCheck(id));
        }
        if (status >= 300) {
            throw new ProviderConfigurationException(id, "the token endpoint answered HTTP " + status
                    + " (a redirect); point the token URL at the final address");
        }
        JsonNode body = answer.orElseThrow(() -> new TokenEndpointUnavailableException(id,
                "the token endpoint answered HTTP " + status + " without a JSON body", null));
        message.setBody(token(id, body, sentAt(exchange)));
    }

    private Token token(String id, JsonNode body, Instant sentAt) {
        String value = JsonFields.text(body, endpoint.getToken()).orElseThrow(() -> new ProviderConfigurationException(id,
                "the token answer has no '" + endpoint.getToken() + "' field (it has: " + JsonFields.names(body)
                        + "); set token=<field> on the authroutes:token step of this provider's route"));
        String refresh = JsonFields.text(body, endpoint.getRefreshToken()).orElse(null);
        return new Token(value, sentAt, expiry(id, body, sentAt), refresh, Map.of());
    }

    private Instant expiry(String id, JsonNode body, Instant sentAt) {
        Optional<Long> seconds = JsonFields.text(body, endpoint.getExpiresIn()).flatMap(TokenAnswerProducer::seconds);
        if (seconds.isPresent()) {
            return sentAt.plusSeconds(seconds.get());
        }
        Duration documented = endpoint.documentedLifetime();
        if (endpoint.getExpiresAt() != null) {
            Optional<JsonNode> raw = JsonFields.find(body, endpoint.getExpiresAt());
            Optional<Instant> at = raw.flatMap(v -> ExpiryDates.parse(v, endpoint.zone()));
            if (at.isPresent()) {
                return at.get();
            }
            LOG.warn("{}: cannot read '{}' = '{}' as a date; assuming the documented lifetime {}", id,
                    endpoint.getExpiresAt(), raw.map(JsonNode::asText).orElse(""), documented);
        }
        return documented == null ? null : sentAt.plus(documented);
    }

    private static Optional<Long> seconds(String text) {
        try {
            return Optional.of((long) Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean refused(Optional<JsonNode> answer) {
        return endpoint.getOk() != null && answer.flatMap(a -> JsonFields.find(a, endpoint.getOk()))
                .map(ok -> !ok.asBoolean(false)).orElse(false);
    }

    private String reason(Optional<JsonNode> answer) {
        Optional<String> code = answer.flatMap(a -> JsonFields.text(a, endpoint.getError()));
        Optional<String> text = answer.flatMap(a -> JsonFields.message(a, endpoint.getErrorText()));
        String joined = Arrays.stream(new Optional<?>[] {code, text}).flatMap(Optional::stream)
                .map(Object::toString).collect(Collectors.joining(": "));
        return joined.isEmpty() ? "" : ", " + joined;
    }

    private String whatToCheck(String id) {
        String keys = Arrays.stream(endpoint.getCredentials().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(option -> ProviderProperties.PREFIX + id + "." + option).collect(Collectors.joining(" and "));
        return keys.isEmpty() ? "" : "; check " + keys;
    }

    private Instant sentAt(Exchange exchange) {
        Instant sentAt = exchange.getProperty(RouteTokenEndpoint.SENT_AT, Instant.class);
        return sentAt != null ? sentAt : endpoint.getComponent().clock().instant();
    }

    private static Optional<JsonNode> json(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
