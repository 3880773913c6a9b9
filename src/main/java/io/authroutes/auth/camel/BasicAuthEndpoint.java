package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code authroutes:basic?provider=<id>&username=login&password=password}: sets
 * {@code Authorization: Basic} (RFC 7617) from two of the provider's options, read at request time.
 * With {@code asToken=true} it ends a token route instead: the encoded pair becomes the token, for
 * APIs that take Basic credentials on every call (a call route then uses {@code prefix=Basic}).
 * The option named by {@code password} is a secret.
 */
public class BasicAuthEndpoint extends ProviderEndpoint {

    private String username = "username";
    private String password = "password";
    private boolean asToken;

    BasicAuthEndpoint(String uri, AuthroutesComponent component) {
        super(uri, component);
    }

    public String getUsername() {
        return username;
    }

    /** The option holding the user name, e.g. {@code login}. */
    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    /** The option holding the password. */
    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isAsToken() {
        return asToken;
    }

    /** Leave the credentials as the token of a token route, rather than as a header. */
    public void setAsToken(boolean asToken) {
        this.asToken = asToken;
    }

    @Override
    List<CredentialOption> credentialsRead() {
        return List.of(CredentialOption.required(username), CredentialOption.required(password).asSecret());
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                ProviderProperties properties = getComponent().properties(getProvider());
                String pair = properties.required(username) + ":" + properties.required(password);
                String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
                if (asToken) {
                    exchange.getMessage().setBody(Token.of(encoded, getComponent().clock().instant(), null));
                } else {
                    exchange.getMessage().setHeader("Authorization", "Basic " + encoded);
                }
            }
        };
    }
}
