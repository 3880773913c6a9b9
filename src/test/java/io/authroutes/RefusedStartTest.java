package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.AppProcess;
import io.authroutes.testing.FreePort;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refused start, as an operator sees it: the app exits, saying why in one line, with no stack trace. */
class RefusedStartTest {

    @Test
    void startWhenEnvironmentVariableIsMisspeltThenExitsWithOneLineNamingWhatWasMeant() throws Exception {
        try (AppProcess app = AppProcess.start(Path.of("application.properties"),
                // a port, not 0: a -D sandbox.port outranks the port the sandbox publishes once it listens
                Map.of("sandbox.port", String.valueOf(FreePort.publish("test.sandboxPort")), "hawtio.enabled", "false",
                        "camel.management.enabled", "false"),
                Map.of("PROVIDERS_YAVAPTEKE_CLIENTSECERT", "s3cr3t-value-4e1"))) {

            assertThat(app.exitCode(120)).isEqualTo(1);
            String log = app.log();
            assertThat(log.lines().filter(line -> line.contains(" ERROR "))).singleElement().asString()
                    .endsWith("authroutes did not start: yavapteke: environment variable PROVIDERS_YAVAPTEKE_CLIENTSECERT is not an"
                            + " option of this provider; did you mean PROVIDERS_YAVAPTEKE_CLIENTSECRET (providers.yavapteke.clientSecret)?");
            assertThat(log).doesNotContain("\tat ", "Exception", "s3cr3t-value-4e1");
        }
    }

    @Test
    void startWhenAConsoleSettingIsWrongThenExitsWithOneLineNamingIt() throws Exception {
        try (AppProcess app = AppProcess.start(Path.of("application.properties"),
                Map.of("sandbox.port", String.valueOf(FreePort.publish("test.sandboxPort")), "hawtio.port", "81800",
                        "camel.management.enabled", "false"),
                Map.of())) {

            assertThat(app.exitCode(120)).isEqualTo(1);
            String log = app.log();
            assertThat(log.lines().filter(line -> line.contains(" ERROR "))).singleElement().asString()
                    .endsWith("authroutes did not start: hawtio.port=81800 is not a port: use 1-65535, or 0 for any free port");
            assertThat(log).doesNotContain("\tat ", "Exception");
        }
    }
}
