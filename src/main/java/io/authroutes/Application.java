package io.authroutes;

import io.authroutes.auth.ConfigurationRefusal;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts authroutes with Camel Main: {@code application.properties} from the working directory
 * (or the file named by {@code -Dauthroutes.config=...}), routes from {@code routes/}.
 * {@code token <id>} instead obtains one token for a provider and stores it in a file.
 */
public final class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) throws Exception {
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

    /** The configuration error behind a failed start (Camel may wrap it while starting routes), or null. */
    static Throwable refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationRefusal) {
                return t;
            }
        }
        return null;
    }

    static String configLocation() {
        return "file:" + System.getProperty("authroutes.config", "application.properties");
    }
}
