package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.ProviderSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every {@code providers.<id>} block with a {@code baseUrl} into routes. A provider kind is the
 * set of route templates {@code <kind>.call}, {@code <kind>.token} and optionally {@code <kind>.refresh},
 * {@code .extend}, {@code .revoke} in {@code routes/auth/<kind>.camel.yaml}; the kind is
 * {@code providers.<id>.kind}, or the id itself. Two accounts of one kind are two blocks, no more YAML.
 *
 * <p>Each template parameter is filled from the option of the same name; secrets are not accepted as
 * parameters (routes read them at request time with {@code @option}), so no secret is ever part of a
 * route definition that Hawtio or a route dump could show.
 */
public class ProviderRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRoutes.class);
    private static final Pattern ACTIVE = Pattern.compile("providers\\.([a-z0-9][a-z0-9-]*)\\.baseUrl");
    static final String CALL = "call";

    @Override
    public void configure() {
        // the routes come from YAML templates, which exist only in the templated-routes phase below
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) throws Exception {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Map<String, RouteTemplateDefinition> templates = model.getRouteTemplateDefinitions().stream()
                .collect(Collectors.toMap(RouteTemplateDefinition::getId, Function.identity()));
        for (String id : activeProviders(context)) {
            if (model.getRouteDefinition(id) == null) {
                addProvider(context, id, templates);
            }
        }
        super.addTemplatedRoutesToCamelContext(context);
    }

    /** Ids of the providers whose {@code baseUrl} is set. */
    public static Set<String> activeProviders(CamelContext context) {
        Properties keys = context.getPropertiesComponent().loadProperties(k -> k.startsWith(ProviderProperties.PREFIX));
        keys.putAll(System.getProperties());
        Set<String> ids = new TreeSet<>();
        for (String key : keys.stringPropertyNames()) {
            Matcher m = ACTIVE.matcher(key);
            if (m.matches() && context.getPropertiesComponent().resolveProperty(key).filter(v -> !v.isBlank()).isPresent()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private void addProvider(CamelContext context, String id, Map<String, RouteTemplateDefinition> templates) {
        ProviderProperties properties = new ProviderProperties(id, key -> context.getPropertiesComponent().resolveProperty(key));
        ProviderSettings.load(properties);
        String kind = properties.optional("kind").orElse(id);
        List<RouteTemplateDefinition> own = templates.values().stream()
                .filter(t -> t.getId().startsWith(kind + ".")).toList();
        Set<String> operations = own.stream().map(t -> t.getId().substring(kind.length() + 1)).collect(Collectors.toSet());
        if (!operations.containsAll(Set.of(CALL, "token"))) {
            throw new ProviderConfigurationException(id, "no route templates " + kind + ".call and " + kind
                    + ".token were found in routes/auth; add routes/auth/" + kind + ".camel.yaml or set "
                    + properties.key("kind") + " to one of " + kinds(templates));
        }
        for (RouteTemplateDefinition template : own) {
            String operation = template.getId().substring(kind.length() + 1);
            String routeId = operation.equals(CALL) ? id : id + "." + operation;
            TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, template.getId())
                    .routeId(routeId).parameter("id", id);
            for (RouteTemplateParameterDefinition parameter : template.getTemplateParameters()) {
                fill(builder, parameter, properties, template.getId());
            }
            builder.add();
        }
        LOG.info("Provider {} ({}): routes {}", id, kind, operations.stream().sorted()
                .map(op -> op.equals(CALL) ? id : id + "." + op).collect(Collectors.joining(", ")));
    }

    private static void fill(TemplatedRouteBuilder builder, RouteTemplateParameterDefinition parameter,
                             ProviderProperties properties, String templateId) {
        String name = parameter.getName();
        if (name.equals("id")) {
            return;
        }
        if (ProviderSettings.isSecretOption(name)) {
            throw new ProviderConfigurationException(properties.providerId(), "route template " + templateId
                    + " takes the secret '" + name + "' as a parameter; read it at request time with @" + name
                    + " in an authroutes:form/json/query/basic step instead");
        }
        properties.optional(name).ifPresentOrElse(value -> builder.parameter(name, value), () -> {
            if (parameter.isRequired() && parameter.getDefaultValue() == null) {
                throw new ProviderConfigurationException(properties.providerId(), properties.key(name)
                        + " is not set" + (parameter.getDescription() == null ? "" : " (" + parameter.getDescription() + ")"));
            }
        });
    }

    private static Set<String> kinds(Map<String, RouteTemplateDefinition> templates) {
        return templates.keySet().stream().filter(t -> t.endsWith("." + CALL))
                .map(t -> t.substring(0, t.length() - CALL.length() - 1)).collect(Collectors.toCollection(TreeSet::new));
    }
}
