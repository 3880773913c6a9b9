package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.ProviderSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every {@code providers.<id>} block with a {@code baseUrl} into routes. A provider kind is the
 * set of route templates {@code <kind>.call}, {@code <kind>.token} and optionally {@code <kind>.refresh},
 * {@code .extend}, {@code .revoke}: shipped in this library ({@link ShippedKinds}) or the application's own
 * {@code <kind>.camel.yaml}; the kind is {@code providers.<id>.kind}, or the id itself. Two accounts of one
 * kind are two blocks, no more YAML.
 *
 * <p>Each template parameter is filled from the option of the same name; an option a step declares
 * secret is refused as a parameter (routes read secrets at request time with {@code @option}), so no
 * secret is ever part of a route definition that Hawtio or a route dump could show. The block is then
 * checked as a whole before the routes start ({@link ProviderOptionsCheck}). A parameter whose description
 * begins {@code one of a, b} takes only those values ({@link AcceptedValues}).
 * Not for applications (public for the library's monitoring); may change.
 */
public final class ProviderRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRoutes.class);
    private static final Pattern ACTIVE = Pattern.compile("providers\\.([a-z0-9][a-z0-9-]*)\\.baseUrl");
    static final String CALL = "call";

    private ProviderRoutes() {
    }

    /**
     * Adds the routes of every active provider that has none yet (at start, and again after a route
     * reload removed them), loading first the shipped kinds they name that the application does not define.
     */
    static void addTo(CamelContext context) throws Exception {
        Set<String> active = activeProviders(context);
        ShippedKinds.addMissing(context, active.stream().map(id -> kind(AuthroutesComponent.of(context).properties(id)))
                .collect(Collectors.toSet()));
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Map<String, RouteTemplateDefinition> templates = model.getRouteTemplateDefinitions().stream()
                .collect(Collectors.toMap(RouteTemplateDefinition::getId, Function.identity()));
        for (String id : active) {
            RouteDefinition existing = model.getRouteDefinition(id);
            if (existing == null) {
                ProviderOptionsCheck.check(context, addProvider(context, model, id, templates));
            } else if (!isProviderRoute(existing, id)) {
                // a provider's call route takes its provider's id: a flow of that id would hide the provider
                throw new ProviderConfigurationException(id, "a route of the application has the id '" + id
                        + "', which the call route of providers." + id + " takes; give that route another id");
            }
        }
    }

    /** The call route made from a kind for provider {@code id}, as after a reload that kept it. */
    private static boolean isProviderRoute(RouteDefinition route, String id) {
        Map<String, Object> parameters = route.getTemplateParameters();
        return parameters != null && id.equals(parameters.get("id"));
    }

    /** Ids of the providers whose {@code baseUrl} is set. */
    public static Set<String> activeProviders(CamelContext context) {
        Set<String> ids = new TreeSet<>();
        for (String key : GivenKeys.startingWith(context, ProviderProperties.PREFIX)) {
            Matcher m = ACTIVE.matcher(key);
            if (m.matches() && hasBaseUrl(context, m.group(1))) {
                ids.add(m.group(1));
            }
        }
        // properties that can be looked up but not listed (environment variables, a runtime's own configuration):
        // a provider is found by its callers
        DirectCallsCheck.directs(context).calledBy().keySet().stream().filter(id -> hasBaseUrl(context, id)).forEach(ids::add);
        return ids;
    }

    private static boolean hasBaseUrl(CamelContext context, String id) {
        return context.getPropertiesComponent().resolveProperty(ProviderProperties.PREFIX + id + ".baseUrl")
                .filter(v -> !v.isBlank()).isPresent();
    }

    private static ProviderOptionsCheck.Block addProvider(CamelContext context, Model model, String id,
                                                   Map<String, RouteTemplateDefinition> templates) throws Exception {
        ProviderProperties properties = AuthroutesComponent.of(context).properties(id);
        ProviderSettings.load(properties);
        String kind = kind(properties);
        List<RouteTemplateDefinition> own = templates.values().stream()
                .filter(t -> t.getId().startsWith(kind + ".")).toList();
        Set<String> operations = own.stream().map(t -> t.getId().substring(kind.length() + 1)).collect(Collectors.toSet());
        if (!operations.containsAll(Set.of(CALL, "token"))) {
            throw new ProviderConfigurationException(id, "no provider kind " + kind + " (route templates " + kind
                    + ".call and " + kind + ".token): set " + properties.key("kind") + " to one of " + kinds(context, templates)
                    + ", or add your own " + kind + ".camel.yaml to the routes Camel loads");
        }
        Map<String, Set<String>> parameters = new TreeMap<>();
        for (RouteTemplateDefinition template : own) {
            parameters.put(template.getId(), template.getTemplateParameters().stream()
                    .map(RouteTemplateParameterDefinition::getName).collect(Collectors.toSet()));
            String operation = template.getId().substring(kind.length() + 1);
            String routeId = operation.equals(CALL) ? id : id + "." + operation;
            TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, template.getId())
                    .routeId(routeId).parameter("id", id);
            for (RouteTemplateParameterDefinition parameter : template.getTemplateParameters()) {
                fill(builder, parameter, properties);
            }
            builder.add();
            if (operation.equals(CALL)) {
                // the request body is kept so the call can be replayed after re-authentication
                model.getRouteDefinition(routeId).setStreamCache("true");
            }
            declareCredentials(context, model.getRouteDefinition(routeId));
        }
        LOG.info("Provider {} ({}): routes {}", id, kind, operations.stream().sorted()
                .map(op -> op.equals(CALL) ? id : id + "." + op).collect(Collectors.joining(", ")));
        return new ProviderOptionsCheck.Block(properties, parameters);
    }

    /**
     * Makes the route's {@code authroutes:} steps once, as its template parameters resolve them, so they
     * declare the provider options they read before anything starts (the route itself is made later).
     */
    private static void declareCredentials(CamelContext context, RouteDefinition route) throws Exception {
        PropertiesComponent placeholders = context.getPropertiesComponent();
        Properties parameters = new Properties();
        parameters.putAll(route.getTemplateParameters());
        placeholders.setLocalProperties(parameters);
        try {
            for (ToDefinition step : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                String uri = context.resolvePropertyPlaceholders(step.getEndpointUri());
                if (uri.startsWith(AuthroutesComponent.NAME + ":")) {
                    AuthroutesComponent.of(context).createEndpoint(uri);
                }
            }
        } finally {
            placeholders.setLocalProperties(null);
        }
    }

    private static void fill(TemplatedRouteBuilder builder, RouteTemplateParameterDefinition parameter,
                             ProviderProperties properties) {
        String name = parameter.getName();
        if (name.equals("id")) {
            return;
        }
        properties.optional(name).ifPresentOrElse(value -> {
            AcceptedValues.of(parameter).check(properties, name, value);
            builder.parameter(name, value);
        }, () -> {
            if (parameter.isRequired() && parameter.getDefaultValue() == null) {
                throw new ProviderConfigurationException(properties.providerId(), properties.key(name)
                        + " is not set" + (parameter.getDescription() == null ? "" : " (" + parameter.getDescription() + ")"));
            }
        });
    }

    private static String kind(ProviderProperties properties) {
        return properties.optional("kind").orElse(properties.providerId());
    }

    /** The kinds the application defines and those shipped, loaded or not. */
    private static Set<String> kinds(CamelContext context, Map<String, RouteTemplateDefinition> templates) throws Exception {
        Set<String> kinds = templates.keySet().stream().filter(t -> t.endsWith("." + CALL))
                .map(t -> t.substring(0, t.length() - CALL.length() - 1)).collect(Collectors.toCollection(TreeSet::new));
        kinds.addAll(ShippedKinds.names(context));
        return kinds;
    }
}
