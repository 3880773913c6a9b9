package io.authroutes.auth.store;

import static io.authroutes.auth.store.TestStores.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.auth.Token;
import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.testing.CapturedLog;
import io.authroutes.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What someone who can read Redis learns: key names with hashes, and ciphertext. */
class SealedAtRestTest {

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.open();

    private static final List<String> SECRETS = List.of("access-5ecret-value", "refresh-5ecret-value", "ops@example.com",
            "policy-5ecret-state");
    private static final Token TOKEN = new Token("access-5ecret-value", Instant.now(), Instant.now().plusSeconds(3600),
            "refresh-5ecret-value", Map.of("userId", "42"));
    private static final FlightLimits LIMITS = FlightLimits.forTokenTimeout(Duration.ofSeconds(5));

    private final TestStores stores = new TestStores(REDIS.uri());

    @AfterEach
    void stop() {
        stores.close();
    }

    @Test
    void storedValuesAreCiphertextAndKeysShowNoLogin() {
        RedisTokenStore store = stores.instance();
        store.obtainOnce(ACCOUNT, null, refresh -> TOKEN, LIMITS);
        store.compareAndSetPolicyState(ACCOUNT, null, "policy-5ecret-state", Duration.ZERO);
        store.join(ACCOUNT);

        try (RawRedis raw = new RawRedis(REDIS.uri())) {
            List<String> keys = raw.keys(stores.prefix + ":*");
            assertThat(keys).containsExactlyInAnyOrder(stores.prefix + ":salebasis:{" + ACCOUNT.identity() + "}:token",
                    stores.prefix + ":salebasis:{" + ACCOUNT.identity() + "}:policy",
                    stores.prefix + ":salebasis:{" + ACCOUNT.identity() + "}:members");
            for (String key : keys) {
                String dump = new String(raw.commands().dump(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
                assertThat(SECRETS).as("plaintext in %s", key).noneMatch(dump::contains);
            }
            assertThat(keys).noneMatch(key -> key.contains("example.com"));
        }
    }

    @Test
    void announcedTokensAreCiphertext() {
        List<String> messages = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisPubSubConnection<String, String> listening = client.connectPubSub()) {
            listening.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    messages.add(message);
                }
            });
            listening.sync().subscribe(stores.prefix + ":events");
            RedisTokenStore store = stores.instance();

            store.obtainOnce(ACCOUNT, null, refresh -> TOKEN, LIMITS);
            store.invalidate(ACCOUNT, TOKEN);

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> messages.size() == 2);
            assertThat(SECRETS).noneMatch(secret -> messages.stream().anyMatch(m -> m.contains(secret)));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void tokenSealedUnderAWrongKeyThenAbsentForTheFixedKeyAndReplacedByItsNextTokenRequest() {
        // a token without expiry (ZONT): its key has no TTL, so only a replacement can end the episode
        Token forever = new Token("sealed-under-the-wrong-key", Instant.now(), null, null, Map.of());
        stores.instance().obtainOnce(ACCOUNT, null, refresh -> forever, LIMITS);
        stores.with(RedisStoreSettings.KEY_PROPERTY, TestStores.randomKey());
        RedisTokenStore fixed = stores.instance();
        AtomicInteger requests = new AtomicInteger();

        try (CapturedLog log = CapturedLog.capture()) {
            assertThat(fixed.shared(ACCOUNT)).isEmpty();
            assertThat(fixed.unreadable()).get(InstanceOfAssertFactories.STRING)
                    .contains("1 value(s) in Redis cannot be read with this instance's authroutes.store.encryptionKey");
            Token replacement = fixed.obtainOnce(ACCOUNT, null, refresh -> {
                requests.incrementAndGet();
                return TOKEN;
            }, LIMITS);

            assertThat(replacement).isEqualTo(TOKEN);
            assertThat(requests).hasValue(1);
            assertThat(stores.instance().shared(ACCOUNT)).as("another instance with the fixed key").contains(TOKEN);
            assertThat(fixed.unreadable()).isEmpty();
            assertThat(log.text().split("cannot be opened with this instance's authroutes.store.encryptionKey", -1))
                    .as("one WARN").hasSize(2);
            assertThat(log.text()).contains("the key differs between instances using prefix " + stores.prefix);
        }
    }

    @Test
    void policyStateSealedUnderAWrongKeyThenAbsentAndReplaced() {
        stores.instance().compareAndSetPolicyState(ACCOUNT, null, "CREDENTIALS_REFUSED 3", Duration.ZERO);
        RedisTokenStore fixed = stores.with(RedisStoreSettings.KEY_PROPERTY, TestStores.randomKey()).instance();

        assertThat(fixed.policyState(ACCOUNT)).isEmpty();
        assertThat(fixed.compareAndSetPolicyState(ACCOUNT, null, "HEALTHY", Duration.ZERO)).isTrue();

        assertThat(stores.instance().policyState(ACCOUNT)).contains("HEALTHY");
        assertThat(fixed.unreadable()).isEmpty();
    }
}
