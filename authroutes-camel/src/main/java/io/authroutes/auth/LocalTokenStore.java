package io.authroutes.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The store of a single instance, and the default: nothing is shared, so a request simply runs (the near
 * cache already makes it one per instance) and this instance is always the last one. Only the failure
 * policy's state is kept, in memory, so the policy reads the same way with either store.
 * Not for applications (public for the choice of store); may change.
 */
public final class LocalTokenStore implements TokenStore {

    private record PolicyState(String value, Instant until) {
    }

    private final ConcurrentMap<TokenAccount, PolicyState> policy = new ConcurrentHashMap<>();
    private final Clock clock;
    private final KeyedDigest digest = KeyedDigest.random();

    public LocalTokenStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Token> shared(TokenAccount account) {
        return Optional.empty();
    }

    @Override
    public Token obtainOnce(TokenAccount account, Token replacing, Request request, FlightLimits limits) {
        return request.run(RefreshUse.ALLOWED);
    }

    @Override
    public boolean invalidate(TokenAccount account, Token failed) {
        return false;
    }

    @Override
    public Subscription listen(TokenAccount account, Listener listener) {
        return () -> { };
    }

    @Override
    public Optional<String> policyState(TokenAccount account) {
        return live(account).map(PolicyState::value);
    }

    @Override
    public boolean compareAndSetPolicyState(TokenAccount account, String expected, String next, Duration ttl) {
        PolicyState replacement = next == null ? null
                : new PolicyState(next, ttl.isZero() ? Instant.MAX : clock.instant().plus(ttl));
        synchronized (policy) {
            if (!Objects.equals(policyState(account).orElse(null), expected)) {
                return false;
            }
            if (replacement == null) {
                policy.remove(account);
            } else {
                policy.put(account, replacement);
            }
            return true;
        }
    }

    private Optional<PolicyState> live(TokenAccount account) {
        return Optional.ofNullable(policy.get(account)).filter(s -> clock.instant().isBefore(s.until()));
    }

    /** Nothing outlives this process here, so a key of its own will do. */
    @Override
    public String credentialsFingerprint(TokenAccount account, byte[] credentials) {
        return digest.hex(credentials);
    }

    @Override
    public void join(TokenAccount account) {
    }

    @Override
    public boolean leave(TokenAccount account) {
        return true;
    }

    @Override
    public long instances(TokenAccount account) {
        return 1;
    }

    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public boolean reachable() {
        return true;
    }

    @Override
    public void close() {
    }
}
