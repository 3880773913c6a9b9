package io.authroutes.auth.camel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code authroutes:form|json|query?provider=<id>&fields=name:source,...&sensitive=option,...}: writes
 * the fields of a token request as a form body, a JSON object or the query string, encoding every
 * value properly. Every {@code @option} it reads is a credential; {@code sensitive} says which of them
 * are secrets (not {@code secrets}: Camel would mask that option's own value in every log of the URI).
 */
public class RequestFieldsEndpoint extends ProviderEndpoint {

    enum Format { FORM, JSON, QUERY }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Format format;
    private String fields;
    private String sensitive = "";

    RequestFieldsEndpoint(String uri, AuthroutesComponent component, Format format) {
        super(uri, component);
        this.format = format;
    }

    public String getFields() {
        return fields;
    }

    /** The fields, e.g. {@code grant_type:client_credentials,client_id:@clientId,client_secret:@clientSecret}. */
    public void setFields(String fields) {
        this.fields = fields;
    }

    public String getSensitive() {
        return sensitive;
    }

    /** The options among {@code fields} whose values are secrets, e.g. {@code clientSecret,password}. */
    public void setSensitive(String sensitive) {
        this.sensitive = sensitive;
    }

    @Override
    void validate() {
        super.validate();
        Set<String> read = RequestField.parse(fields).stream().flatMap(f -> f.option().stream()).collect(Collectors.toSet());
        for (String secret : secretNames()) {
            if (!read.contains(secret)) {
                throw new IllegalArgumentException(getEndpointUri() + " declares sensitive=" + secret + ", but reads no @"
                        + secret + "; name options of its fields, one of " + read);
            }
        }
    }

    @Override
    List<CredentialOption> credentialsRead() {
        Set<String> secret = secretNames();
        return RequestField.parse(fields).stream().flatMap(f -> f.option().map(option -> {
            CredentialOption credential = f.isOptional() ? CredentialOption.optional(option) : CredentialOption.required(option);
            return secret.contains(option) ? credential.asSecret() : credential;
        }).stream()).toList();
    }

    private Set<String> secretNames() {
        return Arrays.stream(sensitive.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    public Producer createProducer() {
        List<RequestField> parsed = RequestField.parse(fields);
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                ProviderProperties properties = getComponent().properties(getProvider());
                Optional<Token> current = Optional.ofNullable(exchange.getProperty(RouteTokenEndpoint.CURRENT, Token.class));
                write(exchange.getMessage(), parsed, properties, current);
            }
        };
    }

    private void write(Message message, List<RequestField> parsed, ProviderProperties properties, Optional<Token> current) {
        switch (format) {
            case FORM -> {
                message.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
                message.setBody(encoded(parsed, properties, current));
            }
            case QUERY -> message.setHeader(Exchange.HTTP_QUERY, encoded(parsed, properties, current));
            case JSON -> {
                ObjectNode body = MAPPER.createObjectNode();
                for (RequestField field : parsed) {
                    field.value(properties, current).ifPresent(value -> {
                        if (field.isLiteral() && (value.equals("true") || value.equals("false"))) {
                            body.put(field.name(), Boolean.parseBoolean(value));
                        } else {
                            body.put(field.name(), value);
                        }
                    });
                }
                message.setHeader(Exchange.CONTENT_TYPE, "application/json");
                message.setBody(body.toString());
            }
        }
    }

    private static String encoded(List<RequestField> parsed, ProviderProperties properties, Optional<Token> current) {
        return parsed.stream().flatMap(f -> f.value(properties, current).map(v -> encode(f.name()) + "=" + encode(v)).stream())
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
