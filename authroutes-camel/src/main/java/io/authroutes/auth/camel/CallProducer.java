package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenRejectedException;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * One call to the provider: token in, response out. A rejected token is reported to the provider's
 * lifecycle (which drops it only if it is still the cached one) and the call is sent again, at most
 * {@code maxReauthAttempts} times, with the request exactly as it came in. What is sent is decided by
 * {@link OutboundRequest}; it always goes to the provider's baseUrl.
 */
final class CallProducer extends DefaultProducer {

    /** How many re-authentications this exchange's current call has used; visible in message history. */
    static final String REAUTH_ATTEMPTS = "AuthroutesReauthAttempts";

    private final AuthroutesEndpoint endpoint;
    private final CallStep step;
    private final Set<Integer> reauthStatuses;
    private final CredentialHeaders credentials;
    private final Pattern reauthBody;
    private final TokenPlacements placements;
    private Endpoint upstream;
    private AsyncProcessor http;

    CallProducer(AuthroutesEndpoint endpoint, CallStep step, TokenPlacements placements) {
        super(endpoint);
        this.endpoint = endpoint;
        this.step = step;
        this.reauthStatuses = step.reauthStatuses();
        this.credentials = endpoint.getComponent().credentialHeaders();
        this.reauthBody = step.reauthBodyPattern();
        this.placements = placements;
    }

    @Override
    protected void doStart() throws Exception {
        ProviderAuth auth = endpoint.auth();
        String base = auth.settings().baseUrl().toString();
        // redirects are not followed: a token is only ever sent to its provider's host (design, "Security");
        // copyHeaders=false: the answer carries the response's headers only, never the request's
        upstream = getEndpoint().getCamelContext().getEndpoint(base + (base.contains("?") ? "&" : "?")
                + "throwExceptionOnFailure=false&followRedirects=false&copyHeaders=false");
        http = upstream.createAsyncProducer();
        ServiceHelper.startService(http);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(http);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ProviderAuth auth = endpoint.auth();
        OutboundRequest request = OutboundRequest.of(exchange, credentials);
        long started = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            exchange.setProperty(REAUTH_ATTEMPTS, attempt);
            Token token = auth.tokenForCall();
            Exchange call;
            try {
                call = request.attempt(upstream, step.providerHeaderValues(), placements.of(token));
                http.process(call);
            } finally {
                auth.callEnded(token);
            }
            if (call.getException() != null) {
                call.setException(request.withoutCredential(auth.providerId(), call.getException(), token.value()));
            }
            int status = call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            if (call.getException() != null || !reauthStatuses.contains(status) && !sessionGoneByBody(call.getMessage())) {
                OutboundRequest.answer(exchange, call);
                if (call.getException() == null) {
                    auth.callAccepted(token, Duration.ofNanos(System.nanoTime() - started));
                } else {
                    auth.callCompleted(Duration.ofNanos(System.nanoTime() - started));
                }
                return;
            }
            auth.rejected(token, status);
            if (attempt >= auth.settings().maxReauthAttempts()) {
                auth.callCompleted(Duration.ofNanos(System.nanoTime() - started));
                throw exhausted(auth, request, status, attempt);
            }
        }
    }

    /** The answer's body says the session is gone (reauthOnBody); the body stays readable for the flow. */
    private boolean sessionGoneByBody(Message response) {
        if (reauthBody == null) {
            return false;
        }
        String body = response.getBody(String.class);
        response.setBody(body);
        return body != null && reauthBody.matcher(body).find();
    }

    private static TokenRejectedException exhausted(ProviderAuth auth, OutboundRequest request, int status, int reauths) {
        String key = ProviderProperties.PREFIX + auth.providerId() + ".maxReauthAttempts";
        String what = request.describe();
        String message = reauths == 0
                ? "the API answered HTTP " + status + " to " + what + " and " + key + "=0 allows no new token; raise it to retry"
                : "the API answered HTTP " + status + " to " + what + " again with a freshly obtained token ("
                  + reauths + " re-authentication" + (reauths == 1 ? "" : "s") + "); check that the account may make"
                  + " this call, or raise " + key;
        return new TokenRejectedException(auth.providerId(), status, message);
    }
}
