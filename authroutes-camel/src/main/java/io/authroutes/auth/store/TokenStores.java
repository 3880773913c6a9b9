package io.authroutes.auth.store;

import io.authroutes.auth.LocalTokenStore;
import io.authroutes.auth.TokenEngine;
import io.authroutes.auth.TokenStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens the store {@code authroutes.store} names: {@code local} (the default) or {@code redis}.
 * Not for applications (public for the component); may change.
 */
public final class TokenStores {

    public static final String STORE_PROPERTY = TokenEngine.STORE_PROPERTY;

    private TokenStores() {
    }

    /**
     * @param properties the app's properties (placeholders resolved), e.g. Camel's {@code PropertiesComponent::resolveProperty}
     * @param env        where the Redis user and password come from ({@code System.getenv()})
     */
    public static TokenStore open(Function<String, Optional<String>> properties, Map<String, String> env, Clock clock) {
        String kind = properties.apply(STORE_PROPERTY).orElse("local").trim();
        return switch (kind) {
            case "local" -> new LocalTokenStore(clock);
            case "redis" -> {
                requireRedisClient(TokenStores.class.getClassLoader());
                yield new RedisTokenStore(RedisStoreSettings.load(properties, env), clock);
            }
            default -> throw new StoreConfigurationException(STORE_PROPERTY, "is '" + kind
                    + "'; use local (one instance, the default) or redis (instances share tokens)");
        };
    }

    /** Lettuce is an optional dependency of the library: only an app that shares tokens through Redis adds it. */
    static void requireRedisClient(ClassLoader loader) {
        try {
            Class.forName("io.lettuce.core.RedisClient", false, loader);
        } catch (ClassNotFoundException e) {
            throw new StoreConfigurationException(STORE_PROPERTY, "is redis, but the Redis client is not on the class "
                    + "path: add the dependency io.lettuce:lettuce-core (6.8.1.RELEASE, the version authroutes is tested with)");
        }
    }
}
