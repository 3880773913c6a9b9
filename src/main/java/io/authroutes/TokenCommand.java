package io.authroutes;

import io.authroutes.auth.ProviderAuthException;
import io.authroutes.auth.Token;
import io.authroutes.auth.camel.AuthroutesComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code token <id>}: logs in once and stores the token in {@code <id>.token}, readable by the owner
 * only, so the password can be dropped from the configuration afterwards (what ZONT asks of clients,
 * seed 000, step 2). The token is never printed.
 */
final class TokenCommand {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCommand.class);

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

    private static Path write(Path file, Token token) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, token.value(), StandardCharsets.UTF_8);
    }
}
