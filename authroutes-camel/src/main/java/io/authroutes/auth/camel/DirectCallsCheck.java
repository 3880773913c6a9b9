package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderConfigurationException;
import io.authroutes.auth.ProviderProperties;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Refuses the start when a route calls {@code direct:<name>} and no route consumes it. Camel itself would
 * only fail the first call, after waiting 30 s for a consumer; for a provider id this means its block is
 * missing or has no {@code baseUrl}, and the message says which key to set.
 */
final class DirectCallsCheck {

    private static final String DIRECT = "direct:";

    private DirectCallsCheck() {
    }

    static void check(CamelContext context) {
        Directs directs = directs(context);
        Map<String, String> unanswered = new TreeMap<>(directs.calledBy());
        unanswered.keySet().removeAll(directs.consumed());
        unanswered.forEach((name, route) -> {
            String baseUrl = ProviderProperties.PREFIX + name + ".baseUrl";
            throw new ProviderConfigurationException(name, "route " + route + " calls direct:" + name
                    + " but nothing answers there: set " + baseUrl + " (and the rest of the providers." + name
                    + " block) for a provider of that id, or add a route from direct:" + name);
        });
    }

    /**
     * The {@code direct:} names routes call (each with the first route calling it), and those routes consume.
     * The called names are also how provider ids are found where the application's properties can be looked
     * up but not listed (Spring Boot's environment): a flow calling {@code direct:acme} names provider acme.
     */
    record Directs(Map<String, String> calledBy, Set<String> consumed) {
    }

    static Directs directs(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> consumed = new TreeSet<>();
        Map<String, String> calledBy = new TreeMap<>();
        PropertiesComponent placeholders = context.getPropertiesComponent();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            // a route made from a template resolves its {{parameters}} only with them at hand
            Properties parameters = new Properties();
            if (route.getTemplateParameters() != null) {
                parameters.putAll(route.getTemplateParameters());
            }
            placeholders.setLocalProperties(parameters);
            try {
                directName(context, route.getInput().getEndpointUri()).ifPresent(consumed::add);
                for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                    directName(context, to.getEndpointUri()).ifPresent(name -> calledBy.putIfAbsent(name, route.getRouteId()));
                }
            } finally {
                placeholders.setLocalProperties(null);
            }
        }
        return new Directs(calledBy, consumed);
    }

    private static Optional<String> directName(CamelContext context, String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        String resolved;
        try {
            resolved = context.resolvePropertyPlaceholders(uri);
        } catch (IllegalArgumentException unresolved) {
            // Camel names the missing placeholder when it makes the route
            return Optional.empty();
        }
        if (!resolved.startsWith(DIRECT)) {
            return Optional.empty();
        }
        String name = resolved.substring(DIRECT.length()).replaceFirst("^//", "");
        int query = name.indexOf('?');
        return Optional.of(query < 0 ? name : name.substring(0, query));
    }
}
