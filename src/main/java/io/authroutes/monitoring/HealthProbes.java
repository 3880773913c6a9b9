package io.authroutes.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness and readiness for a platform's probes (a Kubernetes httpGet probe sends no credentials), on a
 * listener that serves nothing else, so it may listen on the pod's address while Hawtio, Jolokia, metrics
 * and the management server stay on loopback or behind a login. It answers the verdict only, 200 UP or
 * 503 DOWN: why a check is down (a provider's last error) is for the management server's
 * {@code /observe/health}, which asks for credentials off loopback.
 */
final class HealthProbes extends ServiceSupport implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(HealthProbes.class);
    /** Bean name of the running probes, for whoever needs their address. */
    static final String BEAN = "healthProbes";
    static final String PREFIX = "probes.";
    /** The paths of Camel's management server, so a probe reads the same on either. */
    static final String LIVENESS = "/observe/health/live";
    static final String READINESS = "/observe/health/ready";

    private final CamelContext context;
    private final String host;
    private final int port;
    private HttpServer server;

    private HealthProbes(CamelContext context, String host, int port) {
        this.context = context;
        this.host = host;
        this.port = port;
    }

    /** The {@code probes.*} block: {@code enabled} (default false), {@code host} (127.0.0.1), {@code port} (9877). */
    static Optional<HealthProbes> configure(CamelContext context, PropertiesComponent properties) {
        if (!Boolean.parseBoolean(properties.resolveProperty(PREFIX + "enabled").orElse("false"))) {
            return Optional.empty();
        }
        return Optional.of(new HealthProbes(context, properties.resolveProperty(PREFIX + "host").orElse("127.0.0.1"),
                HawtioSettings.port(PREFIX + "port", properties.resolveProperty(PREFIX + "port").orElse("9877"))));
    }

    /** Where the probes answer, once started: {@code http://host:port}. */
    String root() {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + address + ":" + server.getAddress().getPort();
    }

    @Override
    protected void doStart() throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext(LIVENESS, exchange -> answer(exchange, LIVENESS, HealthCheckHelper::invokeLiveness));
        server.createContext(READINESS, exchange -> answer(exchange, READINESS, HealthCheckHelper::invokeReadiness));
        server.createContext("/", exchange -> reply(exchange, 404, "{}"));
        server.start();
    }

    private void answer(HttpExchange exchange, String path,
                        Function<CamelContext, Collection<HealthCheck.Result>> checks) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            reply(exchange, 404, "{}");
        } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            reply(exchange, 405, "{}");
        } else {
            boolean up = checks.apply(context).stream().noneMatch(result -> result.getState() == HealthCheck.State.DOWN);
            reply(exchange, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // logged once the app has fully started, beside the other addresses
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        LOG.info("Health probes on {}: liveness {}, readiness {} (no credentials, UP or DOWN only)", root(), LIVENESS, READINESS);
    }

    @Override
    protected void doStop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
