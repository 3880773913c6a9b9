package io.authroutes.auth.camel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceLoader;
import org.apache.camel.support.PluginHelper;

/**
 * The provider kinds this library ships, as classpath resources {@code authroutes/kinds/<kind>.camel.yaml},
 * and the route configurations their routes share ({@code authroutes/token-routes.camel.yaml}). Only the
 * kinds the providers name are read: reading the YAML of a kind costs 15-25 ms at start. A kind the
 * application's own routes already define (a route template {@code <kind>.call}, e.g. from its
 * {@code routes/auth/zont.camel.yaml}) is the application's: the shipped one of that name is not loaded.
 */
final class ShippedKinds {

    static final String LOCATION = "classpath:authroutes/kinds/";
    static final String SHARED = "classpath:authroutes/token-routes.camel.yaml";
    /** The route configuration every call route names (token-routes.camel.yaml). */
    static final String CALL_CONFIGURATION = "authroutes-call";
    private static final String SUFFIX = ".camel.yaml";
    /** A kind's name as a file name: no path, so a kind never reads another resource. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ShippedKinds() {
    }

    /**
     * Loads those of {@code kinds} that are shipped and that the application does not define, and the shared
     * configurations unless present.
     */
    static void addMissing(CamelContext context, Collection<String> kinds) throws Exception {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> defined = model.getRouteTemplateDefinitions().stream().map(RouteTemplateDefinition::getId)
                .filter(id -> id.contains(".")).map(id -> id.substring(0, id.lastIndexOf('.'))).collect(Collectors.toSet());
        ResourceLoader resources = PluginHelper.getResourceLoader(context);
        List<Resource> missing = new ArrayList<>();
        for (String kind : kinds) {
            if (!defined.contains(kind) && NAME.matcher(kind).matches()) {
                Resource shipped = resources.resolveResource(LOCATION + kind + SUFFIX);
                if (shipped != null && shipped.exists()) {
                    missing.add(shipped);
                }
            }
        }
        if (model.getRouteConfigurationDefinitions().stream().map(RouteConfigurationDefinition::getId)
                .noneMatch(CALL_CONFIGURATION::equals)) {
            missing.add(resources.resolveResource(SHARED));
        }
        if (!missing.isEmpty()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(missing);
        }
    }

    /** Every shipped kind's name, read from the class path: for an error that lists the kinds there are. */
    static Set<String> names(CamelContext context) throws Exception {
        Set<String> names = new TreeSet<>();
        for (Resource kind : PluginHelper.getPackageScanResourceResolver(context).findResources(LOCATION + "*" + SUFFIX)) {
            String location = kind.getLocation();
            String file = location.substring(location.lastIndexOf('/') + 1);
            names.add(file.endsWith(SUFFIX) ? file.substring(0, file.length() - SUFFIX.length()) : file);
        }
        return names;
    }
}
