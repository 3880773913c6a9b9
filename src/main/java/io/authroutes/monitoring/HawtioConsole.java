package io.authroutes.monitoring;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hawtio served by an embedded Jetty for as long as the Camel context runs. Its address is logged
 * once the app has fully started, as the last thing an operator reads.
 */
final class HawtioConsole extends ServiceSupport implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);
    static final String CONTEXT_PATH = "/hawtio";

    private final HawtioSettings settings;
    /** The system properties this console set, with what they were before, restored on stop. */
    private final Map<String, String> replacedProperties = new HashMap<>();
    private Server server;
    private Path webapp;
    private boolean editorServed;
    private URI uri;

    HawtioConsole(HawtioSettings settings) {
        this.settings = settings;
    }

    /** Where the console answers, once started. */
    URI uri() {
        return uri;
    }

    @Override
    protected void doStart() throws Exception {
        // Hawtio reads its options from system properties (io.hawt.system.ConfigManager)
        settings.options().forEach((key, value) -> replacedProperties.put(key, System.setProperty(key, value)));
        settings.realmFile().ifPresent(file -> PropertiesRealm.install(settings.realm(), file));
        if (settings.authenticationEnabled()) {
            // before Jetty starts: Hawtio's restrictor looks for it once, when its Jolokia servlet starts
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new HawtioRoles(settings.operatorRoles(), settings.rolePrincipalClasses()), HawtioRoles.objectName());
        }
        webapp = HawtioWar.unpack();
        editorServed = HawtioWar.serveEditor(webapp, CONTEXT_PATH);
        WebAppContext context = new WebAppContext();
        context.setContextPath(CONTEXT_PATH);
        context.setWar(webapp.toString());
        // the app's classes first: logging and the Jolokia access policy come from the app (HawtioWar)
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        // the login session goes only with requests from Hawtio's own pages, and never to scripts (RFC 6265bis
        // section 4.1.2.7); the war's web.xml asks for HttpOnly, said here so it cannot be lost
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        context.getSessionHandler().setHttpOnly(true);
        server = new Server(new InetSocketAddress(settings.host(), settings.port()));
        server.setHandler(new OwnOriginOnly(context));
        server.setStopAtShutdown(false);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        uri = URI.create("http://" + hostForUrl() + ":" + port + CONTEXT_PATH + "/");
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the routes are not listed yet: wait for onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        LOG.info("Hawtio: {} ({})", uri, settings.authenticationEnabled() ? "login required" : "no login, reachable from this machine only");
        if (!editorServed) {
            LOG.warn("Hawtio's Source tab loads its editor from cdn.jsdelivr.net, as this build has no {}: without internet "
                    + "the tab shows 'Loading...'. Build with npm and the npm registry reachable (mvn compile adds it)", HawtioWar.EDITOR);
        }
    }

    private String hostForUrl() {
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (ManagementFactory.getPlatformMBeanServer().isRegistered(HawtioRoles.objectName())) {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(HawtioRoles.objectName());
        }
        if (webapp != null) {
            HawtioWar.delete(webapp);
            webapp = null;
        }
        replacedProperties.forEach((key, previous) -> {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        });
        replacedProperties.clear();
    }
}
