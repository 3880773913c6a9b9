package io.authroutes.auth;

import io.authroutes.auth.FailurePolicy.Gate;
import io.authroutes.auth.TokenStore.FlightLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One provider's account in the token store: what {@link ProviderAuth} asks of the cluster, each
 * question answered by this instance alone while the store is away ({@link StoreFallback}).
 * Also the failure policy's {@link FailurePolicy.SharedGate}: the login gate is kept as the store's
 * policy state, {@code <episode> <failures> <next attempt, epoch ms> <status> <credentials> <reason>},
 * sealed like a token since a reason may quote the provider. {@code <credentials>} is the store's keyed
 * fingerprint of the credentials the gate was recorded with: a refusal holds back only instances that
 * would log in with those same credentials, so one restarted with the password fixed tries at once.
 * Not for applications (public for the library's monitoring); may change.
 */
public final class SharedAccount implements FailurePolicy.SharedGate {

    /** How long a refusal is remembered after its next attempt is due: long enough to keep counting the episode. */
    private static final Duration KEEP_AFTER_DUE = Duration.ofHours(1);

    private final StoreFallback store;
    private final TokenAccount account;
    private final FlightLimits limits;
    private final Clock clock;
    private final Supplier<byte[]> credentials;

    /** An account whose credentials are not told apart: a recorded refusal holds back every instance. */
    public SharedAccount(StoreFallback store, TokenAccount account, FlightLimits limits, Clock clock) {
        this(store, account, limits, clock, () -> new byte[0]);
    }

    /** @param credentials what the account logs in with, read when a gate is recorded or read; never kept */
    SharedAccount(StoreFallback store, TokenAccount account, FlightLimits limits, Clock clock,
                  Supplier<byte[]> credentials) {
        this.store = store;
        this.account = account;
        this.limits = limits;
        this.clock = clock;
        this.credentials = credentials;
    }

    /** An account of this instance alone, in the local store. */
    static SharedAccount alone(String providerId, Clock clock) {
        return new SharedAccount(StoreFallback.local(clock), new TokenAccount(providerId, "local"),
                FlightLimits.forTokenTimeout(Duration.ofSeconds(30)), clock);
    }

    public StoreFallback store() {
        return store;
    }

    TokenAccount account() {
        return account;
    }

    /**
     * A token newer than {@code replacing}: the one the cluster holds, or from {@code request}, run once in the cluster
     * and told whether it may present the refresh token; run here alone, it may.
     */
    Token obtain(Token replacing, TokenStore.Request request) {
        return store.either(() -> store.store().obtainOnce(account, replacing, request, limits),
                () -> request.run(TokenStore.RefreshUse.ALLOWED));
    }

    /** Drops {@code failed} cluster-wide if it is still the shared token. */
    void invalidate(Token failed) {
        store.run(() -> store.store().invalidate(account, failed));
    }

    /**
     * Near caches follow what other instances store and invalidate. Registered even while the store is away
     * (neither this nor {@link #join} asks it anything that can fail), so the account follows once it is back.
     */
    void listen(TokenStore.Listener listener) {
        store.store().listen(account, listener);
    }

    void join() {
        store.store().join(account);
    }

    /**
     * Whether this instance is the last to use the account's token and so may revoke it. Unknown while the
     * store is away, and then no: another instance may still hold the token, which expires on its own.
     */
    boolean leaveAsLast() {
        return store.either(() -> store.store().leave(account), () -> !store.isShared());
    }

    /** Live instances using the token, this one included; 1 while the store is away. */
    public long instances() {
        return store.either(() -> store.store().instances(account), () -> 1L);
    }

    @Override
    public Optional<Gate> read() {
        return store.<Optional<Gate>>either(() -> Optional.of(store.store().policyState(account).map(this::decode)
                .orElse(Gate.OPEN)), Optional::empty);
    }

    private String credentialsFingerprint() {
        return store.store().credentialsFingerprint(account, credentials.get());
    }

    /** Compare-and-set over what was read, so two instances recording at once cannot lose a count. */
    @Override
    public void record(Gate gate) {
        store.run(() -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                String seen = store.store().policyState(account).orElse(null);
                String next = gate.failing() ? encode(gate) : null;
                Duration ttl = gate.failing() ? Duration.between(clock.instant(), gate.nextAttemptAt()).plus(KEEP_AFTER_DUE)
                        : Duration.ZERO;
                if (store.store().compareAndSetPolicyState(account, seen, next, ttl.isNegative() ? KEEP_AFTER_DUE : ttl)) {
                    return;
                }
            }
        });
    }

    private String encode(Gate gate) {
        int status = gate.cause() instanceof CredentialsRejectedException refused ? refused.status() : 0;
        return gate.episode() + " " + gate.failures() + " " + gate.nextAttemptAt().toEpochMilli() + " " + status
                + " " + credentialsFingerprint() + " " + (gate.cause() == null ? "" : gate.cause().reason());
    }

    /** A refusal of other credentials than this instance's is none of its business: open. */
    private Gate decode(String state) {
        String[] parts = state.split(" ", 6);
        if (parts.length < 6) {
            return Gate.OPEN;
        }
        AuthState episode = AuthState.valueOf(parts[0]);
        if (episode == AuthState.CREDENTIALS_REFUSED && !parts[4].equals(credentialsFingerprint())) {
            return Gate.OPEN;
        }
        String reason = parts[5];
        ProviderAuthException cause = episode == AuthState.CREDENTIALS_REFUSED
                ? new CredentialsRejectedException(account.providerId(), Integer.parseInt(parts[3]), reason)
                : new TokenEndpointUnavailableException(account.providerId(), reason, null);
        return new Gate(episode, Integer.parseInt(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2])), cause);
    }
}
