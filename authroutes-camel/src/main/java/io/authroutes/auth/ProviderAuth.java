package io.authroutes.auth;

import io.authroutes.auth.FailurePolicy.Gate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token lifecycle of one provider: what the call route asks for a token, what it reports when
 * the upstream rejects one, and what an operator can do from Hawtio. What to do after a failure is
 * the {@link FailurePolicy}'s decision; this class carries it out. Every token request goes through the
 * {@link SharedAccount}, so instances sharing a token store make one request per expiry between them.
 * Applications use {@code token()}, {@code current()}, {@code status()}, {@code invalidate()} and {@code renewNow()};
 * the other public methods serve the library's call step and monitoring, not applications, and may change.
 */
public final class ProviderAuth implements TokenLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderAuth.class);

    private final ProviderSettings settings;
    private final TokenEndpoint endpoint;
    private final TokenCache cache;
    private final Clock clock;
    private final Executor executor;
    private final Redactor redactor;
    private final ConfiguredToken configured;
    private final FailurePolicy policy;
    private final Pause pause;
    private final SharedAccount shared;
    private final AuthStats stats = new AuthStats();
    private final ProviderStatus status;
    /**
     * The token whose refresh token was last presented: each token is refreshed at most once, so a
     * rotating refresh token is never presented twice (RFC 9700 section 4.14.2).
     */
    private final AtomicReference<String> refreshed = new AtomicReference<>();
    /**
     * The token the upstream last refused: an acquisition replaces it, so the cluster never hands it back
     * while the instance that dropped it from the store has not done so yet.
     */
    private final AtomicReference<Token> lastRejected = new AtomicReference<>();
    private final SessionLogouts logouts;
    private volatile boolean closed;

    ProviderAuth(ProviderSettings settings, TokenEndpoint endpoint, ConfiguredToken configured, Redactor redactor,
                 TokenCache cache, SharedAccount shared, AuthRuntime runtime) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.configured = configured;
        this.redactor = redactor;
        this.cache = cache;
        this.shared = shared;
        this.clock = runtime.clock();
        this.executor = runtime.executor();
        this.pause = runtime.pause();
        this.policy = new FailurePolicy(settings.providerId(), settings.failure(), clock, runtime.monotonic(), runtime.random());
        this.status = new ProviderStatus(settings.providerId(), policy, cache, clock);
        this.logouts = new SessionLogouts(settings.providerId(), endpoint, stats, redactor, executor, clock, runtime.callLimit());
    }

    public String providerId() {
        return settings.providerId();
    }

    public ProviderSettings settings() {
        return settings;
    }

    public AuthStats stats() {
        return stats;
    }

    FailurePolicy policy() {
        return policy;
    }

    public SharedAccount shared() {
        return shared;
    }

    /**
     * Joins the other instances on the token store: counted among the token's users, the login gate shared,
     * and the near cache following the tokens they store or drop.
     */
    void joinCluster() {
        if (!shared.store().isShared()) {
            return;
        }
        policy.share(shared);
        shared.listen(new TokenStore.Listener() {
            @Override
            public void stored(Token token) {
                cache.offer(providerId(), token);
            }

            @Override
            public void invalidated(Token token) {
                cache.invalidate(providerId(), token);
            }
        });
        shared.join();
    }

    @Override
    public ExpiryPolicy expiry() {
        return settings.expiry();
    }

    /**
     * A token to send now: the cached one, or one obtained for this and every concurrent caller. When
     * the token endpoint is backing off and its next attempt is due within {@code tokenWait}, the
     * caller waits for that attempt; otherwise it fails at once with the typed reason.
     */
    public Token token() {
        // the policy's time: monotonic, so a wall clock set back does not stretch the wait; a number, so
        // a call that gets its token at once allocates nothing for it
        long asked = policy.ticks();
        while (true) {
            try {
                return await(cache.get(providerId(), this));
            } catch (TokenEndpointUnavailableException | UnusableTokenAnswerException e) {
                Gate login = policy.gate(TokenOperation.LOGIN);
                if (!login.failing() || login.nextAttemptAt().isAfter(policy.at(asked).plus(policy.settings().callerWait()))
                        || !waitFor(login.nextAttemptAt())) {
                    throw e;
                }
            }
        }
    }

    /**
     * Waits until {@code next}, on the policy's monotonic time; false when time did not get there (interrupted,
     * or a clock that stands still).
     */
    private boolean waitFor(Instant next) {
        try {
            pause.until(clock.instant().plus(Duration.between(policy.now(), next)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !policy.now().isBefore(next);
    }

    /**
     * The upstream answered {@code status} to a call carrying {@code token}. Forgets the token if it
     * is still the cached one, so the retry obtains a new one or uses a newer one already cached.
     */
    public void rejected(Token token, int status) {
        stats.reauthenticated();
        configured.rejected(token, status);
        lastRejected.set(token);
        switch (cache.invalidate(providerId(), token)) {
            case DROPPED -> {
                LOG.info("{}: upstream answered {} to token {}; it is dropped and a new one will be obtained",
                        providerId(), status, token.fingerprint());
                policy.tokenRejected(token);
                shared.invalidate(token);
                logouts.dropped(token);
            }
            // the renewal replaces it in the store too; a second token request beside it would be wasted
            case JOINS_RENEWAL -> LOG.info("{}: upstream answered {} to token {}; the retry uses its renewal, already running",
                    providerId(), status, token.fingerprint());
            case NEWER_CACHED -> { }
        }
    }

    /**
     * A token for one attempt of a call, as {@link #token()}, counted as carried until {@link #callEnded}:
     * a session a login replaces is logged out only once no call carries it.
     */
    public Token tokenForCall() {
        Token token = token();
        while (!logouts.carry(token)) {
            // logged out after a login replaced it: the cache holds its successor, or will once the login is stored
            token = await(cache.successor(providerId(), token, this));
        }
        return token;
    }

    /** The attempt that carried {@code token} (from {@link #tokenForCall()}) has its answer, or failed. */
    public void callEnded(Token token) {
        logouts.carried(token);
    }

    /**
     * A call the upstream accepted with {@code token} (whatever its status), {@code took} including any
     * re-authentication. Only a token's first acceptance writes anything; later ones read one volatile flag.
     */
    public void callAccepted(Token token, Duration took) {
        if (token.markAccepted()) {
            policy.tokenAccepted();
        }
        stats.call(took);
    }

    /** A call that ended without the upstream accepting its token. */
    public void callCompleted(Duration took) {
        stats.call(took);
    }

    /** An operator's request: drops the token here and, when it is shared, on every instance. */
    public void invalidate() {
        Optional<Token> dropped = current();
        cache.invalidate(providerId());
        dropped.ifPresent(shared::invalidate);
        dropped.ifPresent(logouts::dropped);
        LOG.info("{}: token invalidated by request", providerId());
    }

    /** An operator's renewal: tries at once, whatever the failure policy holds back. */
    public Token renewNow() {
        policy.reset();
        return await(cache.renew(providerId(), this));
    }

    public Optional<Token> current() {
        return cache.current(providerId());
    }

    public ProviderStatus status() {
        return status;
    }

    private Optional<Token> validToken() {
        return status.validToken();
    }

    /**
     * Stops handing out new tokens and revokes the cached one where the provider offers it; used on
     * shutdown, after in-flight calls finished. Best effort: a failure is logged, not thrown. A token shared
     * with other live instances is left to them: only the last instance to leave revokes it.
     */
    public Optional<Token> close() {
        closed = true;
        logouts.stopping();
        Optional<Token> token = validToken();
        boolean last = shared.leaveAsLast();
        if (token.isEmpty() || !endpoint.supports(TokenOperation.REVOKE)) {
            return Optional.empty();
        }
        if (!last) {
            LOG.info("{}: token {} is not revoked: other instances still use it (or the token store cannot tell)",
                    providerId(), token.get().fingerprint());
            return Optional.empty();
        }
        try {
            endpoint.request(TokenOperation.REVOKE, token);
            stats.tokenRequest(TokenOperation.REVOKE, TokenRequestOutcome.SUCCESS);
            cache.invalidate(providerId(), token.get());
            shared.invalidate(token.get());
            LOG.info("{}: token {} revoked", providerId(), token.get().fingerprint());
            return token;
        } catch (ProviderAuthException e) {
            record(TokenOperation.REVOKE, e);
            LOG.warn("{}: revoking token {} failed; it expires on its own ({})", providerId(),
                    token.get().fingerprint(), redactor.redact(e.reason()));
            return Optional.empty();
        }
    }

    @Override
    public CompletableFuture<Token> acquire() {
        return CompletableFuture.supplyAsync(() -> configured.token(clock.instant())
                .orElseGet(() -> configured.explainLoginFailure(
                        () -> shared.obtain(lastRejected.get(), refresh -> obtain(List.of(TokenOperation.LOGIN), null)))), executor);
    }

    @Override
    public CompletableFuture<Token> renew(Token current) {
        List<TokenOperation> order = RenewalOrder.of(current, endpoint, current.isExpiredAt(clock.instant()));
        if (order.stream().noneMatch(policy::admits)) {
            // held back: no thread and no request; a still valid token keeps serving calls meanwhile
            return CompletableFuture.failedFuture(policy.heldBack(TokenOperation.LOGIN));
        }
        return CompletableFuture.supplyAsync(() -> shared.obtain(current,
                refresh -> obtain(RenewalOrder.allowing(order, refresh), current)), executor);
    }

    /**
     * Tries each operation the policy admits, in order; a renewal that fails for any reason falls
     * back to the next one (design, "Failure policy"). Fails with the last operation's reason.
     */
    private Token obtain(List<TokenOperation> operations, Token current) {
        if (closed) {
            throw new TokenEndpointUnavailableException(providerId(), "the application is stopping; no new token is obtained", null);
        }
        ProviderAuthException failure = null;
        for (TokenOperation operation : operations) {
            if (!policy.admitsRequest(operation)) {
                failure = policy.heldBack(operation);
                continue;
            }
            if (operation == TokenOperation.REFRESH && alreadyPresented(current)) {
                continue;
            }
            try {
                Token token = request(operation, current);
                LOG.info("{}: token {} obtained by {}, expires {}", providerId(), token.fingerprint(),
                        operation.label(), token.expiry().map(Instant::toString).orElse("never (until rejected)"));
                if (operation == TokenOperation.LOGIN) {
                    logouts.loggedIn(token, current);
                }
                return token;
            } catch (ProviderConfigurationException e) {
                throw e;
            } catch (ProviderAuthException e) {
                failure = e;
                if (operation != operations.get(operations.size() - 1)) {
                    LOG.info("{}: {} failed ({}); logging in instead", providerId(), operation.label(), redactor.redact(e.reason()));
                }
            }
        }
        throw failure != null ? failure : new TokenEndpointUnavailableException(providerId(), "no renewal could be tried", null);
    }

    private boolean alreadyPresented(Token current) {
        return current.refresh().isEmpty() || current.value().equals(refreshed.getAndSet(current.value()));
    }

    private Token request(TokenOperation operation, Token current) {
        try {
            Token token = endpoint.request(operation, Optional.ofNullable(current));
            stats.tokenRequest(operation, TokenRequestOutcome.SUCCESS);
            policy.succeeded(operation);
            return operation == TokenOperation.REFRESH ? token.keepingRefreshTokenOf(current) : token;
        } catch (ProviderConfigurationException e) {
            record(operation, e);
            throw e;
        } catch (ProviderAuthException e) {
            record(operation, e);
            policy.failed(operation, e);
            if (e instanceof UnusableTokenAnswerException unusable) {
                logouts.unusable(unusable);
            }
            throw e;
        }
    }

    private void record(TokenOperation operation, ProviderAuthException e) {
        stats.tokenRequest(operation, TokenRequestOutcome.of(e));
        stats.failed(redactor.redact(e.getMessage()), clock.instant());
    }

    private Token await(CompletableFuture<Token> future) {
        try {
            return future.get(settings.tokenTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderAuthException known) {
                throw known;
            }
            throw new TokenEndpointUnavailableException(providerId(), "obtaining a token failed: "
                    + redactor.redact(String.valueOf(e.getCause())), e.getCause());
        } catch (TimeoutException e) {
            throw new TokenEndpointUnavailableException(providerId(), "no token within "
                    + settings.tokenTimeout() + "; raise " + ProviderProperties.PREFIX + providerId()
                    + ".tokenTimeout or check the token endpoint", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenEndpointUnavailableException(providerId(), "interrupted while waiting for a token", e);
        }
    }
}
