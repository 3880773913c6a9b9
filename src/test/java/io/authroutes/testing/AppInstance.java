package io.authroutes.testing;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.camel.AuthroutesComponent;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

/**
 * One instance of the app in this JVM, built as {@code Application} builds it (Camel Main,
 * application.properties, routes/auth), with properties of the test on top. Several of them on one
 * Redis make a cluster.
 */
public final class AppInstance implements AutoCloseable {

    private final Main main = new Main();
    private final ProviderCalls calls;

    private AppInstance(Map<String, String> properties, Clock clock) throws Exception {
        main.setPropertyPlaceholderLocations("file:application.properties");
        properties.forEach(main::addOverrideProperty);
        main.configure().addRoutesBuilder(new TestSetup(clock, Map.of()));
        main.start();
        calls = new ProviderCalls(main.getCamelContext());
    }

    /** Started, with {@code properties} overriding application.properties. */
    public static AppInstance start(Map<String, String> properties, Clock clock) throws Exception {
        return new AppInstance(properties, clock);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Exchange call(String providerId, String path) {
        return calls.call(providerId, "GET", path, null);
    }

    public ProviderAuth auth(String providerId) {
        return AuthroutesComponent.of(context()).provider(providerId);
    }

    /** Stops as the app stops: calls drain, tokens are revoked where this instance is the last. */
    @Override
    public void close() throws Exception {
        main.stop();
    }
}
