package io.authroutes.auth.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Redactor;
import io.authroutes.auth.Token;
import io.authroutes.auth.ProviderAuthException;
import io.authroutes.auth.UnusableTokenAnswerException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Classifies and maps a token endpoint's answer: statuses as {@link HttpAnswers} reads them; a 2xx
 * with an {@code ok:false} body is a refusal; a 2xx without a JSON object or the token field is an
 * unusable answer. The request headers, credentials among them, are removed from the message here.
 */
final class TokenAnswerProducer extends DefaultProducer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthroutesEndpoint endpoint;
    private final TokenAnswerStep step;

    TokenAnswerProducer(AuthroutesEndpoint endpoint, TokenAnswerStep step) {
        super(endpoint);
        this.endpoint = endpoint;
        this.step = step;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String id = endpoint.getProvider();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Object retryAfter = message.getHeader("Retry-After");
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "none", String.class);
        Optional<JsonNode> answer = json(message.getBody(String.class));
        message.removeHeaders("*");
        message.setBody(null);
        if (status == 0) {
            throw new ProviderConfigurationException(id, "authroutes:token found no HTTP answer; put it right after"
                    + " the call to the token endpoint in the provider's token route");
        }
        Redactor redactor = endpoint.getComponent().redactor(id);
        String reason = redactor.redact(reason(answer));
        Instant sentAt = sentAt(exchange);
        Optional<ProviderAuthException> failure = HttpAnswers.tokenAnswerFailure(id, status, reason,
                HttpAnswers.retryAfter(retryAfter, sentAt), whatToCheck(id));
        if (failure.isPresent()) {
            throw failure.get();
        }
        if (refused(answer)) {
            throw new CredentialsRejectedException(id, status, "the token endpoint refused the request (HTTP "
                    + status + reason + ")" + whatToCheck(id));
        }
        JsonNode body = answer.filter(JsonNode::isObject).orElseThrow(() -> new UnusableTokenAnswerException(id,
                "the token endpoint answered HTTP " + status + " with a body that is not a JSON object (content type "
                        + contentType + "); check that " + ProviderProperties.PREFIX + id + ".tokenUrl (or baseUrl) is the token endpoint"));
        message.setBody(token(id, body, sentAt));
    }

    private Token token(String id, JsonNode body, Instant sentAt) {
        String value = JsonFields.text(body, step.getToken()).filter(v -> !v.isBlank()).orElseThrow(() ->
                new UnusableTokenAnswerException(id, "the token answer has no '" + step.getToken() + "' field (it has: "
                        + JsonFields.names(body) + "); if the provider names it differently, set token=<field> on the"
                        + " authroutes:token step of this provider's route in routes/auth"));
        String refresh = JsonFields.text(body, step.getRefreshToken()).orElse(null);
        return new Token(value, sentAt, step.expiry().of(id, body, sentAt), refresh, Map.of());
    }

    private boolean refused(Optional<JsonNode> answer) {
        return step.getOk() != null && answer.flatMap(a -> JsonFields.find(a, step.getOk()))
                .map(ok -> !ok.asBoolean(false)).orElse(false);
    }

    private String reason(Optional<JsonNode> answer) {
        Optional<String> code = answer.flatMap(a -> JsonFields.text(a, step.getError()));
        Optional<String> text = answer.flatMap(a -> JsonFields.message(a, step.getErrorText()));
        String joined = Arrays.stream(new Optional<?>[] {code, text}).flatMap(Optional::stream)
                .map(Object::toString).collect(Collectors.joining(": "));
        return joined.isEmpty() ? "" : ", " + joined;
    }

    private String whatToCheck(String id) {
        String keys = Arrays.stream(step.getCredentials().split(",")).map(String::trim).filter(s -> !s.isEmpty())
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
