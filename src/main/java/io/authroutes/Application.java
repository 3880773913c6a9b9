package io.authroutes;

import org.apache.camel.main.Main;

/**
 * Starts authroutes with Camel Main: {@code application.properties} from the working directory
 * (or the file named by {@code -Dauthroutes.config=...}), routes from {@code routes/}.
 * {@code token <id>} instead obtains one token for a provider and stores it in a file.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(args));
        }
        // no package scanning: application.properties names the classes to load, for the app and its tests alike
        Main main = new Main();
        main.setPropertyPlaceholderLocations(configLocation());
        main.run(args);
    }

    static String configLocation() {
        return "file:" + System.getProperty("authroutes.config", "application.properties");
    }
}
