package io.authroutes.auth;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token lifecycle of one provider: what the call route asks for a token, what it reports when
 * the upstream rejects one, and what an operator can do from Hawtio.
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
    private final AuthStats stats = new AuthStats();
    private volatile Cooldown cooldown;
    private volatile boolean failing;
    private volatile boolean credentialsRejected;
    private volatile boolean closed;

    public ProviderAuth(ProviderSettings settings, TokenEndpoint endpoint, TokenCache cache, Clock clock,
                        Executor executor, Redactor redactor, ConfiguredToken configured) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.cache = cache;
        this.clock = clock;
        this.executor = executor;
        this.redactor = redactor;
        this.configured = configured;
    }

    private record Cooldown(Instant until, TokenEndpointUnavailableException cause) {
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

    @Override
    public ExpiryPolicy expiry() {
        return settings.expiry();
    }

    /** A token to send now: the cached one, or one obtained for this and every concurrent caller. */
    public Token token() {
        return await(cache.get(providerId(), this));
    }

    /**
     * The upstream answered {@code status} to a call carrying {@code token}. Forgets the token if it
     * is still the cached one, so the retry obtains a new one or uses a newer one already cached.
     */
    public void rejected(Token token, int status) {
        stats.reauthenticated();
        configured.rejected(token, status);
        if (cache.invalidate(providerId(), token)) {
            LOG.info("{}: upstream answered {} to token {}; it is dropped and a new one will be obtained",
                    providerId(), status, token.fingerprint());
        }
    }

    /** A call finished (with whatever status), {@code took} including any re-authentication. */
    public void callCompleted(Duration took) {
        stats.call(took);
    }

    public void invalidate() {
        cache.invalidate(providerId());
        LOG.info("{}: token invalidated by request", providerId());
    }

    public Token renewNow() {
        return await(cache.renew(providerId(), this));
    }

    public Optional<Token> current() {
        return cache.current(providerId());
    }

    public Optional<Instant> cooldownUntil() {
        Cooldown active = cooldown;
        return active != null && clock.instant().isBefore(active.until()) ? Optional.of(active.until()) : Optional.empty();
    }

    /** True while the last login was refused. */
    public boolean credentialsRejected() {
        return credentialsRejected;
    }

    /** False while calls cannot get a token: credentials refused, or the token endpoint cooling down. */
    public boolean healthy() {
        return !credentialsRejected && cooldownUntil().isEmpty();
    }

    public AuthState state() {
        if (cache.isObtaining(providerId())) {
            return AuthState.RENEWING;
        }
        Optional<Token> token = current().filter(t -> !t.isExpiredAt(clock.instant()));
        if (token.isPresent()) {
            return AuthState.VALID;
        }
        return failing ? AuthState.FAILING : AuthState.NO_TOKEN;
    }

    /**
     * Stops handing out new tokens and revokes the cached one where the provider offers it; used on
     * shutdown, after in-flight calls finished. Best effort: a failure is logged, not thrown.
     */
    public Optional<Token> close() {
        closed = true;
        return revoke();
    }

    private Optional<Token> revoke() {
        Optional<Token> token = current().filter(t -> !t.isExpiredAt(clock.instant()));
        if (token.isEmpty() || !endpoint.supports(TokenOperation.REVOKE)) {
            return Optional.empty();
        }
        try {
            endpoint.request(TokenOperation.REVOKE, token);
            stats.tokenRequest(TokenOperation.REVOKE, TokenRequestOutcome.SUCCESS);
            cache.invalidate(providerId(), token.get());
            LOG.info("{}: token {} revoked", providerId(), token.get().fingerprint());
            return token;
        } catch (ProviderAuthException e) {
            record(TokenOperation.REVOKE, e);
            return Optional.empty();
        }
    }

    @Override
    public CompletableFuture<Token> acquire() {
        return CompletableFuture.supplyAsync(() -> configured.token(clock.instant())
                .orElseGet(() -> configured.explainLoginFailure(() -> obtain(List.of(TokenOperation.LOGIN), null))), executor);
    }

    @Override
    public CompletableFuture<Token> renew(Token current) {
        boolean expired = current.isExpiredAt(clock.instant());
        return CompletableFuture.supplyAsync(() -> obtain(RenewalOrder.of(current, endpoint, expired), current), executor);
    }

    private Token obtain(List<TokenOperation> operations, Token current) {
        if (closed) {
            throw new TokenEndpointUnavailableException(providerId(), "the application is stopping; no new token is obtained", null);
        }
        Cooldown active = cooldown;
        Instant now = clock.instant();
        if (active != null && now.isBefore(active.until())) {
            throw active.cause().inCooldownUntil(active.until());
        }
        for (int i = 0; ; i++) {
            TokenOperation operation = operations.get(i);
            try {
                Token token = requestRiding(operation, current);
                failing = false;
                credentialsRejected = false;
                cooldown = null;
                LOG.info("{}: token {} obtained by {}, expires {}", providerId(), token.fingerprint(),
                        operation.label(), token.expiry().map(Instant::toString).orElse("never (until rejected)"));
                return token;
            } catch (CredentialsRejectedException e) {
                if (i == operations.size() - 1) {
                    credentialsRejected = operation == TokenOperation.LOGIN;
                    throw e;
                }
                LOG.info("{}: {} refused ({}); falling back to {}", providerId(), operation.label(),
                        redactor.redact(e.reason()), operations.get(i + 1).label());
            }
        }
    }

    /** One operation, retried with backoff while the endpoint is unavailable, then a cooldown. */
    private Token requestRiding(TokenOperation operation, Token current) {
        TransientRetry retry = settings.retry();
        for (int attempt = 1; ; attempt++) {
            try {
                Token token = endpoint.request(operation, Optional.ofNullable(current));
                stats.tokenRequest(operation, TokenRequestOutcome.SUCCESS);
                return operation == TokenOperation.REFRESH ? token.keepingRefreshTokenOf(current) : token;
            } catch (TokenEndpointUnavailableException e) {
                record(operation, e);
                if (attempt >= retry.attempts()) {
                    cooldown = new Cooldown(clock.instant().plus(retry.cooldown()), e);
                    throw e;
                }
                pause(retry, attempt, e);
            } catch (ProviderAuthException e) {
                record(operation, e);
                throw e;
            }
        }
    }

    private void pause(TransientRetry retry, int attempt, TokenEndpointUnavailableException cause) {
        try {
            TimeUnit.NANOSECONDS.sleep(retry.backoffAfter(attempt).toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private void record(TokenOperation operation, ProviderAuthException e) {
        TokenRequestOutcome outcome = e instanceof TokenEndpointUnavailableException
                ? TokenRequestOutcome.UNAVAILABLE : TokenRequestOutcome.REJECTED;
        stats.tokenRequest(operation, outcome);
        String message = redactor.redact(e.getMessage());
        stats.failed(message, clock.instant());
        failing = true;
        LOG.warn("{} ({} {})", message, operation.label(), outcome.label());
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
