package io.authroutes.auth.camel;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Start-up step that makes {@code http:} and {@code https:} one {@link ProviderHttpComponent}, before
 * Camel applies the {@code camel.component.http.*} settings and before any route reaches a provider.
 */
public class ProviderHttpConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        ProviderHttpComponent http = new ProviderHttpComponent();
        context.addComponent("http", http);
        context.addComponent("https", http);
    }
}
