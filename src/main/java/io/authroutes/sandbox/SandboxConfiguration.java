package io.authroutes.sandbox;

import io.authroutes.auth.camel.AuthroutesComponent;
import io.authroutes.auth.camel.ProviderBlockCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code sandbox.enabled=true}, serves the simulated providers before any route is built, and
 * publishes the port it got as {@code sandbox.port} (so {@code sandbox.port=0} works). The simulators
 * read time from the same clock as the auth engine. Enabled or not, it refuses the sandbox's demo
 * credentials for a provider pointed elsewhere ({@link DemoCredentialsCheck}).
 */
public class SandboxConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Function<String, Optional<String>> written = key -> Optional.ofNullable(properties.loadProperties(key::equals).getProperty(key));
        if (!Boolean.parseBoolean(properties.resolveProperty("sandbox.enabled").orElse("false"))) {
            context.getRegistry().bind("sandboxDemoCredentials", ProviderBlockCheck.class,
                    new DemoCredentialsCheck(Integer.parseInt(properties.resolveProperty("sandbox.port").orElse("8090")), written));
            return;
        }
        SandboxSettings settings = new SandboxSettings(
                Integer.parseInt(properties.resolveProperty("sandbox.port").orElse("8090")),
                Duration.ofMillis(TimeUtils.toMilliSeconds(properties.resolveProperty("sandbox.tokenLifetime").orElse("20s"))),
                Double.parseDouble(properties.resolveProperty("sandbox.revokeProbability").orElse("0")));
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(settings, new EngineClock(() -> AuthroutesComponent.of(context).clock()));
        } catch (IOException e) {
            throw new UncheckedIOException("The sandbox cannot listen on 127.0.0.1:" + settings.port()
                    + "; set sandbox.port to a free port (0 picks one), or sandbox.enabled=false", e);
        }
        properties.addOverrideProperty("sandbox.port", String.valueOf(sandbox.port()));
        context.getRegistry().bind("sandbox", Sandbox.class, sandbox);
        context.getRegistry().bind("sandboxDemoCredentials", ProviderBlockCheck.class,
                new DemoCredentialsCheck(sandbox.port(), written));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                sandbox.close();
            }
        });
        LOG.info("Sandbox: simulated ZONT, yaVapteke, Mobile SMARTS and Salebasis at {} (token lifetime {}, revoke probability {})",
                sandbox.baseUri(), settings.tokenLifetime(), settings.revokeProbability());
    }

    /** The engine's clock, looked up when first read: tests bind a fixed one after this runs. */
    private static final class EngineClock extends Clock {

        private final Supplier<Clock> engine;

        EngineClock(Supplier<Clock> engine) {
            this.engine = engine;
        }

        @Override
        public Instant instant() {
            return engine.get().instant();
        }

        @Override
        public ZoneId getZone() {
            return engine.get().getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return engine.get().withZone(zone);
        }
    }
}
