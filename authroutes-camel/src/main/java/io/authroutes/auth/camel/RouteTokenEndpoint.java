package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderAuthException;
import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenEndpoint;
import io.authroutes.auth.TokenEndpointUnavailableException;
import io.authroutes.auth.TokenOperation;
import io.authroutes.auth.UnusableTokenAnswerException;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;

/**
 * A provider's token endpoint as its YAML routes describe it: operation {@code op} is the route
 * {@code <id>.<op>}, so Hawtio shows every acquisition, refresh, extension and revocation as an exchange
 * of that route. A provider offers an operation exactly when its route exists.
 */
final class RouteTokenEndpoint implements TokenEndpoint {

    /** When the token request was sent: {@code expires_in} counts from here (RFC 6749 section 5.1). */
    static final String SENT_AT = "AuthroutesTokenRequestedAt";
    /** The token being refreshed, extended or revoked. */
    static final String CURRENT = "AuthroutesCurrentToken";

    private final CamelContext context;
    private final String providerId;
    private final Clock clock;
    private ProducerTemplate template;

    RouteTokenEndpoint(CamelContext context, String providerId, Clock clock) {
        this.context = context;
        this.providerId = providerId;
        this.clock = clock;
    }

    static String routeId(String providerId, TokenOperation operation) {
        return providerId + "." + operation.route();
    }

    @Override
    public boolean supports(TokenOperation operation) {
        return route(operation) != null;
    }

    @Override
    public Token request(TokenOperation operation, Optional<Token> current) {
        Route route = route(operation);
        if (route == null) {
            throw new ProviderConfigurationException(providerId, "there is no route " + routeId(providerId, operation)
                    + "; its provider YAML needs a route template <kind>." + operation.route());
        }
        Exchange exchange = template().send(route.getEndpoint(), e -> {
            e.setProperty(SENT_AT, clock.instant());
            current.ifPresent(token -> e.setProperty(CURRENT, token));
        });
        if (exchange.getException() != null) {
            throw classify(exchange.getException());
        }
        if (operation == TokenOperation.REVOKE) {
            return current.orElseThrow();
        }
        Token token = exchange.getMessage().getBody(Token.class);
        if (token == null) {
            throw new ProviderConfigurationException(providerId, "route " + route.getRouteId()
                    + " ended without a token; its last step must be authroutes:token");
        }
        return token;
    }

    private ProviderAuthException classify(Exception failure) {
        if (failure instanceof ProviderAuthException known) {
            return known;
        }
        HttpOperationFailedException http = ObjectHelper.getException(HttpOperationFailedException.class, failure);
        if (http != null) {
            return HttpAnswers.tokenAnswerFailure(providerId, http.getStatusCode(), "",
                    HttpAnswers.retryAfter(http.getResponseHeaders().get("Retry-After"), clock.instant()), "")
                    .orElseGet(() -> new UnusableTokenAnswerException(providerId, "the token endpoint answered HTTP "
                            + http.getStatusCode() + ", which the token route treated as a failure"));
        }
        IOException io = ObjectHelper.getException(IOException.class, failure);
        Throwable reported = io != null ? io : failure;
        // the class and message of a connection failure name host and port, never a credential
        return new TokenEndpointUnavailableException(providerId, "the token endpoint could not be reached ("
                + reported.getClass().getSimpleName() + ": " + reported.getMessage() + ")", failure);
    }

    private Route route(TokenOperation operation) {
        return context.getRoute(routeId(providerId, operation));
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }
}
