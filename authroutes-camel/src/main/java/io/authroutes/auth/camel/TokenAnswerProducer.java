package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Redactor;
import io.authroutes.auth.Token;
import io.authroutes.auth.ProviderAuthException;
import io.authroutes.auth.UnusableTokenAnswerException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Classifies and maps a token endpoint's answer: statuses as {@link HttpAnswers} reads them; a 2xx
 * with an {@code ok:false} body is a refusal; a 2xx without the token where the step says it is, or
 * with an expiry that cannot be read, is an unusable answer, which carries the session it opened (when
 * its value could be read) so the engine can log it out. The request headers, credentials among them,
 * are removed from the message here.
 */
final class TokenAnswerProducer extends DefaultProducer {

    private final AuthroutesEndpoint endpoint;
    private final TokenAnswerStep step;
    private final AnswerSource tokenSource;
    private final Optional<AnswerSource> refreshSource;
    private final Map<String, AnswerSource> valueSources;

    TokenAnswerProducer(AuthroutesEndpoint endpoint, TokenAnswerStep step) {
        super(endpoint);
        this.endpoint = endpoint;
        this.step = step;
        this.tokenSource = AnswerSource.parse(step.getToken());
        this.refreshSource = step.source(step.getRefreshToken());
        this.valueSources = step.values();
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String id = endpoint.getProvider();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Object retryAfter = message.getHeader("Retry-After");
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "none", String.class);
        TokenAnswer answer = TokenAnswer.of(message);
        message.removeHeaders("*");
        message.setBody(null);
        if (status == 0) {
            throw new ProviderConfigurationException(id, "authroutes:token found no HTTP answer; put it right after"
                    + " the call to the token endpoint in the provider's token route");
        }
        Redactor redactor = endpoint.getComponent().redactor(id);
        String reason = redactor.redact(reason(answer.json()));
        Instant sentAt = sentAt(exchange);
        Optional<ProviderAuthException> failure = HttpAnswers.tokenAnswerFailure(id, status, reason,
                HttpAnswers.retryAfter(retryAfter, sentAt), whatToCheck(id));
        if (failure.isPresent()) {
            throw failure.get();
        }
        if (refused(answer.json())) {
            throw new CredentialsRejectedException(id, status, "the token endpoint refused the request (HTTP "
                    + status + reason + ")" + whatToCheck(id));
        }
        message.setBody(token(id, answer, status, contentType, sentAt, redactor));
    }

    private Token token(String id, TokenAnswer answer, int status, String contentType, Instant sentAt, Redactor redactor) {
        String value = answer.text(tokenSource).orElseThrow(() -> UnusableTokenAnswerException.ofSuccessfulAnswer(id,
                missing(id, answer, status, contentType), null));
        Map<String, String> values = new LinkedHashMap<>();
        valueSources.forEach((name, source) -> answer.text(source).ifPresent(v -> values.put(name, v)));
        String refresh = refreshSource.flatMap(answer::text).orElse(null);
        Token session = new Token(value, sentAt, null, refresh, values);
        try {
            return new Token(value, sentAt, step.expiry().of(id, answer, sentAt), refresh, values);
        } catch (UnusableTokenAnswerException unreadable) {
            // an expiry option pointed at the token, or at a credential header of the request, must not quote it
            throw UnusableTokenAnswerException.ofSuccessfulAnswer(id,
                    redactor.redact(unreadable.reason().replace(value, "(the token)")), session);
        }
    }

    private String missing(String id, TokenAnswer answer, int status, String contentType) {
        if (tokenSource.place() == AnswerSource.Place.JSON && answer.json().filter(Map.class::isInstance).isEmpty()) {
            return "the token endpoint answered HTTP " + status + " with a body that is not a JSON object (content type "
                    + contentType + "; the answer has " + answer.contents() + "); check that " + ProviderProperties.PREFIX + id
                    + ".tokenUrl (or baseUrl) is the token endpoint, or set token=header:<Name>, cookie:<name> or body on"
                    + " the authroutes:token step if the token is not in a JSON body";
        }
        String where = tokenSource.place() == AnswerSource.Place.BODY ? "body that is one bare token" : tokenSource.describe();
        return "the token answer has no " + where + " (it has " + answer.contents() + "); if the provider puts it"
                + " elsewhere, set token=<field>, token=header:<Name>, token=cookie:<name> or token=body on the"
                + " authroutes:token step of this provider's route in routes/auth";
    }

    private boolean refused(Optional<Object> answer) {
        return step.getOk() != null && answer.flatMap(a -> JsonFields.find(a, step.getOk()))
                .map(ok -> !JsonFields.isTrue(ok)).orElse(false);
    }

    /** The provider's error code and text, each when configured and present, a text equal to the code once. */
    private String reason(Optional<Object> answer) {
        Optional<String> code = step.source(step.getError()).flatMap(s -> answer.flatMap(a -> JsonFields.text(a, s.name())));
        Optional<String> text = step.source(step.getErrorText()).flatMap(s -> answer.flatMap(a -> JsonFields.message(a, s.name())));
        String joined = Stream.concat(code.stream(), text.stream()).distinct().collect(Collectors.joining(": "));
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
}
