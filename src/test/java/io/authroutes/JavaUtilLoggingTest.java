package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.CredentialsRejectedException;
import io.authroutes.testing.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Libraries that log through java.util.logging reach the application's log at log4j2.xml's levels, not
 * JUL's own console handler, even where JUL was set up before the application (Maven's JVM under
 * {@code mvn camel:run}).
 */
class JavaUtilLoggingTest {

    @Test
    void warningThroughJavaUtilLoggingThenInTheApplicationsLogAndNotOnJulsConsole() {
        Logger root = LogManager.getLogManager().getLogger("");
        List<Handler> before = new ArrayList<>(List.of(root.getHandlers()));
        ConsoleHandler console = new ConsoleHandler();
        root.addHandler(console);
        try (CapturedLog log = CapturedLog.captureAsShipped()) {
            Application.routeJavaUtilLogging();
            Logger.getLogger("org.example.library").log(Level.WARNING, "asynchronous load failed",
                    new CredentialsRejectedException("p", 401, "refused"));

            assertThat(root.getHandlers()).doesNotContain(console)
                    .allMatch(handler -> handler.getClass().getName().startsWith("org.apache.logging.log4j"));
            assertThat(log.text()).contains("org.example.library asynchronous load failed");
        } finally {
            for (Handler handler : root.getHandlers()) {
                root.removeHandler(handler);
            }
            before.forEach(root::addHandler);
        }
    }
}
