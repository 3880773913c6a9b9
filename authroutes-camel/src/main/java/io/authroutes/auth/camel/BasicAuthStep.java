package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code authroutes:basic}: sets {@code Authorization: Basic} (RFC 7617) from two of the provider's
 * options, read at request time. With {@code asToken=true} it ends a token route instead: the encoded
 * pair becomes the token, for APIs that take Basic credentials on every call (a call route then uses
 * {@code prefix=Basic}).
 */
@UriParams
class BasicAuthStep implements Step {

    @UriParam(label = "basic", defaultValue = "username", description = "The provider option holding the user name, e.g. login")
    private String username = "username";
    @UriParam(label = "basic", defaultValue = "password", secret = true,
            description = "The provider option holding the password (its name, not the password), read at request time; a secret")
    private String password = "password";
    @UriParam(label = "basic", defaultValue = "false",
            description = "Leave the credentials as the token of a token route, rather than as a header")
    private boolean asToken;
    @UriParam(label = "basic", defaultValue = "false", description = "URL-encode the user name and password before joining"
            + " them, as RFC 6749 section 2.3.1 asks of OAuth2 client credentials sent with client_secret_basic")
    private boolean formEncoded;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isAsToken() {
        return asToken;
    }

    public void setAsToken(boolean asToken) {
        this.asToken = asToken;
    }

    public boolean isFormEncoded() {
        return formEncoded;
    }

    public void setFormEncoded(boolean formEncoded) {
        this.formEncoded = formEncoded;
    }

    private String encodedIfAsked(String text) {
        return formEncoded ? URLEncoder.encode(text, StandardCharsets.UTF_8) : text;
    }

    @Override
    public void validate(AuthroutesEndpoint endpoint) {
        // both options default to an option name, so there is nothing left unset
    }

    @Override
    public List<CredentialOption> credentialsRead(AuthroutesEndpoint endpoint) {
        return List.of(CredentialOption.required(username), CredentialOption.required(password).asSecret());
    }

    @Override
    public Producer createProducer(AuthroutesEndpoint endpoint) {
        return new DefaultProducer(endpoint) {
            @Override
            public void process(Exchange exchange) {
                ProviderProperties properties = endpoint.getComponent().properties(endpoint.getProvider());
                String pair = encodedIfAsked(properties.required(username)) + ":" + encodedIfAsked(properties.required(password));
                String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
                if (asToken) {
                    exchange.getMessage().setBody(Token.of(encoded, endpoint.getComponent().clock().instant(), null));
                } else {
                    exchange.getMessage().setHeader("Authorization", "Basic " + encoded);
                }
            }
        };
    }
}
