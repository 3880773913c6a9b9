package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.model.RouteTemplateParameterDefinition;

/**
 * The values a route template parameter accepts, declared where the template declares the parameter:
 * a description that begins {@code one of a, b, c} (up to a {@code ;}). Camel's template parameters have
 * no such attribute, and a template's own {@code choice} would only notice a wrong value at the first
 * request, so the value is checked when the provider's routes are built.
 */
record AcceptedValues(List<String> values) {

    private static final Pattern DECLARED = Pattern.compile("^one of ([\\w.-]+(?:, [\\w.-]+)*)(?:;|$)");

    /** The values {@code parameter} accepts, or none when its description declares none (any value goes). */
    static AcceptedValues of(RouteTemplateParameterDefinition parameter) {
        Matcher m = DECLARED.matcher(parameter.getDescription() == null ? "" : parameter.getDescription());
        return new AcceptedValues(m.find() ? Arrays.asList(m.group(1).split(", ")) : List.of());
    }

    /** Throws, naming the key and what it accepts, when {@code value} of option {@code name} is not accepted. */
    void check(ProviderProperties properties, String name, String value) {
        if (!values.isEmpty() && !values.contains(value)) {
            // template parameters are never secrets (ProviderOptionsCheck refuses those), so the value may be shown
            throw new ProviderConfigurationException(properties.providerId(), properties.key(name) + " is '" + value
                    + "'; accepted values: " + String.join(", ", values));
        }
    }
}
