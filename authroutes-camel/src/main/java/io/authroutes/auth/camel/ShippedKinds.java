package io.authroutes.auth.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * The provider kinds this library ships, as classpath resources {@code authroutes/kinds/<kind>.camel.yaml},
 * and the route configurations their routes share ({@code authroutes/token-routes.camel.yaml}). A kind the
 * application's own routes already define (a route template {@code <kind>.call}, e.g. from its
 * {@code routes/auth/zont.camel.yaml}) is the application's: the shipped one of that name is not loaded.
 */
final class ShippedKinds {

    static final String KINDS = "classpath:authroutes/kinds/*.camel.yaml";
    static final String SHARED = "classpath:authroutes/token-routes.camel.yaml";
    /** The route configuration every call route names (token-routes.camel.yaml). */
    static final String CALL_CONFIGURATION = "authroutes-call";
    private static final String SUFFIX = ".camel.yaml";

    private ShippedKinds() {
    }

    /** Loads the shipped kinds the application does not define, and the shared configurations unless present. */
    static void addMissing(CamelContext context) throws Exception {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> defined = model.getRouteTemplateDefinitions().stream().map(RouteTemplateDefinition::getId)
                .filter(id -> id.contains(".")).map(id -> id.substring(0, id.lastIndexOf('.'))).collect(Collectors.toSet());
        List<Resource> missing = new ArrayList<>();
        for (Resource kind : PluginHelper.getPackageScanResourceResolver(context).findResources(KINDS)) {
            if (!defined.contains(kindName(kind))) {
                missing.add(kind);
            }
        }
        if (model.getRouteConfigurationDefinitions().stream().map(RouteConfigurationDefinition::getId)
                .noneMatch(CALL_CONFIGURATION::equals)) {
            missing.add(PluginHelper.getResourceLoader(context).resolveResource(SHARED));
        }
        if (!missing.isEmpty()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(missing);
        }
    }

    private static String kindName(Resource resource) {
        String location = resource.getLocation();
        String file = location.substring(location.lastIndexOf('/') + 1);
        return file.endsWith(SUFFIX) ? file.substring(0, file.length() - SUFFIX.length()) : file;
    }
}
