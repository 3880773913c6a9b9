package io.authroutes.auth.camel;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The keys of Spring's environment when the application runs under Spring Boot (its environment is then a
 * bean of the registry): every property source that can list its names, which are those of files, profiles,
 * command-line arguments and system properties; a source that cannot (random values) holds no provider key.
 */
final class SpringEnvironmentKeys {

    private SpringEnvironmentKeys() {
    }

    static Set<String> startingWith(CamelContext context, String prefix) {
        Set<String> keys = new TreeSet<>();
        for (ConfigurableEnvironment environment : context.getRegistry().findByType(ConfigurableEnvironment.class)) {
            for (PropertySource<?> source : environment.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> listed) {
                    Arrays.stream(listed.getPropertyNames()).filter(k -> k.startsWith(prefix)).forEach(keys::add);
                }
            }
        }
        return keys;
    }
}
