package io.authroutes.auth.camel;

import io.authroutes.monitoring.AuthMonitoring;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Wires authroutes into every CamelContext that has this library on its class path (Camel Main, Spring
 * Boot, Quarkus), found by Camel through {@code META-INF/services/org.apache.camel.spi.ContextServicePlugin}.
 * So a {@code providers.<id>} block and {@code to: direct:<id>} are all an application writes:
 * <ul>
 * <li>{@code http:} and {@code https:} become one {@link ProviderHttpComponent} (each provider's TLS, no
 *     hidden retries), before the application's {@code camel.component.http.*} settings apply to it;</li>
 * <li>before routes are made, the provider routes are added ({@link ProviderRoutes}) and every
 *     {@code direct:} a route calls is checked to have a consumer ({@link DirectCallsCheck});</li>
 * <li>after Camel's route reload, provider routes it removed are added again;</li>
 * <li>once started, each provider is published as an MBean, a health check and meters.</li>
 * </ul>
 * Camel only logs an exception thrown here; failures that must stop the start are thrown from the hooks.
 */
public class AuthroutesPlugin implements ContextServicePlugin {

    @Override
    public void load(CamelContext context) {
        if (context.hasService(AuthMonitoring.class) != null) {
            // already wired: by Camel's discovery, or by an app whose class loader hides it from that discovery
            return;
        }
        ProviderHttpComponent http = new ProviderHttpComponent();
        context.addComponent("http", http);
        context.addComponent("https", http);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext camelContext) {
                try {
                    ProviderRoutes.addTo(camelContext);
                } catch (Exception e) {
                    throw RuntimeCamelException.wrapRuntimeException(e);
                }
                DirectCallsCheck.check(camelContext);
            }
        });
        context.getManagementStrategy().addEventNotifier(new ProvidersAfterReload(context));
        AuthMonitoring monitoring = new AuthMonitoring(context);
        try {
            context.addService(monitoring);
            context.addStartupListener(monitoring);
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeException(e);
        }
    }

    /**
     * Camel's route reload (by default) removes every route and template, then loads again the files the
     * routes came from; provider routes come from properties, so they are added again once it is done.
     */
    private static final class ProvidersAfterReload extends EventNotifierSupport {

        private final CamelContext context;

        ProvidersAfterReload(CamelContext context) {
            this.context = context;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.RouteReloadedEvent;
        }

        @Override
        public void notify(CamelEvent event) throws Exception {
            // one event per reloaded route, all sent once the reload is complete; adding is idempotent
            ProviderRoutes.addTo(context);
        }
    }
}
