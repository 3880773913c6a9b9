package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.ProviderTls;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.CompositeHttpConfigurer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;

/**
 * camel-http for both {@code http:} and {@code https:}, with each provider's TLS. An https endpoint whose
 * host and port are a provider's {@code baseUrl} or {@code tokenUrl} gets that provider's
 * {@code providers.<id>.ssl.*} (registered as the bean {@code authroutes-tls-<id>}) and TLS failures that
 * name those keys. So the call that {@code authroutes:call} builds from baseUrl and a token route's
 * {@code to: "{{tokenUrl}}..."} step are secured alike, and YAML says nothing about TLS.
 *
 * <p>Matching by server rather than by route: a server has one certificate, whichever route reaches it.
 * One instance serves both schemes, so the {@code camel.component.http.*} settings (time limits, no hidden
 * retries) apply to https too.
 */
class ProviderHttpComponent extends HttpComponent {

    static final String BEAN_PREFIX = "authroutes-tls-";

    private volatile Map<String, Server> servers;

    public ProviderHttpComponent() {
        // camel.component.http.http-client-configurer replaces this, and with it the engine's retry guarantee
        setHttpClientConfigurer(new NoAutomaticRetries());
        // sessions are the engine's to keep and send: a client-side cookie store would send a provider's
        // session cookies on its own (to a login, after a logout) and logs a Set-Cookie it cannot parse,
        // session value included
        setCookieManagementDisabled(true);
    }

    /** The TLS a provider's server is reached with: whose settings, and which (if any). */
    private record Server(ProviderProperties provider, Optional<ProviderTls> tls) {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Optional<Server> server = secureServer(uri).map(servers()::get);
        if (server.isPresent() && server.get().tls().isPresent() && !parameters.containsKey("sslContextParameters")) {
            parameters.put("sslContextParameters", "#" + BEAN_PREFIX + server.get().provider().providerId());
        }
        Endpoint endpoint = super.createEndpoint(uri, remaining, parameters);
        if (server.isPresent() && endpoint instanceof HttpEndpoint http) {
            http.setHttpClientConfigurer(CompositeHttpConfigurer.combineConfigurers(http.getHttpClientConfigurer(),
                    new TlsFailures(server.get().provider(), server.get().tls())));
        }
        return endpoint;
    }

    @Override
    public void doStart() throws Exception {
        super.doStart();
        // a wrong providers.<id>.ssl.* stops the start, not the first call
        servers();
    }

    /** {@code host:port} of an https URI, the port made explicit. */
    private static Optional<String> secureServer(String uri) {
        if (!uri.toLowerCase(Locale.ROOT).startsWith("https:")) {
            return Optional.empty();
        }
        try {
            URI parsed = URI.create(uri.split("\\?", 2)[0]);
            return Optional.ofNullable(parsed.getHost()).map(host -> hostPort(parsed));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    private static String hostPort(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + (uri.getPort() == -1 ? 443 : uri.getPort());
    }

    /** Every active provider's https servers, read once; two providers on one server must agree on its TLS. */
    private Map<String, Server> servers() {
        if (servers == null) {
            synchronized (this) {
                if (servers == null) {
                    servers = loadServers();
                }
            }
        }
        return servers;
    }

    private Map<String, Server> loadServers() {
        Map<String, Server> found = new HashMap<>();
        for (String id : ProviderRoutes.activeProviders(getCamelContext())) {
            ProviderProperties properties = new ProviderProperties(id,
                    key -> getCamelContext().getPropertiesComponent().resolveProperty(key));
            Optional<ProviderTls> tls = ProviderTls.load(properties, getCamelContext());
            tls.ifPresent(t -> getCamelContext().getRegistry().bind(BEAN_PREFIX + id, t.parameters()));
            Server server = new Server(properties, tls);
            for (String option : new String[] {"baseUrl", "tokenUrl"}) {
                properties.optional(option).flatMap(ProviderHttpComponent::secureServer).ifPresent(hostPort -> {
                    Server other = found.putIfAbsent(hostPort, server);
                    if (other != null && other != server && !describe(other).equals(describe(server))) {
                        throw new ProviderConfigurationException(id, hostPort + " is also provider "
                                + other.provider().providerId() + "'s server, with other TLS settings (" + describe(other)
                                + " there, " + describe(server) + " here); one server has one certificate: give both the same "
                                + properties.key("ssl.*"));
                    }
                });
            }
            if (tls.isPresent() && properties.optional("baseUrl").flatMap(ProviderHttpComponent::secureServer).isEmpty()) {
                throw new ProviderConfigurationException(id, properties.key("ssl.*") + " is set but "
                        + properties.key("baseUrl") + " is not https; TLS settings apply to https only");
            }
        }
        return found;
    }

    private static String describe(Server server) {
        return server.tls().map(ProviderTls::describe).orElse("JVM defaults");
    }
}
