package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenRejectedException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * One call to the provider: token in, response out. A rejected token is reported to the provider's
 * lifecycle (which drops it only if it is still the cached one) and the call is sent again, at most
 * {@code maxReauthAttempts} times, with the request exactly as it came in.
 */
final class CallProducer extends DefaultProducer {

    /** How many re-authentications this exchange's current call has used; visible in message history. */
    static final String REAUTH_ATTEMPTS = "AuthroutesReauthAttempts";
    /** Headers that could send the call, and the token, somewhere other than the provider's baseUrl. */
    private static final Set<String> REDIRECTING_HEADERS = Set.of(Exchange.HTTP_URI, Exchange.HTTP_URL);

    private final CallEndpoint endpoint;
    private final Set<Integer> reauthStatuses;
    private AsyncProcessor http;

    CallProducer(CallEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.reauthStatuses = endpoint.reauthStatuses();
    }

    @Override
    protected void doStart() throws Exception {
        ProviderAuth auth = endpoint.auth();
        String base = auth.settings().baseUrl().toString();
        // redirects are not followed: a token is only ever sent to its provider's host (design, "Security")
        Endpoint upstream = getEndpoint().getCamelContext().getEndpoint(base + (base.contains("?") ? "&" : "?")
                + "throwExceptionOnFailure=false&followRedirects=false");
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
        dropInboundCredentials(exchange.getMessage());
        Request request = Request.of(exchange);
        long started = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            exchange.setProperty(REAUTH_ATTEMPTS, attempt);
            Token token = auth.token();
            // each attempt sends a copy of the untouched request: the HTTP producer answers into a new
            // message, and the request as the flow sent it is what a retry must send again
            Exchange call = request.attempt(exchange);
            call.getMessage().setHeader(endpoint.getHeader(), endpoint.headerValue(token.value()));
            try {
                http.process(call);
            } finally {
                call.getIn().removeHeader(endpoint.getHeader());
                call.getMessage().removeHeader(endpoint.getHeader());
            }
            int status = call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            if (call.getException() != null || !reauthStatuses.contains(status)) {
                ExchangeHelper.copyResults(exchange, call);
                if (call.getException() == null) {
                    auth.callAccepted(Duration.ofNanos(System.nanoTime() - started));
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

    private void dropInboundCredentials(Message message) {
        message.removeHeader("Authorization");
        message.removeHeader("Proxy-Authorization");
        endpoint.getComponent().authHeaders().forEach(message::removeHeader);
        REDIRECTING_HEADERS.forEach(message::removeHeader);
    }

    private static TokenRejectedException exhausted(ProviderAuth auth, Request request, int status, int reauths) {
        String key = ProviderProperties.PREFIX + auth.providerId() + ".maxReauthAttempts";
        String what = request.describe();
        String message = reauths == 0
                ? "the API answered HTTP " + status + " to " + what + " and " + key + "=0 allows no new token; raise it to retry"
                : "the API answered HTTP " + status + " to " + what + " again with a freshly obtained token ("
                  + reauths + " re-authentication" + (reauths == 1 ? "" : "s") + "); check that the account may make"
                  + " this call, or raise " + key;
        return new TokenRejectedException(auth.providerId(), status, message);
    }

    /** The request as it came in, so a retry sends the very same headers and body. */
    private record Request(Map<String, Object> headers, Object body) {

        static Request of(Exchange exchange) {
            Message message = exchange.getMessage();
            Object body = message.getBody();
            if (body instanceof InputStream && !(body instanceof StreamCache)) {
                // a plain stream can be read once; keep the bytes for a retry
                body = message.getBody(byte[].class);
                message.setBody(body);
            }
            return new Request(Map.copyOf(message.getHeaders()), body);
        }

        Exchange attempt(Exchange exchange) {
            if (body instanceof StreamCache cache) {
                cache.reset();
            }
            return exchange.copy();
        }

        String describe() {
            Object method = headers.getOrDefault(Exchange.HTTP_METHOD, body == null ? "GET" : "POST");
            Object path = headers.getOrDefault(Exchange.HTTP_PATH, "/");
            return method + " " + path;
        }
    }
}
