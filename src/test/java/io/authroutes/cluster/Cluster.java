package io.authroutes.cluster;

import io.authroutes.testing.AppInstance;
import io.authroutes.testing.RotatingTokenServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Instances of the app sharing one Redis under a prefix of their own, and the properties they start with. */
final class Cluster implements AutoCloseable {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final String prefix = "cluster" + PREFIXES.incrementAndGet() + "-" + ProcessHandle.current().pid();
    final String encryptionKey;
    private final Map<String, String> properties = new HashMap<>();
    private final List<AppInstance> instances = new ArrayList<>();

    Cluster(String redisUri, RotatingTokenServer server, String password) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        encryptionKey = Base64.getEncoder().encodeToString(key);
        properties.putAll(Map.of("sandbox.enabled", "false", "hawtio.enabled", "false",
                "camel.management.enabled", "false", "camel.main.jmx-enabled", "false",
                "camel.main.routes-include-pattern", "file:routes/auth/*.camel.yaml",
                // only the provider under test is active
                "providers.zont.baseUrl", "", "providers.yavapteke.baseUrl", "", "providers.salebasis.baseUrl", ""));
        properties.putAll(Map.of("authroutes.store", "redis", "authroutes.store.redis.uri", redisUri,
                "authroutes.store.prefix", prefix, "authroutes.store.encryptionKey", encryptionKey,
                "authroutes.store.retryAfter", "200ms", "authroutes.store.redis.timeout", "1s"));
        properties.putAll(server.provider(password));
    }

    Cluster with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    AppInstance start(Clock clock) throws Exception {
        Map<String, String> own = new HashMap<>(properties);
        own.put("camel.main.name", "authroutes-" + instances.size());
        AppInstance instance = AppInstance.start(own, clock);
        instances.add(instance);
        return instance;
    }

    List<AppInstance> start(int count, Clock clock) throws Exception {
        List<AppInstance> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(start(clock));
        }
        return started;
    }

    @Override
    public void close() throws Exception {
        for (AppInstance instance : instances) {
            instance.close();
        }
    }
}
