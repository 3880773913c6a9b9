package io.authroutes.auth.camel;

import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;

/**
 * The property keys an application gives, by name, wherever Camel resolves them from: its properties files
 * and JVM system properties and, under Spring Boot, Spring's environment (application.properties or .yml,
 * profiles, command-line arguments), whose keys Camel can look up but not list. Environment variables are
 * named differently ({@code PROVIDERS_<ID>_<OPTION>}) and are read by whoever checks them.
 */
final class GivenKeys {

    private static final String SPRING_ENVIRONMENT = "org.springframework.core.env.ConfigurableEnvironment";

    private GivenKeys() {
    }

    static Set<String> startingWith(CamelContext context, String prefix) {
        Set<String> keys = new TreeSet<>(context.getPropertiesComponent().loadProperties(k -> k.startsWith(prefix)).stringPropertyNames());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        // without Spring on the class path SpringEnvironmentKeys is never loaded, so Spring stays optional
        if (context.getClassResolver().resolveClass(SPRING_ENVIRONMENT) != null) {
            keys.addAll(SpringEnvironmentKeys.startingWith(context, prefix));
        }
        return keys;
    }
}
