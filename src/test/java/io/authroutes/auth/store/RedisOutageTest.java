package io.authroutes.auth.store;

import static io.authroutes.auth.store.TestStores.ACCOUNT;
import static io.authroutes.auth.store.TestStores.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.auth.TokenStoreUnavailableException;
import io.authroutes.testing.RedisServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis away is a typed failure within the timeout (2 s by default), never a hang; the store comes back by itself. */
class RedisOutageTest {

    private static final String PASSWORD = "redis-pa55word";

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.withPassword(PASSWORD);

    private static final FlightLimits LIMITS = FlightLimits.forTokenTimeout(Duration.ofSeconds(5));
    /** The default 2 s command timeout, and room for a loaded build machine. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final TestStores stores = new TestStores(REDIS.uri()).withEnv(RedisStoreSettings.PASSWORD_ENV, PASSWORD);
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void restart() {
        REDIS.stop();
        REDIS.start();
        stores.close();
    }

    @Test
    void obtainOnceWhenRedisStoppedThenTypedFailureWithoutRequestAndNoPasswordInTheMessage() {
        RedisTokenStore store = stores.instance();
        store.shared(ACCOUNT);

        REDIS.stop();

        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> store.obtainOnce(ACCOUNT, null, refresh -> {
            requests.incrementAndGet();
            return token("unshared");
        }, LIMITS)).isInstanceOf(TokenStoreUnavailableException.class)
                .hasMessageStartingWith("salebasis: the token store at " + REDIS.uri() + " did not answer")
                .hasMessageNotContaining(PASSWORD));
        assertThat(requests).as("the engine decides what to do without the store").hasValue(0);
        assertThat(store.reachable()).isFalse();
    }

    @Test
    void sharedWhenRedisIsBackThenWorksAgainWithoutReopening() {
        RedisTokenStore store = stores.instance();
        store.obtainOnce(ACCOUNT, null, refresh -> token("before"), LIMITS);
        REDIS.stop();
        assertThatThrownBy(() -> store.shared(ACCOUNT)).isInstanceOf(TokenStoreUnavailableException.class);

        REDIS.start();

        await().atMost(Duration.ofSeconds(10)).until(store::reachable);
        assertThat(store.shared(ACCOUNT)).as("the restarted Redis kept nothing").isEmpty();
        assertThat(store.obtainOnce(ACCOUNT, null, refresh -> token("after"), LIMITS).value()).isEqualTo("after");
    }

    @Test
    void openWhenRedisIsDownThenStartsAndConnectsOnceRedisIsUp() {
        REDIS.stop();
        RedisTokenStore store = stores.instance();
        assertTimeoutPreemptively(BOUND, () -> assertThat(store.reachable()).isFalse());

        REDIS.start();

        await().atMost(Duration.ofSeconds(10)).until(store::reachable);
        assertThat(store.shared(ACCOUNT)).isEmpty();
    }

    @Test
    void sharedWhenRedisFrozenThenTypedFailureWithinTheTimeout() throws Exception {
        RedisTokenStore store = stores.instance();
        store.shared(ACCOUNT);
        REDIS.signal("STOP");
        try {
            assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> store.shared(ACCOUNT))
                    .isInstanceOf(TokenStoreUnavailableException.class)
                    .hasMessageContaining("RedisCommandTimeoutException"));
        } finally {
            REDIS.signal("CONT");
        }
    }
}
