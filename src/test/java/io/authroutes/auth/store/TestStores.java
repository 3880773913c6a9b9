package io.authroutes.auth.store;

import io.authroutes.auth.Token;
import io.authroutes.auth.TokenAccount;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Store instances on one test Redis: each test gets its own prefix, so tests never see each other's keys. */
final class TestStores implements AutoCloseable {

    static final TokenAccount ACCOUNT = TokenAccount.of("salebasis", URI.create("https://api.example.com"), "ops@example.com");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final String prefix = "test" + PREFIXES.incrementAndGet();
    final String encryptionKey = randomKey();
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final List<RedisTokenStore> opened = new ArrayList<>();

    TestStores(String redisUri) {
        properties.put(RedisStoreSettings.URI_PROPERTY, redisUri);
        properties.put(RedisStoreSettings.PREFIX_PROPERTY, prefix);
        properties.put(RedisStoreSettings.KEY_PROPERTY, encryptionKey);
    }

    TestStores with(String property, String value) {
        properties.put(property, value);
        return this;
    }

    TestStores withEnv(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    RedisStoreSettings settings() {
        return RedisStoreSettings.load(key -> Optional.ofNullable(properties.get(key)), env);
    }

    /** A new instance of the app, as far as the store can tell: its own connections and instance id. */
    RedisTokenStore instance() {
        RedisTokenStore store = new RedisTokenStore(settings(), Clock.systemUTC());
        opened.add(store);
        return store;
    }

    static Token token(String value) {
        return new Token(value, Instant.now(), Instant.now().plus(Duration.ofHours(1)), "refresh-of-" + value,
                Map.of("scope", "orders"));
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        opened.forEach(RedisTokenStore::close);
    }
}
