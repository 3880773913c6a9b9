package io.authroutes.auth.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lettuce is optional in authroutes-camel: an app that asks for the Redis store without it is told what to add. */
class OptionalRedisClientTest {

    /** The class path of an app that did not add Lettuce. */
    static final ClassLoader WITHOUT_LETTUCE = new ClassLoader(OptionalRedisClientTest.class.getClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.lettuce.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    };

    @Test
    void redisStoreWithoutLettuceThenRefusedInOneLineNamingTheDependency() {
        assertThatThrownBy(() -> TokenStores.requireRedisClient(WITHOUT_LETTUCE))
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessage("authroutes.store is redis, but the Redis client is not on the class path: add the dependency "
                        + "io.lettuce:lettuce-core (6.8.1.RELEASE, the version authroutes is tested with)");
    }

    @Test
    void redisStoreWithLettuceThenTheSettingsAreCheckedNext() {
        // with Lettuce present the next complaint is about the store's own settings, not the class path
        assertThatThrownBy(() -> TokenStores.open(key -> key.equals(TokenStores.STORE_PROPERTY) ? Optional.of("redis")
                : Optional.empty(), Map.of(), java.time.Clock.systemUTC()))
                .isInstanceOf(StoreConfigurationException.class)
                .message().doesNotContain("class path");
    }
}
