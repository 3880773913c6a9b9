package io.authroutes;

import io.authroutes.auth.ConfigurationRefusal;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts authroutes with Camel Main: {@code application.properties} from the working directory
 * (or the file named by {@code -Dauthroutes.config=...}), routes from {@code routes/}; the distribution's
 * launcher ({@code src/dist/bin/authroutes}) starts it on a team's own directory.
 * {@code token <id>} instead obtains one token for a provider and stores it in a file.
 */
public final class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        routeJavaUtilLogging();
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(args));
        }
        // no package scanning: application.properties names the classes to load, for the app and its tests alike
        Main main = new Main();
        main.setPropertyPlaceholderLocations(configLocation());
        try {
            main.run(args);
        } catch (Exception e) {
            // a configuration the app refuses (exposed console, bad provider block, step option): say why and stop,
            // rather than leave the threads already started keeping a half-built app alive
            Throwable refusal = refusal(e);
            if (refusal != null) {
                LOG.error("authroutes did not start: {}", refusal.getMessage());
            } else {
                LOG.error("authroutes did not start: {}", e.getMessage(), e);
            }
            System.exit(1);
        }
    }

    /**
     * Sends java.util.logging to the application's log at log4j2.xml's levels. Done here rather than by
     * {@code -Djava.util.logging.manager}, which comes too late under {@code mvn camel:run}: Maven's JVM has
     * set JUL up already, and its console handler would print every library's warning with a stack trace.
     */
    static void routeJavaUtilLogging() {
        Log4jBridgeHandler.install(true, null, true);
    }

    /** The configuration error behind a failed start (Camel may wrap it while starting routes), or null. */
    static Throwable refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationRefusal) {
                return t;
            }
        }
        return null;
    }

    /**
     * The distribution's launcher names its defaults (the engine's wiring, where the provider kinds are)
     * as {@code -Dauthroutes.defaults}. Of two locations holding a key, Camel takes the first: the team's
     * file comes first, so it overrides any of the defaults.
     */
    static String configLocation() {
        String config = "file:" + System.getProperty("authroutes.config", "application.properties");
        String defaults = System.getProperty("authroutes.defaults");
        return defaults == null ? config : config + ",file:" + defaults;
    }
}
