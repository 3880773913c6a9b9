package io.authroutes.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tokens of one Camel context, keyed by provider id.
 *
 * <p>Single flight: the cache holds a future per provider, so every caller that needs a token while
 * one is being obtained waits for that same future, and only one request reaches the token endpoint.
 * A token inside its renewal window is still handed out at once while one background renewal runs;
 * only callers with no usable token wait. Futures are per provider, so a slow endpoint of one provider
 * never holds up another. A future that fails is dropped by Caffeine, so the next caller tries again.
 */
public final class TokenCache {

    private final AsyncCache<String, Token> tokens = Caffeine.newBuilder().buildAsync();
    private final ConcurrentMap<String, CompletableFuture<Token>> renewals = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    CompletableFuture<Token> get(String providerId, TokenLoader loader) {
        // the usual case, a token cached, makes no function object for a load that will not run
        CompletableFuture<Token> cached = tokens.getIfPresent(providerId);
        if (cached == null || cached.isCompletedExceptionally()) {
            cached = tokens.get(providerId, (id, executor) -> loader.acquire());
        }
        Token token = cached.isDone() && !cached.isCompletedExceptionally() ? cached.join() : null;
        if (token == null) {
            return cached;
        }
        Instant now = clock.instant();
        if (!loader.expiry().needsRenewal(token, now)) {
            return cached;
        }
        CompletableFuture<Token> renewal = renewInBackground(providerId, cached, token, loader);
        return loader.expiry().tooLateToSend(token, now) ? renewal : cached;
    }

    /** Starts a renewal now unless one is running, and returns the future of the one that runs. */
    CompletableFuture<Token> renew(String providerId, TokenLoader loader) {
        CompletableFuture<Token> cached = tokens.getIfPresent(providerId);
        Token token = completed(cached).orElse(null);
        return token == null ? get(providerId, loader) : renewInBackground(providerId, cached, token, loader);
    }

    private CompletableFuture<Token> renewInBackground(String providerId, CompletableFuture<Token> renewed,
                                                       Token token, TokenLoader loader) {
        CompletableFuture<Token> mine = new CompletableFuture<>();
        CompletableFuture<Token> running = renewals.putIfAbsent(providerId, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<Token> cachedNow = tokens.getIfPresent(providerId);
        if (cachedNow != renewed) {
            // a renewal that finished after this caller read the token has replaced it (it leaves
            // renewals only after replacing): renew only over the token a renewal replaces
            renewals.remove(providerId, mine);
            return cachedNow != null ? cachedNow : get(providerId, loader);
        }
        loader.renew(token).whenComplete((fresh, failure) -> {
            if (failure == null) {
                // only over the token this renewal replaces: a newer token cached meanwhile wins
                tokens.asMap().replace(providerId, renewed, CompletableFuture.completedFuture(fresh));
            }
            // no longer running before anyone hears it finished, so a renewal asked for next starts anew
            renewals.remove(providerId, mine);
            if (failure == null) {
                mine.complete(fresh);
            } else {
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }

    /**
     * Forgets {@code failed} if it is still the cached token, and reports whether it was. When a newer
     * token is cached already, it is kept: a retry uses it without another acquisition.
     */
    boolean invalidate(String providerId, Token failed) {
        CompletableFuture<Token> cached = tokens.getIfPresent(providerId);
        boolean stillCached = completed(cached).filter(t -> t.value().equals(failed.value())).isPresent();
        return stillCached && tokens.asMap().remove(providerId, cached);
    }

    /**
     * Caches {@code token}, obtained elsewhere (another instance of the app), unless the cached one is newer;
     * a token being obtained here is left to finish and replace it.
     */
    void offer(String providerId, Token token) {
        CompletableFuture<Token> offered = CompletableFuture.completedFuture(token);
        tokens.asMap().compute(providerId, (id, cached) -> {
            if (cached == null) {
                return offered;
            }
            Optional<Token> current = completed(cached);
            boolean replaces = current.isPresent() && !current.get().value().equals(token.value())
                    && !token.obtainedAt().isBefore(current.get().obtainedAt());
            return replaces || cached.isCompletedExceptionally() ? offered : cached;
        });
    }

    void invalidate(String providerId) {
        tokens.synchronous().invalidate(providerId);
    }

    /** The cached token, if one is obtained, without waiting or triggering anything. */
    public Optional<Token> current(String providerId) {
        return completed(tokens.getIfPresent(providerId));
    }

    private static Optional<Token> completed(CompletableFuture<Token> future) {
        return future != null && future.isDone() && !future.isCompletedExceptionally()
                ? Optional.of(future.join()) : Optional.empty();
    }

    boolean isObtaining(String providerId) {
        CompletableFuture<Token> cached = tokens.getIfPresent(providerId);
        return renewals.containsKey(providerId) || cached != null && !cached.isDone();
    }
}
