package io.authroutes.auth.camel;

import io.authroutes.auth.InvalidSettingException;
import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One field of a token request (or one header): a name and where its value comes from. The source is
 * {@code @option} (the provider's property, read when the request is made, so no secret is ever part
 * of a route definition; {@code @option?} leaves the field out when the option is not set),
 * {@code #token}, {@code #refreshToken} or {@code #<name>} (a value the token step kept with
 * {@code keep.<name>}: of the token being renewed), or a literal.
 *
 * @param secret the option read is a secret: masked wherever text may reach a log, refused as a literal
 */
record RequestField(String name, String source, boolean secret) {


    /** Fields given as options {@code field.<name>=<source>} and {@code secretField.<name>=@<option>}, in that order. */
    static List<RequestField> of(Map<String, Object> fields, Map<String, Object> secretFields) {
        List<RequestField> all = new ArrayList<>();
        fields.forEach((name, source) -> all.add(new RequestField(name, String.valueOf(source).trim(), false)));
        secretFields.forEach((name, source) -> {
            RequestField field = new RequestField(name, String.valueOf(source).trim(), true);
            if (field.option().isEmpty()) {
                throw new InvalidSettingException("secretField." + name + " must name the provider option holding the secret,"
                        + " e.g. secretField." + name + ": \"@clientSecret\"; a literal would put the secret in the route");
            }
            all.add(field);
        });
        return all;
    }

    /** The deprecated one-option form {@code name:source,name:source}. */
    static List<RequestField> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        return Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(part -> {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new InvalidSettingException("request field '" + part + "' must be name:source, where source is"
                        + " @option, #token, #refreshToken or a literal, e.g. client_id:@clientId");
            }
            return new RequestField(part.substring(0, colon).trim(), part.substring(colon + 1).trim(), false);
        }).toList();
    }

    RequestField asSecret() {
        return new RequestField(name, source, true);
    }

    boolean isOptional() {
        return source.startsWith("@") && source.endsWith("?");
    }

    /** The provider option this field reads, for an {@code @option} source. */
    Optional<String> option() {
        if (!source.startsWith("@")) {
            return Optional.empty();
        }
        return Optional.of(isOptional() ? source.substring(1, source.length() - 1) : source.substring(1));
    }

    boolean isLiteral() {
        return !source.startsWith("@") && !source.startsWith("#");
    }

    /** The value to send; empty only for an optional option that is not set. */
    Optional<String> value(ProviderProperties properties, Optional<Token> current) {
        if (isOptional()) {
            return properties.optional(option().orElseThrow());
        }
        return Optional.of(resolve(properties, current));
    }

    private String resolve(ProviderProperties properties, Optional<Token> current) {
        if (option().isPresent()) {
            return properties.required(option().get());
        }
        return switch (source) {
            case "#token" -> current(properties, current).value();
            case "#refreshToken" -> current(properties, current).refresh().orElseThrow(() ->
                    new ProviderConfigurationException(properties.providerId(), "the token being renewed has no refresh token"));
            default -> source.startsWith("#") ? kept(properties, current, source.substring(1)) : source;
        };
    }

    /** A further value of the token being renewed, as its token step's {@code keep.<name>} read it. */
    private static String kept(ProviderProperties properties, Optional<Token> current, String name) {
        return Optional.ofNullable(current(properties, current).attributes().get(name)).orElseThrow(() ->
                new ProviderConfigurationException(properties.providerId(), "the token being renewed has no value '" + name
                        + "'; its token step needs keep." + name + ": <where in the answer>"));
    }

    private static Token current(ProviderProperties properties, Optional<Token> current) {
        return current.orElseThrow(() -> new ProviderConfigurationException(properties.providerId(),
                "#token is only known in refresh, extend and revoke routes"));
    }
}
