package io.authroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.Token;
import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStore;
import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.auth.store.TokenStores;
import io.authroutes.testing.AppInstance;
import io.authroutes.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An instance started while Redis does not answer: each of its providers joins the cluster once Redis is
 * back, counted among the token's users and hearing the tokens other instances store.
 */
class RedisAwayAtStartTest {

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.open();

    private final String prefix = "away-" + ProcessHandle.current().pid();
    private final Map<String, String> store = store();

    private Map<String, String> store() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of("authroutes.store", "redis", "authroutes.store.redis.uri", REDIS.uri(),
                "authroutes.store.prefix", prefix, "authroutes.store.encryptionKey", Base64.getEncoder().encodeToString(key),
                "authroutes.store.redis.timeout", "500ms", "authroutes.store.retryAfter", "200ms",
                "authroutes.store.heartbeat", "1500ms");
    }

    @Test
    void fourProvidersCreatedWhileRedisIsDownThenEachJoinsWhenItIsBack() throws Exception {
        Map<String, String> properties = new HashMap<>(store);
        properties.putAll(Map.of("sandbox.port", "0", "hawtio.enabled", "false", "camel.management.enabled", "false",
                "camel.main.jmx-enabled", "false", "camel.main.routes-include-pattern", "file:routes/auth/*.camel.yaml"));
        REDIS.stop();
        try (AppInstance instance = AppInstance.start(properties, Clock.systemUTC())) {
            REDIS.start();

            await().atMost(Duration.ofSeconds(15)).until(() -> members().size() == 4);
            TokenStore other = TokenStores.open(k -> Optional.ofNullable(store.get(k)), Map.of(), Clock.systemUTC());
            try {
                for (TokenAccount account : members()) {
                    Instant now = Instant.now();
                    Token stored = other.obtainOnce(account, null, refresh -> new Token("from-another-instance-" + account.providerId(),
                            now, now.plus(Duration.ofHours(1)), null, Map.of()), FlightLimits.forTokenTimeout(Duration.ofSeconds(5)));
                    await().atMost(Duration.ofSeconds(10)).until(() -> instance.auth(account.providerId()).current()
                            .filter(token -> token.value().equals(stored.value())).isPresent());
                }
            } finally {
                other.close();
            }
        }
    }

    /** The accounts with one live member, read from the key names: {@code <prefix>:<provider>:{<hash>}:members}. */
    private List<TokenAccount> members() {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            return raw.sync().keys(prefix + ":*:members").stream()
                    .filter(key -> raw.sync().zcard(key) == 1)
                    .map(key -> key.split(":"))
                    .map(parts -> new TokenAccount(parts[1], parts[2].replaceAll("[{}]", ""))).toList();
        } finally {
            client.shutdown();
        }
    }
}
