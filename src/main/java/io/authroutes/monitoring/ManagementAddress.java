package io.authroutes.monitoring;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line with where health and metrics really are. Camel's own "HTTP Management endpoints summary"
 * prints http://0.0.0.0:&lt;port&gt; whatever {@code camel.management.host} the server bound.
 */
final class ManagementAddress implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementAddress.class);
    /** Not configurable in Camel 4.18, unlike the health path. */
    private static final String METRICS_PATH = "/observe/metrics";

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the server starts with the context; its address is final once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            return;
        }
        String host = server.getHost().contains(":") ? "[" + server.getHost() + "]" : server.getHost();
        String root = "http://" + host + ":" + server.getPort();
        LOG.info("Management server on {}: health {}{}, metrics {}{}", root, root,
                server.isHealthCheckEnabled() ? server.getHealthPath() : " (off)", root,
                server.isMetricsEnabled() ? METRICS_PATH : " (off)");
    }
}
