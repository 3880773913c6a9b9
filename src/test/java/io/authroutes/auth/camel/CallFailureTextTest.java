package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.UpstreamCallException;
import java.io.IOException;
import java.net.URISyntaxException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * A failed attempt reaches the flow, its log and its error handler; when the HTTP client's failure
 * quotes the URI, a key sent as a query parameter would go with it. Such a failure reaches the flow
 * typed, with the key masked raw and URL-encoded; any other failure reaches it as it was.
 */
class CallFailureTextTest {

    private static final String KEY = "k3y/v4lue+c5d7e6";

    private final OutboundRequest request = request("/items");

    @Test
    void failureQuotingTheUriWithTheKeyReachesTheFlowTypedWithTheKeyMasked() {
        Exception quoted = new IOException("request failed", new URISyntaxException(
                "http://127.0.0.1:9/key/items?q=a&api_key=k3y%2Fv4lue%2Bc5d7e6", "Illegal character in path", 31));

        Exception seen = request.withoutCredential("shop", quoted, KEY);

        assertThat(seen).isInstanceOf(UpstreamCallException.class).hasNoCause()
                .hasMessage("shop: GET /items failed before an answer came back: java.io.IOException: request failed;"
                        + " caused by java.net.URISyntaxException: Illegal character in path at index 31:"
                        + " http://127.0.0.1:9/key/items?q=a&api_key=***");
    }

    @Test
    void failureQuotingTheRawKeyReachesTheFlowTypedWithTheKeyMasked() {
        Exception seen = request.withoutCredential("shop", new IllegalStateException("bad header value " + KEY), KEY);

        assertThat(seen).isInstanceOf(UpstreamCallException.class).hasMessageNotContaining(KEY).hasMessageEndingWith("bad header value ***");
    }

    @Test
    void failureWithoutTheKeyReachesTheFlowAsItWas() {
        Exception refused = new java.net.ConnectException("Connection refused");

        assertThat(request.withoutCredential("shop", refused, KEY)).isSameAs(refused);
    }

    @Test
    void queryAUriCanHoldIsSentAsItIs() {
        String query = "a=1&b=x%2Fy&c=-._~!$'()*+,;=:@/?";

        assertThat(OutboundRequest.encoded(query)).isSameAs(query);
    }

    private static OutboundRequest request(String path) {
        Exchange flow = new DefaultExchange(new DefaultCamelContext());
        flow.getMessage().setHeader(Exchange.HTTP_PATH, path);
        return OutboundRequest.of(flow, new CredentialHeaders());
    }
}
