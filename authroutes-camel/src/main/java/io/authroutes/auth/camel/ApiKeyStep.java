package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.InvalidSettingException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code authroutes:key}: ends the token route of an API that takes a fixed key on every call: the
 * key, read from a provider option when the token is asked for, is the token. It has no expiry; when
 * a call is rejected, the option is read again (a rotated key is picked up) and the call retried once.
 */
@UriParams
class ApiKeyStep implements Step {

    @UriParam(label = "key", defaultValue = "apiKey", secret = true,
            description = "The provider option holding the API key (its name, not the key), read when the token is asked for")
    private String secretOption = "apiKey";

    public String getSecretOption() {
        return secretOption;
    }

    public void setSecretOption(String secretOption) {
        this.secretOption = secretOption;
    }

    @Override
    public void validate(AuthroutesEndpoint endpoint) {
        if (secretOption == null || secretOption.isBlank()) {
            throw new InvalidSettingException(endpoint.getEndpointUri() + " needs secretOption=<provider option>, e.g. apiKey");
        }
    }

    @Override
    public List<CredentialOption> credentialsRead(AuthroutesEndpoint endpoint) {
        return List.of(CredentialOption.required(secretOption).asSecret());
    }

    @Override
    public Producer createProducer(AuthroutesEndpoint endpoint) {
        return new DefaultProducer(endpoint) {
            @Override
            public void process(Exchange exchange) {
                ProviderProperties properties = endpoint.getComponent().properties(endpoint.getProvider());
                exchange.getMessage().setBody(Token.of(properties.required(secretOption), endpoint.getComponent().clock().instant(), null));
            }
        };
    }
}
