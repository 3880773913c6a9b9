package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.InvalidSettingException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code authroutes:header}: sets one request header of a token, refresh, extend or revoke request from
 * a provider option or the token being renewed, read when the request is made. The way to send
 * {@code X-Api-Key: <providers.<id>.apiKey>}: a {@code setHeader} with {@code {{providers.<id>.apiKey}}}
 * would resolve the secret into the route definition, where Hawtio and route dumps show it.
 */
@UriParams
class HeaderStep implements Step {

    @UriParam(label = "header", description = "The header to set, e.g. X-Api-Key")
    private String name;

    @UriParam(label = "header", description = "Its value when not a secret, a source as in field: a provider option"
            + " with a leading at-sign (read when the request is made), #token, #refreshToken, or a literal")
    private String value;
    @UriParam(label = "header", secret = true, description = "Its value when it is a secret: a provider option with a"
            + " leading at-sign (at-sign apiKey reads providers.ID.apiKey when the request is made, masked in every"
            + " log), #token, #refreshToken or #<name> (a value the token step kept with keep.<name>)")
    private String secretValue;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getSecretValue() {
        return secretValue;
    }

    public void setSecretValue(String secretValue) {
        this.secretValue = secretValue;
    }

    private RequestField field() {
        String target = name != null && !name.isBlank() ? name : "cookie";
        return secretValue != null ? new RequestField(target, secretValue.trim(), true) : new RequestField(target, value.trim(), false);
    }

    @Override
    public void validate(AuthroutesEndpoint endpoint) {
        if ((name == null || name.isBlank()) == (endpoint.getCookie() == null)) {
            throw new InvalidSettingException(endpoint.getEndpointUri() + " needs name=<header>, e.g. name: X-Api-Key,"
                    + " or cookie=<name> for a cookie, e.g. cookie: B1SESSION (not both)");
        }
        if ((value == null) == (secretValue == null)) {
            throw new InvalidSettingException(endpoint.getEndpointUri() + " needs exactly one of value and secretValue,"
                    + " e.g. secretValue: \"@apiKey\" for providers.<id>.apiKey");
        }
        if (secretValue != null && field().isLiteral()) {
            throw new InvalidSettingException(endpoint.getEndpointUri() + ": secretValue must be @option, #token or"
                    + " #refreshToken; a literal would put the secret in the route definition");
        }
    }

    @Override
    public List<CredentialOption> credentialsRead(AuthroutesEndpoint endpoint) {
        RequestField field = field();
        return field.option().map(option -> {
            CredentialOption credential = field.isOptional() ? CredentialOption.optional(option) : CredentialOption.required(option);
            return field.secret() ? credential.asSecret() : credential;
        }).stream().toList();
    }

    @Override
    public Producer createProducer(AuthroutesEndpoint endpoint) {
        RequestField field = field();
        String cookie = endpoint.getCookie();
        return new DefaultProducer(endpoint) {
            @Override
            public void process(Exchange exchange) {
                ProviderProperties properties = endpoint.getComponent().properties(endpoint.getProvider());
                Optional<Token> current = Optional.ofNullable(exchange.getProperty(RouteTokenEndpoint.CURRENT, Token.class));
                field.value(properties, current).ifPresent(v -> {
                    if (cookie == null) {
                        exchange.getMessage().setHeader(name, endpoint.prefixed(v));
                    } else {
                        String others = exchange.getMessage().getHeader("Cookie", String.class);
                        exchange.getMessage().setHeader("Cookie", (others == null ? "" : others + "; ") + cookie + "=" + v);
                    }
                });
            }
        };
    }
}
