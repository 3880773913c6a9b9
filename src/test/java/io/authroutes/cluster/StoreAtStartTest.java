package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authroutes.testing.AppInstance;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A store setting that cannot work refuses the start, naming the property; the default needs no Redis. */
class StoreAtStartTest {

    private static Map<String, String> app(Map<String, String> store) {
        Map<String, String> properties = new HashMap<>(Map.of("sandbox.port", "0", "hawtio.enabled", "false",
                "camel.management.enabled", "false", "camel.main.jmx-enabled", "false",
                "camel.main.routes-include-pattern", "file:routes/auth/*.camel.yaml"));
        properties.putAll(store);
        return properties;
    }

    @Test
    void redisStoreWithoutEncryptionKeyThenStartRefusedNamingTheProperty() {
        assertThatThrownBy(() -> AppInstance.start(app(Map.of("authroutes.store", "redis",
                "authroutes.store.redis.uri", "redis://127.0.0.1:1")), Clock.systemUTC()).close())
                .hasStackTraceContaining("authroutes.store.encryptionKey is missing");
    }

    @Test
    void redisStoreWithoutUriThenStartRefusedNamingTheProperty() {
        assertThatThrownBy(() -> AppInstance.start(app(Map.of("authroutes.store", "redis")), Clock.systemUTC()).close())
                .hasStackTraceContaining("authroutes.store.redis.uri is missing");
    }

    @Test
    void unknownStoreThenStartRefusedNamingTheChoices() {
        assertThatThrownBy(() -> AppInstance.start(app(Map.of("authroutes.store", "memcached")), Clock.systemUTC()).close())
                .hasStackTraceContaining("authroutes.store is 'memcached'; use local");
    }
}
