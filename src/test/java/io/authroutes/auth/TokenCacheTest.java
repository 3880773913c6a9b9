package io.authroutes.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.authroutes.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final TokenCache cache = new TokenCache(clock);

    /**
     * The race a rotating refresh token must survive: caller B reads the cached token, then caller A
     * renews it completely, then B decides the token it read needs renewal. B must use A's token, not
     * present the old refresh token a second time (RFC 9700 section 4.14.2: reuse may revoke the grant).
     */
    @Test
    void renewWhenACallerReadTheOldTokenBeforeARenewalFinishedThenNoSecondRenewal() throws Exception {
        CountDownLatch bRead = new CountDownLatch(1);
        CountDownLatch bGoesOn = new CountDownLatch(1);
        RotatingLoader loader = new RotatingLoader(bRead, bGoesOn);
        Token first = cache.get("p", loader).join();
        clock.advance(Duration.ofSeconds(570));

        CompletableFuture<Token> b = CompletableFuture.supplyAsync(() -> {
            loader.pauseThisThread();
            return cache.get("p", loader).join();
        });
        assertThat(bRead.await(5, TimeUnit.SECONDS)).isTrue();
        Token renewedByA = cache.get("p", loader).join();
        Token second = cache.current("p").orElseThrow();
        bGoesOn.countDown();

        assertThat(b.get(5, TimeUnit.SECONDS)).isIn(renewedByA, second);
        assertThat(loader.presented).containsExactly(first.refreshToken());
        assertThat(second.refreshToken()).isEqualTo("R2");
    }

    /**
     * A call that finds its session logged out (a login replaced it) asks for the successor: while the
     * renewal that replaced it is still to be cached, it waits for that renewal rather than being handed the
     * logged-out token again or starting another request.
     */
    @Test
    void successorWhileTheReplacingRenewalIsNotCachedYetThenThatRenewalsTokenAndNoOtherRequest() {
        ControlledLoader loader = new ControlledLoader();
        Token first = cache.get("p", loader).join();
        // inside the renewal window, still early enough to be sent: the renewal runs in the background
        clock.advance(Duration.ofSeconds(550));
        assertThat(cache.get("p", loader).join()).isSameAs(first);

        CompletableFuture<Token> successor = cache.successor("p", first, loader);

        assertThat(successor).isNotDone();
        Token second = new Token("T2", clock.instant(), clock.instant().plusSeconds(600), null, Map.of());
        loader.renewal.complete(second);
        assertThat(successor.join()).isSameAs(second);
        assertThat(loader.requests).hasValue(2);
    }

    /** A logged-out token still cached with no renewal of it running is forgotten: the next call gets a new one. */
    @Test
    void successorOfALoggedOutTokenCachedWithNoRenewalThenItIsForgottenAndANewOneObtained() {
        ControlledLoader loader = new ControlledLoader();
        Token first = cache.get("p", loader).join();

        Token next = cache.successor("p", first, loader).join();

        assertThat(next).isNotSameAs(first);
        assertThat(cache.current("p")).contains(next);
        assertThat(loader.requests).hasValue(2);
    }

    /** Acquires at once; a renewal completes when the test says. */
    private final class ControlledLoader implements TokenLoader {
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        final CompletableFuture<Token> renewal = new CompletableFuture<>();

        @Override
        public ExpiryPolicy expiry() {
            return new ExpiryPolicy(Duration.ofSeconds(60));
        }

        @Override
        public CompletableFuture<Token> acquire() {
            return CompletableFuture.completedFuture(new Token("T" + requests.incrementAndGet(), clock.instant(),
                    clock.instant().plusSeconds(600), null, Map.of()));
        }

        @Override
        public CompletableFuture<Token> renew(Token current) {
            requests.incrementAndGet();
            return renewal;
        }
    }

    /** Issues R1, then rotates it on every renewal; B's thread stops once inside the cache's decision. */
    private final class RotatingLoader implements TokenLoader {
        final List<String> presented = new CopyOnWriteArrayList<>();
        private final CountDownLatch read;
        private final CountDownLatch goOn;
        private final ThreadLocal<Boolean> pause = ThreadLocal.withInitial(() -> false);

        RotatingLoader(CountDownLatch read, CountDownLatch goOn) {
            this.read = read;
            this.goOn = goOn;
        }

        void pauseThisThread() {
            pause.set(true);
        }

        @Override
        public ExpiryPolicy expiry() {
            if (pause.get()) {
                pause.set(false);
                read.countDown();
                try {
                    goOn.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ExpiryPolicy(Duration.ofSeconds(60));
        }

        @Override
        public CompletableFuture<Token> acquire() {
            return CompletableFuture.completedFuture(token("T1", "R1"));
        }

        @Override
        public CompletableFuture<Token> renew(Token current) {
            presented.add(current.refreshToken());
            return CompletableFuture.completedFuture(token("T" + (presented.size() + 1), "R" + (presented.size() + 1)));
        }

        private Token token(String value, String refresh) {
            return new Token(value, clock.instant(), clock.instant().plusSeconds(600), refresh, Map.of());
        }
    }
}
