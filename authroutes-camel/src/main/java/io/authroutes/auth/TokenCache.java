package io.authroutes.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tokens of one Camel context, keyed by provider id.
 *
 * <p>Single flight: the cache holds a future per provider, so every caller that needs a token while
 * one is being obtained waits for that same future, and only one request reaches the token endpoint.
 * A token inside its renewal window is still handed out at once while one background renewal runs;
 * only callers with no usable token wait. Futures are per provider, so a slow endpoint of one provider
 * never holds up another. A future that fails is dropped, so the next caller tries again; its failure
 * reaches the callers as the typed exception it is, and no library logs it on the way.
 */
final class TokenCache {

    /** What a call learns when it reports its token rejected. */
    enum Rejection {
        /** the token was cached and is dropped: the retry obtains a new one */
        DROPPED,
        /** the token was cached and its renewal is running: the retry waits for that renewal */
        JOINS_RENEWAL,
        /** a newer token is cached already: the retry uses it */
        NEWER_CACHED
    }

    /** A renewal running over the cached future {@code replacing}, which completes {@code result}. */
    private record Renewal(CompletableFuture<Token> replacing, CompletableFuture<Token> result) {
    }

    private final ConcurrentMap<String, CompletableFuture<Token>> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Renewal> renewals = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    CompletableFuture<Token> get(String providerId, TokenLoader loader) {
        CompletableFuture<Token> cached = cachedOrAcquired(providerId, loader);
        // the usual case, a token cached, allocates nothing here
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

    private CompletableFuture<Token> cachedOrAcquired(String providerId, TokenLoader loader) {
        CompletableFuture<Token> cached = tokens.get(providerId);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<Token> mine = new CompletableFuture<>();
        cached = tokens.putIfAbsent(providerId, mine);
        if (cached != null) {
            return cached;
        }
        droppedWhenFailed(providerId, mine);
        try {
            loader.acquire().whenComplete((token, failure) -> complete(mine, token, failure));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        }
        return mine;
    }

    /** Starts a renewal now unless one is running, and returns the future of the one that runs. */
    CompletableFuture<Token> renew(String providerId, TokenLoader loader) {
        CompletableFuture<Token> cached = tokens.get(providerId);
        Token token = completed(cached).orElse(null);
        return token == null ? get(providerId, loader) : renewInBackground(providerId, cached, token, loader);
    }

    private CompletableFuture<Token> renewInBackground(String providerId, CompletableFuture<Token> renewed,
                                                       Token token, TokenLoader loader) {
        Renewal mine = new Renewal(renewed, new CompletableFuture<>());
        Renewal running = renewals.putIfAbsent(providerId, mine);
        if (running != null) {
            return running.result();
        }
        CompletableFuture<Token> cachedNow = tokens.get(providerId);
        if (cachedNow != renewed) {
            // a renewal that finished after this caller read the token has replaced it (it leaves
            // renewals only after replacing): renew only over the token a renewal replaces
            renewals.remove(providerId, mine);
            return cachedNow != null ? cachedNow : get(providerId, loader);
        }
        loader.renew(token).whenComplete((fresh, failure) -> {
            if (failure == null) {
                // only over the token this renewal replaces: a newer token cached meanwhile wins
                tokens.replace(providerId, renewed, CompletableFuture.completedFuture(fresh));
            }
            // no longer running before anyone hears it finished, so a renewal asked for next starts anew
            renewals.remove(providerId, mine);
            complete(mine.result(), fresh, failure);
        });
        return mine.result();
    }

    /**
     * The token that replaces {@code replaced}, a session logged out already: the cached one, or the running
     * renewal's, which is about to be cached. A logged-out session still cached with no renewal of it running
     * is forgotten, so no call is handed it again.
     */
    CompletableFuture<Token> successor(String providerId, Token replaced, TokenLoader loader) {
        CompletableFuture<Token> cached = tokens.get(providerId);
        if (completed(cached).filter(t -> t == replaced).isPresent()) {
            Renewal renewal = renewals.get(providerId);
            if (renewal != null && renewal.replacing() == cached) {
                return renewal.result();
            }
            tokens.remove(providerId, cached);
        }
        return get(providerId, loader);
    }

    /**
     * Forgets {@code failed} if it is still the cached token. When a renewal of it is running, the cache
     * holds that renewal instead, so a retry waits for it rather than asking for another token; when a newer
     * token is cached already, it is kept and a retry uses it without another acquisition.
     */
    Rejection invalidate(String providerId, Token failed) {
        CompletableFuture<Token> cached = tokens.get(providerId);
        if (completed(cached).filter(t -> t.value().equals(failed.value())).isEmpty()) {
            return Rejection.NEWER_CACHED;
        }
        Renewal renewal = renewals.get(providerId);
        if (renewal != null && renewal.replacing() == cached) {
            if (tokens.replace(providerId, cached, renewal.result())) {
                droppedWhenFailed(providerId, renewal.result());
                return Rejection.JOINS_RENEWAL;
            }
            // the renewal replaced the token meanwhile
            return invalidate(providerId, failed);
        }
        return tokens.remove(providerId, cached) ? Rejection.DROPPED : invalidate(providerId, failed);
    }

    /**
     * Caches {@code token}, obtained elsewhere (another instance of the app), unless the cached one is newer;
     * a token being obtained here is left to finish and replace it.
     */
    void offer(String providerId, Token token) {
        CompletableFuture<Token> offered = CompletableFuture.completedFuture(token);
        tokens.compute(providerId, (id, cached) -> {
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
        tokens.remove(providerId);
    }

    /** The cached token, if one is obtained, without waiting or triggering anything. */
    public Optional<Token> current(String providerId) {
        return completed(tokens.get(providerId));
    }

    private static Optional<Token> completed(CompletableFuture<Token> future) {
        return future != null && future.isDone() && !future.isCompletedExceptionally()
                ? Optional.of(future.join()) : Optional.empty();
    }

    boolean isObtaining(String providerId) {
        CompletableFuture<Token> cached = tokens.get(providerId);
        return renewals.containsKey(providerId) || cached != null && !cached.isDone();
    }

    private void droppedWhenFailed(String providerId, CompletableFuture<Token> future) {
        future.whenComplete((token, failure) -> {
            if (failure != null) {
                tokens.remove(providerId, future);
            }
        });
    }

    private static void complete(CompletableFuture<Token> future, Token token, Throwable failure) {
        if (failure == null) {
            future.complete(token);
        } else {
            future.completeExceptionally(failure instanceof CompletionException wrapped
                    && wrapped.getCause() != null ? wrapped.getCause() : failure);
        }
    }
}
