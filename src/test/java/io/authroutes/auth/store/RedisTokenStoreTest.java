package io.authroutes.auth.store;

import static io.authroutes.auth.store.TestStores.ACCOUNT;
import static io.authroutes.auth.store.TestStores.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.authroutes.auth.SharedTokenTimeoutException;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenStore;
import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.testing.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two app instances, each with its own connections, sharing one real Redis. */
class RedisTokenStoreTest {

    @RegisterExtension
    static final RedisServer REDIS = RedisServer.open();

    private static final FlightLimits LIMITS = new FlightLimits(Duration.ofSeconds(5), Duration.ofSeconds(20));

    private final TestStores stores = new TestStores(REDIS.uri());
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        stores.close();
    }

    @Test
    void obtainOnceWhen64CallersOnEachOfTwoInstancesThenOneTokenRequest() throws Exception {
        List<RedisTokenStore> instances = List.of(stores.instance(), stores.instance());
        CountDownLatch allCalling = new CountDownLatch(128);
        TokenStore.Request request = refresh -> {
            requests.incrementAndGet();
            awaitQuietly(allCalling);
            return token("cluster-token");
        };

        List<CompletableFuture<Token>> calls = IntStream.range(0, 128).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            allCalling.countDown();
            return instances.get(i % 2).obtainOnce(ACCOUNT, null, request, LIMITS);
        }, callers)).toList();

        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(calls).extracting(call -> call.join().value()).containsOnly("cluster-token");
        assertThat(requests).as("token requests across both instances").hasValue(1);
    }

    @Test
    void obtainOnceWhenAnotherInstanceStoredANewerTokenThenNoRequest() {
        RedisTokenStore first = stores.instance();
        RedisTokenStore second = stores.instance();
        Token old = token("old");
        Token renewed = first.obtainOnce(ACCOUNT, old, counted("renewed"), LIMITS);

        Token seen = second.obtainOnce(ACCOUNT, old, counted("renewed-again"), LIMITS);

        assertThat(seen).isEqualTo(renewed);
        assertThat(requests).hasValue(1);
    }

    @Test
    void obtainOnceWhenTheStoredTokenIsTheOneReplacedThenOneRequest() {
        RedisTokenStore first = stores.instance();
        Token current = first.obtainOnce(ACCOUNT, null, counted("current"), LIMITS);

        Token renewed = stores.instance().obtainOnce(ACCOUNT, current, counted("renewed"), LIMITS);

        assertThat(renewed.value()).isEqualTo("renewed");
        assertThat(first.shared(ACCOUNT)).contains(renewed);
        assertThat(requests).hasValue(2);
    }

    @Test
    void obtainOnceWhenTheRequestFailsThenItsExceptionReachesTheCallerAndTheNextCallerRequests() {
        RedisTokenStore store = stores.instance();
        IllegalStateException refused = new IllegalStateException("credentials refused");

        assertThatThrownBy(() -> store.obtainOnce(ACCOUNT, null, refresh -> { throw refused; }, LIMITS)).isSameAs(refused);

        assertThat(stores.instance().obtainOnce(ACCOUNT, null, counted("second-try"), LIMITS).value()).isEqualTo("second-try");
    }

    @Test
    void obtainOnceWhenHolderStoresThenWaiterOnAnotherInstanceIsWokenNotPolling() throws Exception {
        stores.with("authroutes.store.redis.pollInterval", "1m");
        RedisTokenStore holder = stores.instance();
        RedisTokenStore waiter = stores.instance();
        CountDownLatch requesting = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        FlightLimits longLease = new FlightLimits(Duration.ofSeconds(30), Duration.ofSeconds(60));
        CompletableFuture<Token> held = CompletableFuture.supplyAsync(() -> holder.obtainOnce(ACCOUNT, null, refresh -> {
            requesting.countDown();
            awaitQuietly(answer);
            return token("landed");
        }, longLease), callers);
        requesting.await();
        long leaseAttempts = scriptCalls();

        CompletableFuture<Token> waiting = CompletableFuture.supplyAsync(
                () -> waiter.obtainOnce(ACCOUNT, null, counted("never"), longLease), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> scriptCalls() > leaseAttempts);
        answer.countDown();

        // the lease has 30 s left and the poll is 1 min: only the event can end the wait this soon
        assertThat(waiting.get(20, TimeUnit.SECONDS).value()).isEqualTo("landed");
        assertThat(held.join().value()).isEqualTo("landed");
        assertThat(requests).hasValue(0);
    }

    @Test
    void obtainOnceWhenLeaseHolderDiedThenAnotherInstanceRequestsOnceTheLeaseRunsOut() throws Exception {
        stores.with("authroutes.store.redis.pollInterval", "1m");
        RedisTokenStore dying = stores.instance();
        CountDownLatch requesting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FlightLimits shortLease = new FlightLimits(Duration.ofSeconds(1), Duration.ofSeconds(30));
        CompletableFuture.runAsync(() -> dying.obtainOnce(ACCOUNT, null, refresh -> {
            requesting.countDown();
            awaitQuietly(never);
            return token("never-stored");
        }, shortLease), callers);
        requesting.await();
        dying.close();

        CompletableFuture<Token> takeover = CompletableFuture.supplyAsync(
                () -> stores.instance().obtainOnce(ACCOUNT, null, counted("survivor"), shortLease), callers);

        // the poll is 1 min: only the dead holder's lease running out (1 s) can end the wait this soon
        assertThat(takeover.get(20, TimeUnit.SECONDS).value()).isEqualTo("survivor");
        assertThat(requests).hasValue(1);
        never.countDown();
    }

    @Test
    void obtainOnceWhenHolderKeepsTheLeaseBeyondTheWaitThenTypedTimeout() throws Exception {
        RedisTokenStore holder = stores.instance();
        CountDownLatch requesting = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> holder.obtainOnce(ACCOUNT, null, refresh -> {
            requesting.countDown();
            awaitQuietly(answer);
            return token("late");
        }, new FlightLimits(Duration.ofSeconds(30), Duration.ofSeconds(30))), callers);
        requesting.await();

        assertThatThrownBy(() -> stores.instance().obtainOnce(ACCOUNT, null, counted("never"),
                new FlightLimits(Duration.ofSeconds(30), Duration.ofMillis(300))))
                .isInstanceOf(SharedTokenTimeoutException.class)
                .hasMessageContaining("salebasis: another instance held the token lease");
        assertThat(requests).hasValue(0);
        answer.countDown();
    }

    @Test
    void invalidateWhenTheStoredTokenIsAnotherThenKeepsIt() {
        RedisTokenStore store = stores.instance();
        Token stored = store.obtainOnce(ACCOUNT, null, counted("current"), LIMITS);

        assertThat(stores.instance().invalidate(ACCOUNT, token("previous"))).isFalse();

        assertThat(store.shared(ACCOUNT)).contains(stored);
    }

    @Test
    void invalidateWhenTheStoredTokenIsTheFailedOneThenDeletedAndOtherInstancesHear() {
        RedisTokenStore refused = stores.instance();
        RedisTokenStore other = stores.instance();
        List<Token> invalidated = new CopyOnWriteArrayList<>();
        other.listen(ACCOUNT, listener(new CopyOnWriteArrayList<>(), invalidated));
        Token stored = refused.obtainOnce(ACCOUNT, null, counted("current"), LIMITS);

        assertThat(refused.invalidate(ACCOUNT, stored)).isTrue();

        assertThat(other.shared(ACCOUNT)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(invalidated).containsExactly(stored));
    }

    @Test
    void listenWhenAnotherInstanceStoresThenHearsTheTokenAndNotItsOwn() {
        RedisTokenStore storing = stores.instance();
        RedisTokenStore listening = stores.instance();
        List<Token> heardByOther = new CopyOnWriteArrayList<>();
        List<Token> heardBySelf = new CopyOnWriteArrayList<>();
        listening.listen(ACCOUNT, listener(heardByOther, new CopyOnWriteArrayList<>()));
        storing.listen(ACCOUNT, listener(heardBySelf, new CopyOnWriteArrayList<>()));

        Token stored = storing.obtainOnce(ACCOUNT, null, counted("fresh"), LIMITS);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heardByOther).containsExactly(stored));
        assertThat(heardBySelf).isEmpty();
    }

    @Test
    void compareAndSetPolicyStateWhenAnotherInstanceChangedItFirstThenRefused() {
        RedisTokenStore first = stores.instance();
        RedisTokenStore second = stores.instance();
        assertThat(first.compareAndSetPolicyState(ACCOUNT, null, "refused:1", Duration.ZERO)).isTrue();

        assertThat(second.compareAndSetPolicyState(ACCOUNT, null, "refused:1", Duration.ZERO)).isFalse();
        assertThat(second.compareAndSetPolicyState(ACCOUNT, "refused:1", "refused:2", Duration.ZERO)).isTrue();

        assertThat(first.policyState(ACCOUNT)).contains("refused:2");
    }

    @Test
    void compareAndSetPolicyStateWithTtlThenTheStateRunsOut() {
        RedisTokenStore store = stores.instance();

        store.compareAndSetPolicyState(ACCOUNT, null, "backoff", Duration.ofMillis(300));

        assertThat(store.policyState(ACCOUNT)).contains("backoff");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.policyState(ACCOUNT).isEmpty());
    }

    private TokenStore.Request counted(String value) {
        return refresh -> {
            requests.incrementAndGet();
            return token(value);
        };
    }

    private static TokenStore.Listener listener(List<Token> stored, List<Token> invalidated) {
        return new TokenStore.Listener() {
            @Override
            public void stored(Token token) {
                stored.add(token);
            }

            @Override
            public void invalidated(Token token) {
                invalidated.add(token);
            }
        };
    }

    private static long scriptCalls() {
        try (RawRedis raw = new RawRedis(REDIS.uri())) {
            return raw.scriptCalls();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
