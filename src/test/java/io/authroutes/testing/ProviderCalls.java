package io.authroutes.testing;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.camel.AuthroutesComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Calls {@code direct:<id>} as a flow would, and reads the provider's auth state. */
public final class ProviderCalls {

    private final CamelContext context;
    private final ProducerTemplate template;

    public ProviderCalls(CamelContext context) {
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    public Exchange call(String providerId, String method, String path, String body) {
        return template.send("direct:" + providerId, e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            e.getMessage().setHeader(Exchange.HTTP_PATH, path);
            e.getMessage().setHeader("Authorization", "Bearer smuggled-in-by-the-flow");
            if (body != null) {
                e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                e.getMessage().setBody(body);
            }
        });
    }

    public static int status(Exchange exchange) {
        if (exchange.getException() != null) {
            throw new AssertionError("call failed: " + exchange.getException().getMessage(), exchange.getException());
        }
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    public ProviderAuth auth(String providerId) {
        return AuthroutesComponent.of(context).provider(providerId);
    }
}
