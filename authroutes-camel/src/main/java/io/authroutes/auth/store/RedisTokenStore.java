package io.authroutes.auth.store;

import io.authroutes.auth.KeyedDigest;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Tokens shared by every instance pointed at one Redis and prefix (design note, "Growing past one
 * machine"). Redis holds only values sealed by {@link TokenCipher}; see {@link TokenStore} for how the
 * engine uses it and {@link ClusterSingleFlight} for the lease.
 */
final class RedisTokenStore implements TokenStore {

    private final RedisLink link;
    private final StoreKeys keys;
    private final TokenCipher cipher;
    private final SharedTokens tokens;
    private final TokenEvents events;
    private final ClusterSingleFlight flight;
    private final Membership membership;
    private final StoreCommands commands;
    private final UnreadableValues unreadable;
    /** Keyed from the encryption key, which every instance shares and Redis never sees. */
    private final KeyedDigest credentialsDigest;
    /** Heartbeats and lease renewals: short Redis commands, each bounded by the store's timeout. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "authroutes-store-timer");
        thread.setDaemon(true);
        return thread;
    });

    public RedisTokenStore(RedisStoreSettings settings, Clock clock) {
        String instanceId = UUID.randomUUID().toString();
        this.keys = new StoreKeys(settings.prefix());
        this.cipher = new TokenCipher(settings.encryptionKey());
        this.credentialsDigest = KeyedDigest.derived(settings.encryptionKey(), "authroutes credentials fingerprint");
        SharedTokens[] late = new SharedTokens[1];
        this.events = new TokenEvents(instanceId, (account, sealed) -> late[0].open(account, sealed));
        this.link = new RedisLink(settings, keys.events(), events);
        this.commands = new StoreCommands(link);
        this.unreadable = new UnreadableValues(settings.prefix());
        this.tokens = new SharedTokens(commands, keys, cipher, instanceId, clock, unreadable);
        late[0] = tokens;
        this.flight = new ClusterSingleFlight(commands, keys, tokens, events, instanceId, settings.timing().pollInterval(),
                timer);
        this.membership = new Membership(commands, keys, instanceId, settings.timing().heartbeat(), timer);
    }

    @Override
    public Optional<Token> shared(TokenAccount account) {
        return tokens.read(account);
    }

    @Override
    public Token obtainOnce(TokenAccount account, Token replacing, Request request, FlightLimits limits) {
        return flight.obtain(account, replacing, request, limits);
    }

    @Override
    public boolean invalidate(TokenAccount account, Token failed) {
        return tokens.invalidate(account, failed);
    }

    @Override
    public Subscription listen(TokenAccount account, Listener listener) {
        Subscription subscription = events.listen(account, listener);
        link.subscribeIfReachable();
        return subscription;
    }

    @Override
    public Optional<String> policyState(TokenAccount account) {
        return openState(account, commands.get(account, keys.policy(account)));
    }

    /**
     * Compares plaintext (sealing is randomised), then swaps only if the sealed value read is still there. A state
     * sealed under another key counts as absent, so it is replaced like one.
     */
    @Override
    public boolean compareAndSetPolicyState(TokenAccount account, String expected, String next, Duration ttl) {
        Optional<byte[]> raw = commands.get(account, keys.policy(account));
        if (!Objects.equals(openState(account, raw).orElse(null), expected)) {
            return false;
        }
        Optional<byte[]> sealed = Optional.ofNullable(next)
                .map(value -> cipher.seal(value.getBytes(StandardCharsets.UTF_8), keys.policy(account)));
        boolean swapped = commands.swap(account, keys.policy(account), raw, sealed, ttl);
        if (swapped) {
            unreadable.seen(account.providerId(), keys.policy(account), false);
        }
        return swapped;
    }

    private Optional<String> openState(TokenAccount account, Optional<byte[]> raw) {
        Optional<String> state = raw.flatMap(sealed -> {
            try {
                return Optional.of(new String(cipher.open(sealed, keys.policy(account)), StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                return Optional.empty();
            }
        });
        unreadable.seen(account.providerId(), keys.policy(account), raw.isPresent() && state.isEmpty());
        return state;
    }

    @Override
    public Optional<String> unreadable() {
        return unreadable.problem();
    }

    /** Bound to the account, so one password used for two accounts gives two fingerprints. */
    @Override
    public String credentialsFingerprint(TokenAccount account, byte[] credentials) {
        byte[] identity = (account.identity() + "\n").getBytes(StandardCharsets.UTF_8);
        return credentialsDigest.hex(ByteBuffer.allocate(identity.length + credentials.length).put(identity).put(credentials).array());
    }

    @Override
    public void join(TokenAccount account) {
        membership.join(account);
    }

    @Override
    public boolean leave(TokenAccount account) {
        return membership.leave(account);
    }

    @Override
    public long instances(TokenAccount account) {
        return membership.live(account);
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public boolean reachable() {
        return link.reachable(membership.joined().stream().map(keys::token).toList());
    }

    /** Disconnects without leaving: revocation is decided by {@link #leave} before this. */
    @Override
    public void close() {
        membership.close();
        timer.shutdownNow();
        link.close();
    }
}
