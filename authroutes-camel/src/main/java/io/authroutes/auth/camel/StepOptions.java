package io.authroutes.auth.camel;

import io.authroutes.auth.InvalidSettingException;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Which steps read which option, as the options' labels say (the same labels that split the generated
 * reference, docs/options.md, into one table per step). An option given to a step that does not read it
 * would be set and then ignored, so a misplaced {@code header} or {@code token} is refused when the
 * endpoint is made instead.
 */
final class StepOptions {

    /** Option name, or prefix such as {@code field.}, to the steps that read it; options of every step are absent. */
    private static final Map<String, List<String>> READERS = Collections.unmodifiableMap(readers(AuthroutesEndpoint.class, new TreeMap<>()));

    private StepOptions() {
    }

    /** Throws, naming the option, the step and the steps that read it, when {@code step} is given an option of others. */
    static void check(String step, Map<String, Object> parameters) {
        for (String given : parameters.keySet()) {
            READERS.entrySet().stream()
                    .filter(option -> option.getKey().endsWith(".") ? given.startsWith(option.getKey()) : given.equals(option.getKey()))
                    .findFirst()
                    .filter(option -> !option.getValue().contains(step))
                    .ifPresent(option -> {
                        throw new InvalidSettingException(AuthroutesComponent.NAME + ":" + step + " does not read the option "
                                + given + "; it is read by " + AuthroutesComponent.NAME + ":" + String.join(", "
                                + AuthroutesComponent.NAME + ":", option.getValue()));
                    });
        }
    }

    private static Map<String, List<String>> readers(Class<?> type, Map<String, List<String>> found) {
        for (Field field : type.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param == null) {
                continue;
            }
            if (field.getType().isAnnotationPresent(UriParams.class)) {
                readers(field.getType(), found);
            } else if (!param.label().isEmpty()) {
                String name = !param.prefix().isEmpty() ? param.prefix() : param.name().isEmpty() ? field.getName() : param.name();
                found.put(name, List.of(param.label().split(",")));
            }
        }
        return found;
    }
}
