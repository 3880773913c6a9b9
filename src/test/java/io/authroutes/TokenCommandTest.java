package io.authroutes;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.FakeApi;
import io.authroutes.testing.FakeApi.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar authroutes.jar token <id>} beside the running application: the application's ports
 * are taken, and the command needs none of them.
 */
class TokenCommandTest {

    private static final String ID = "zont-cli";
    private static final Path TOKEN_FILE = Path.of(ID + ".token");

    private final FakeApi zont = new FakeApi()
            .on("/api/get_authtoken", request -> new Reply(200, "{\"ok\": true, \"token\": \"zt-cli-41\"}"));
    /** Ports the running application listens on: Hawtio, the management server, the sandbox. */
    private final List<ServerSocket> runningApp = List.of(listen(), listen(), listen());
    private String previousConfig;

    @TempDir
    Path dir;

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void useConfig() throws IOException {
        Path config = dir.resolve("application.properties");
        Files.writeString(config, Files.readString(Path.of("application.properties")) + String.join("\n", "",
                "hawtio.port = " + runningApp.get(0).getLocalPort(),
                "camel.management.port = " + runningApp.get(1).getLocalPort(),
                "sandbox.port = " + runningApp.get(2).getLocalPort(),
                "providers." + ID + ".kind = zont",
                "providers." + ID + ".baseUrl = " + zont.url("/api"),
                "providers." + ID + ".login = demo",
                "providers." + ID + ".password = demo-password",
                "providers." + ID + ".client = ops@example.com", ""));
        previousConfig = System.setProperty("authroutes.config", config.toString());
    }

    @AfterEach
    void restore() throws IOException {
        if (previousConfig == null) {
            System.clearProperty("authroutes.config");
        } else {
            System.setProperty("authroutes.config", previousConfig);
        }
        for (ServerSocket socket : runningApp) {
            socket.close();
        }
        zont.close();
        Files.deleteIfExists(TOKEN_FILE);
    }

    @Test
    void theTokenCommandWorksWhileTheApplicationRuns() throws Exception {
        int exit = TokenCommand.run(new String[] {"token", ID});

        assertThat(exit).isZero();
        assertThat(Files.readString(TOKEN_FILE)).isEqualTo("zt-cli-41");
        assertThat(zont.requests("/api/get_authtoken")).isEqualTo(1);
    }
}
