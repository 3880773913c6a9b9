package io.authroutes.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the tokens of an account live beyond one instance: the seam between {@link ProviderAuth} and
 * the cluster (design note, "Growing past one machine").
 *
 * <p>How the engine uses it. Each instance keeps its near cache ({@link TokenCache}, local single flight);
 * calls with a cached token never reach the store. When the near cache is cold, or its token needs
 * renewal, or a call was refused with it, the one local flight asks the store:
 * <ol>
 *   <li>{@link #obtainOnce} with the token it holds ({@code replacing}, or {@code null} when cold) and the
 *       request it would make. Across the cluster one instance runs the request under a lease; the others
 *       get the token that lands. The result goes into the near cache. The store tells the request whether it
 *       may present the refresh token ({@link RefreshUse}); when not, the engine logs in instead.</li>
 *   <li>{@link #invalidate} after a refusal: the shared token is dropped only if it is still the refused
 *       one, and every other instance hears it through {@link Listener#invalidated}.</li>
 *   <li>{@link #listen} once per account at start, so near caches follow tokens other instances store.</li>
 *   <li>{@link #policyState} / {@link #compareAndSetPolicyState} hold the failure policy's state (opaque
 *       to the store) so a refused password or a backoff is seen by every instance.</li>
 *   <li>{@link #join} at start and {@link #leave} at stop: only the instance told it was the last revokes.</li>
 * </ol>
 * A store that cannot reach its backend throws {@link TokenStoreUnavailableException} within its
 * configured timeout, never hangs; {@link #reachable()} tells health checks the same. The engine then
 * goes on with the near cache alone (and {@link LocalTokenStore} semantics) until the store is back.
 */
public interface TokenStore extends AutoCloseable {

    /** The token the cluster holds now for the account, if one is stored and not expired. */
    Optional<Token> shared(TokenAccount account);

    /**
     * A token newer than {@code replacing}, with at most one {@code request} running across the cluster.
     * Returns a stored token that is not {@code replacing} (and not older than it) without requesting;
     * otherwise takes the account's lease, runs {@code request} here and stores its token, or waits for the
     * lease holder's token. Exceptions of {@code request} reach the caller unchanged.
     *
     * <p>The store tells {@code request} whether it may present the refresh token of {@code replacing}. A store
     * whose lease a failover may lose (its replicas did not confirm holding it) says {@link RefreshUse#NOT_ALLOWED}:
     * another instance may then take the lease on the promoted replica and present that same refresh token, which
     * a rotating provider answers with {@code invalid_grant} and may take for reuse, revoking the whole token
     * family (RFC 9700 section 4.14.2). A store whose lease cannot be lost so always says {@link RefreshUse#ALLOWED}.
     *
     * @throws SharedTokenTimeoutException   when another instance held the lease for all of {@code limits.maxWait()}
     * @throws TokenStoreUnavailableException when the store cannot be reached
     */
    Token obtainOnce(TokenAccount account, Token replacing, Request request, FlightLimits limits);

    /** Drops the shared token only if it is {@code failed}, tells every instance, and reports whether it was. */
    boolean invalidate(TokenAccount account, Token failed);

    /**
     * Tells {@code listener} of tokens stored or invalidated by other instances, until the subscription is closed.
     * Never fails: while the store is away, the listener hears from the moment it is back.
     */
    Subscription listen(TokenAccount account, Listener listener);

    /** The failure policy's shared state for the account, as last set. */
    Optional<String> policyState(TokenAccount account);

    /**
     * Sets the policy state to {@code next} if it is still {@code expected} ({@code null}: absent); a
     * {@code null} {@code next} removes it. The state lives for {@code ttl}, or until replaced when
     * {@code ttl} is zero.
     */
    boolean compareAndSetPolicyState(TokenAccount account, String expected, String next, Duration ttl);

    /**
     * A keyed digest of an account's credentials, the same on every instance sharing this store and telling
     * nothing about them to anyone without its key: what a recorded refusal is tied to.
     */
    String credentialsFingerprint(TokenAccount account, byte[] credentials);

    /**
     * Counts this instance among those using the account's token until {@link #leave} or until it stops
     * heartbeating. Never fails: while the store is away, the instance counts from the moment it is back.
     */
    void join(TokenAccount account);

    /** Stops counting this instance; true when no other live instance uses the token, so this one revokes it. */
    boolean leave(TokenAccount account);

    /** Live instances using the account's token, this one included if it joined. */
    long instances(TokenAccount account);

    /** Whether tokens are shared with other instances (false for the local store). */
    boolean isShared();

    /** Whether the store answers now, within its timeout, for every account this instance joined. */
    boolean reachable();

    /** Why values in the store cannot be read by this instance (sealed under another key), while some cannot. */
    default Optional<String> unreadable() {
        return Optional.empty();
    }

    @Override
    void close();

    /** What other instances did with an account's token. Called on a store thread: return quickly. */
    interface Listener {

        void stored(Token token);

        void invalidated(Token token);
    }

    /** The token request {@link #obtainOnce} runs under the lease. */
    @FunctionalInterface
    interface Request {

        Token run(RefreshUse refresh);
    }

    /** Whether a token request may present the refresh token of the token it replaces. */
    enum RefreshUse {
        ALLOWED,
        /** Only a request that presents no refresh token, such as a login, may run now. */
        NOT_ALLOWED
    }

    /** Ends a {@link #listen} registration. */
    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }

    /**
     * How long one instance may hold an account's lease, and how long another waits for its token.
     * A holder that dies stops blocking the others once {@code lease} has passed; {@code maxWait} should outlast
     * a lease plus one request of the waiter's own.
     */
    record FlightLimits(Duration lease, Duration maxWait) {

        /** Room for one token request on top of its timeout: connection set-up, parsing, storing. */
        static final Duration LEASE_MARGIN = Duration.ofSeconds(2);

        public FlightLimits {
            if (lease.isNegative() || lease.isZero() || maxWait.isNegative()) {
                throw new IllegalArgumentException("lease must be positive and maxWait not negative");
            }
        }

        /** A lease that covers one request of {@code tokenTimeout}; waiters outlast it and one request more. */
        public static FlightLimits forTokenTimeout(Duration tokenTimeout) {
            Duration lease = tokenTimeout.plus(LEASE_MARGIN);
            return new FlightLimits(lease, lease.plus(tokenTimeout));
        }
    }
}
