package io.authroutes.monitoring;

import io.authroutes.auth.camel.AuthroutesPlugin;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Start-up step that makes the app watchable: Hawtio (when {@code hawtio.enabled}) and health probes for a
 * platform (when {@code probes.enabled}); the library publishes every active provider as an MBean, a health
 * check and meters. Refuses to start when Hawtio or Camel's HTTP servers would be reachable from the network
 * without credentials.
 */
public class MonitoringConfiguration implements CamelConfiguration {

    /** Bean name of the running console, for whoever needs its address. */
    public static final String HAWTIO = "hawtio";

    @Override
    public void configure(CamelContext context) throws Exception {
        // Camel finds the library through ServiceLoader, on a class loader camel:run does not give it
        new AuthroutesPlugin().load(context);
        PropertiesComponent properties = context.getPropertiesComponent();
        camelServer(properties, "camel.management", "Camel's management server (health, metrics)").ifPresent(Listener::requireAuthenticationWhenExposed);
        camelServer(properties, "camel.server", "Camel's HTTP server").ifPresent(Listener::requireAuthenticationWhenExposed);
        HawtioSettings hawtio = HawtioSettings.load(properties);
        if (hawtio.enabled()) {
            hawtio.validate();
            HawtioConsole console = new HawtioConsole(hawtio);
            context.addService(console);
            context.addStartupListener(console);
            context.getRegistry().bind(HAWTIO, console);
        }
        context.addStartupListener(new ManagementAddress());
        // liveness and readiness without credentials, on any address: they tell UP or DOWN and nothing else
        Optional<HealthProbes> probes = HealthProbes.configure(context, properties);
        if (probes.isPresent()) {
            context.addService(probes.get());
            context.addStartupListener(probes.get());
            context.getRegistry().bind(HealthProbes.BEAN, probes.get());
        }
    }

    /** Camel's embedded servers take credentials as a users file or JWT keys, checked by Vert.x. */
    private static Optional<Listener> camelServer(PropertiesComponent properties, String prefix, String name) {
        if (!flag(properties, prefix + ".enabled")) {
            return Optional.empty();
        }
        boolean credentials = properties.resolveProperty(prefix + ".basicPropertiesFile").filter(v -> !v.isBlank()).isPresent()
                || properties.resolveProperty(prefix + ".jwtKeystorePath").filter(v -> !v.isBlank()).isPresent();
        return Optional.of(new Listener(name, prefix + ".host",
                properties.resolveProperty(prefix + ".host").orElse("0.0.0.0"),
                flag(properties, prefix + ".authenticationEnabled") && credentials,
                prefix + ".authenticationEnabled=true and " + prefix + ".basicPropertiesFile=<users file>"));
    }

    private static boolean flag(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(Boolean::parseBoolean).orElse(false);
    }
}
