package io.authroutes;

import io.authroutes.auth.ProviderAuthException;
import io.authroutes.auth.Token;
import io.authroutes.auth.camel.AuthroutesComponent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.authroutes.sandbox.SandboxConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code token <id>}: logs in once and stores the token in {@code <id>.token}, readable by the owner
 * only, so the password can be dropped from the configuration afterwards (what ZONT asks of clients,
 * seed 000, step 2). The token is never printed. It starts the provider routes and nothing else: no
 * flow, no Hawtio, no management server, no sandbox unless the provider points at one that is not
 * running, so it works beside the running application.
 */
final class TokenCommand {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCommand.class);
    /** The provider the command is for, as a property its start-up step reads. */
    static final String PROVIDER = "authroutes.tokenCommand.provider";

    private TokenCommand() {
    }

    static int run(String[] args) throws Exception {
        if (args.length != 2) {
            LOG.error("Usage: token <providerId>, e.g. token zont");
            return 2;
        }
        String id = args[1];
        Main main = new Main();
        main.setPropertyPlaceholderLocations(Application.configLocation());
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:routes/auth/*.camel.yaml");
        main.addOverrideProperty("providers." + id + ".token", "");
        main.addOverrideProperty(PROVIDER, id);
        main.addOverrideProperty("camel.main.configuration-classes", SandboxWhenPointedAt.class.getName());
        main.addOverrideProperty("hawtio.enabled", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "false");
        main.start();
        try {
            Token token = AuthroutesComponent.of(main.getCamelContext()).provider(id).token();
            Path file = write(Path.of(id + ".token"), token);
            LOG.info("{}: token {} written to {} (owner-only). Use it with: export {}_TOKEN=$(cat {}) and remove the password",
                    id, token.fingerprint(), file.toAbsolutePath(), id.toUpperCase().replace('-', '_'), file);
            return 0;
        } catch (ProviderAuthException e) {
            LOG.error("No token: {}", e.getMessage());
            return 1;
        } finally {
            main.stop();
        }
    }

    /**
     * Starts the sandbox only when the provider's baseUrl is the sandbox and nothing serves it yet; while
     * the application runs, its own sandbox answers.
     */
    public static final class SandboxWhenPointedAt implements CamelConfiguration {

        @Override
        public void configure(CamelContext context) throws Exception {
            PropertiesComponent properties = context.getPropertiesComponent();
            String id = properties.resolveProperty(PROVIDER).orElseThrow();
            int port = Integer.parseInt(properties.resolveProperty("sandbox.port").orElse("8090"));
            URI baseUrl = URI.create(properties.resolveProperty("providers." + id + ".baseUrl").orElse("").trim());
            boolean sandboxed = Boolean.parseBoolean(properties.resolveProperty("sandbox.enabled").orElse("false"))
                    && baseUrl.getHost() != null && InetAddress.getByName(baseUrl.getHost()).isLoopbackAddress()
                    && baseUrl.getPort() == port;
            if (sandboxed && isFree(port)) {
                new SandboxConfiguration().configure(context);
            }
        }

        private static boolean isFree(int port) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return true;
            } catch (IOException inUse) {
                return false;
            }
        }
    }

    private static Path write(Path file, Token token) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, token.value(), StandardCharsets.UTF_8);
    }
}
