package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.InvalidSettingException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code authroutes:form|json|query}: writes the fields of a token request as a form body, a JSON
 * object or the query string, encoding every value properly. Every {@code @option} a field reads is a
 * credential of the provider; a {@code secretField.} reads a secret.
 */
@UriParams
class RequestFieldsStep implements Step {

    static final String FIELD = "field.";
    static final String SECRET_FIELD = "secretField.";

    @UriParam(label = "form,json,query", prefix = FIELD, multiValue = true, javaType = "java.util.Map<java.lang.String, java.lang.Object>",
            description = "One field of the request, field.NAME: SOURCE. The source is a provider option written with a"
                    + " leading at-sign (at-sign clientId reads providers.ID.clientId when the request is made; a trailing"
                    + " question mark leaves the field out when the option is not set), #token or #refreshToken (of the"
                    + " token being renewed), or a literal, e.g. field.grant_type: client_credentials")
    private Map<String, Object> field = Map.of();
    @UriParam(label = "form,json,query", prefix = SECRET_FIELD, multiValue = true, secret = true,
            javaType = "java.util.Map<java.lang.String, java.lang.Object>",
            description = "One field whose value is a secret provider option, secretField.NAME: SOURCE, the option written"
                    + " with a leading at-sign as in field (at-sign clientSecret). Its value is read when the request is"
                    + " made and masked in every log; only the option's name is in the route")
    private Map<String, Object> secretField = Map.of();
    @UriParam(label = "form,json,query", description = "Deprecated: use field.NAME and secretField.NAME. The fields as one"
            + " list, name:source,name:source, e.g. grant_type:client_credentials")
    @Metadata(deprecationNote = "use field.NAME and secretField.NAME, one parameter per field")
    @Deprecated
    private String fields;
    @UriParam(label = "form,json,query", description = "Deprecated, with the fields list: the options among fields whose"
            + " values are secrets, e.g. clientSecret,password")
    @Metadata(deprecationNote = "use secretField.NAME")
    @Deprecated
    private String sensitive = "";
    private String format;

    public Map<String, Object> getField() {
        return field;
    }

    public void setField(Map<String, Object> field) {
        this.field = Collections.unmodifiableMap(new LinkedHashMap<>(field));
    }

    public Map<String, Object> getSecretField() {
        return secretField;
    }

    public void setSecretField(Map<String, Object> secretField) {
        this.secretField = Collections.unmodifiableMap(new LinkedHashMap<>(secretField));
    }

    @Deprecated
    public String getFields() {
        return fields;
    }

    @Deprecated
    public void setFields(String fields) {
        this.fields = fields;
    }

    @Deprecated
    public String getSensitive() {
        return sensitive;
    }

    @Deprecated
    public void setSensitive(String sensitive) {
        this.sensitive = sensitive;
    }

    /** Every field in order: the deprecated list first, then one per {@code field.}/{@code secretField.} option. */
    List<RequestField> requestFields() {
        Set<String> secret = Arrays.stream(sensitive.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        List<RequestField> all = new ArrayList<>();
        RequestField.parse(fields).forEach(f -> all.add(f.option().filter(secret::contains).isPresent() ? f.asSecret() : f));
        all.addAll(RequestField.of(field, secretField));
        return all;
    }

    @Override
    public void validate(AuthroutesEndpoint endpoint) {
        List<RequestField> all = requestFields();
        Set<String> read = all.stream().flatMap(f -> f.option().stream()).collect(Collectors.toSet());
        for (String secret : sensitive.split(",")) {
            if (!secret.isBlank() && !read.contains(secret.trim())) {
                throw new InvalidSettingException(endpoint.getEndpointUri() + " declares sensitive=" + secret.trim()
                        + ", but reads no @" + secret.trim() + "; name options of its fields, one of " + read);
            }
        }
    }

    @Override
    public List<CredentialOption> credentialsRead(AuthroutesEndpoint endpoint) {
        return requestFields().stream().flatMap(f -> f.option().map(option -> {
            CredentialOption credential = f.isOptional() ? CredentialOption.optional(option) : CredentialOption.required(option);
            return f.secret() ? credential.asSecret() : credential;
        }).stream()).toList();
    }

    @Override
    public Producer createProducer(AuthroutesEndpoint endpoint) {
        List<RequestField> parsed = requestFields();
        String step = endpoint.getStep();
        return new DefaultProducer(endpoint) {
            @Override
            public void process(Exchange exchange) {
                ProviderProperties properties = endpoint.getComponent().properties(endpoint.getProvider());
                Optional<Token> current = Optional.ofNullable(exchange.getProperty(RouteTokenEndpoint.CURRENT, Token.class));
                write(step, exchange.getMessage(), parsed, properties, current);
            }
        };
    }

    private static void write(String step, Message message, List<RequestField> parsed, ProviderProperties properties,
                              Optional<Token> current) {
        switch (step) {
            case "form" -> {
                message.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
                message.setBody(encoded(parsed, properties, current));
            }
            case "query" -> message.setHeader(Exchange.HTTP_QUERY, encoded(parsed, properties, current));
            default -> {
                Map<String, Object> body = new LinkedHashMap<>();
                for (RequestField field : parsed) {
                    field.value(properties, current).ifPresent(value -> body.put(field.name(),
                            field.isLiteral() && (value.equals("true") || value.equals("false")) ? Boolean.valueOf(value) : value));
                }
                message.setHeader(Exchange.CONTENT_TYPE, "application/json");
                message.setBody(JsonText.object(body));
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
