package io.authroutes.auth.store;

import io.authroutes.auth.SharedTokenTimeoutException;
import io.authroutes.auth.Token;
import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStore.FlightLimits;
import io.authroutes.auth.TokenStore.RefreshUse;
import io.authroutes.auth.TokenStore.Request;
import io.authroutes.auth.TokenStoreUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One token request per account across every instance. Whoever takes the account's lease (SET NX PX with
 * an owner id) looks once more at the stored token, requests only if it is still not newer than the one
 * being replaced, stores and announces the result, and gives the lease back by compare-and-delete.
 * The others wait for the announcement; they look again at the latest when the holder's lease runs out
 * (a holder that died) or after the poll interval (an announcement lost while reconnecting).
 *
 * <p>The holder keeps its lease for as long as its request runs, however long the provider takes: an instance
 * that took the lease while the request was still out would present the same rotating refresh token, which
 * the provider answers with {@code invalid_grant} (RFC 9700 section 4.14.2). The lease is renewed three times
 * per period, so one missed renewal does not lose it; a holder that dies stops renewing, and its lease runs out.
 * On Sentinel and Cluster the holder first waits until a replica holds the lease, so a failover right after
 * cannot hand the lease, and the same refresh token, to a second instance; if no replica acknowledges, its
 * request may not present the refresh token (a login instead), so the worst a failover then costs is one extra
 * token request. It gives the lease back only once a replica holds the new token too (README, "What a failover
 * costs").
 */
final class ClusterSingleFlight {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSingleFlight.class);

    private final StoreCommands commands;
    private final StoreKeys keys;
    private final SharedTokens tokens;
    private final TokenEvents events;
    private final String instanceId;
    private final Duration pollInterval;
    private final ScheduledExecutorService timer;

    ClusterSingleFlight(StoreCommands commands, StoreKeys keys, SharedTokens tokens, TokenEvents events,
                        String instanceId, Duration pollInterval, ScheduledExecutorService timer) {
        this.commands = commands;
        this.keys = keys;
        this.tokens = tokens;
        this.events = events;
        this.instanceId = instanceId;
        this.pollInterval = pollInterval;
        this.timer = timer;
    }

    Token obtain(TokenAccount account, Token replacing, Request request, FlightLimits limits) {
        long deadline = System.nanoTime() + limits.maxWait().toNanos();
        String owner = instanceId + "/" + UUID.randomUUID();
        while (true) {
            CompletableFuture<Void> event = events.nextEvent(account);
            Optional<Token> newer = newerThan(account, replacing);
            if (newer.isPresent()) {
                return newer.get();
            }
            long holderLeft = commands.acquireLease(account, keys.lease(account), owner, limits.lease());
            if (holderLeft == 0) {
                return underLease(account, replacing, request, owner, limits.lease());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SharedTokenTimeoutException(account.providerId(), "another instance held the token lease for "
                        + limits.maxWait().toMillis() + " ms without storing a token");
            }
            await(account, event, Math.min(Math.min(TimeUnit.MILLISECONDS.toNanos(holderLeft), pollInterval.toNanos()), left));
        }
    }

    private Token underLease(TokenAccount account, Token replacing, Request request, String owner, Duration lease) {
        boolean stored = false;
        boolean keptUntilReplicated = false;
        try {
            Optional<Token> newer = newerThan(account, replacing);
            if (newer.isPresent()) {
                stored = true;
                return newer.get();
            }
            RefreshUse refresh = RefreshUse.ALLOWED;
            if (!commands.replicated(account, keys.lease(account))) {
                LOG.warn("{}: no Redis replica acknowledged the token lease within the timeout; this token request"
                        + " presents no refresh token, which another instance could present too should the primary fail"
                        + " now", account.providerId());
                refresh = RefreshUse.NOT_ALLOWED;
            }
            Token fresh = keepingLease(account, owner, lease, request, refresh);
            try {
                tokens.write(account, fresh);
                stored = true;
                keptUntilReplicated = !commands.replicated(account, keys.token(account));
            } catch (TokenStoreUnavailableException e) {
                // the request was made and its token is good: hand it out
                keptUntilReplicated = commands.hasReplicas();
            }
            if (keptUntilReplicated) {
                LOG.warn("{}: Redis did not confirm that a replica holds the new token; this instance keeps the token lease"
                        + " and writes the token again until one does (at most {} ms), so that a failover now cannot hand"
                        + " the replaced refresh token to another instance", account.providerId(), lease.toMillis());
                keepUntilReplicated(account, owner, lease, fresh, System.nanoTime() + lease.toNanos());
            }
            return fresh;
        } finally {
            if (!keptUntilReplicated) {
                giveBack(account, owner, stored);
            }
        }
    }

    /**
     * A token that no replica holds may be lost in a failover, and the promoted replica would then hand out the
     * token it replaced, whose refresh token was presented already (a second presentation is {@code invalid_grant},
     * RFC 9700 section 4.14.2). So the holder keeps its lease, which reached a replica before a refresh went out,
     * and writes the token again, unless the store holds it or a newer one, until a replica acknowledges it or one
     * lease period has passed, trying every poll interval. An instance that read the replaced token meanwhile and
     * renews it waits for the lease, and then finds this token.
     */
    private void keepUntilReplicated(TokenAccount account, String owner, Duration lease, Token fresh, long until) {
        timer.schedule(() -> {
            if (replicatedOrLeaseLost(account, owner, lease, fresh) || System.nanoTime() - until > 0) {
                giveBack(account, owner, true);
            } else {
                keepUntilReplicated(account, owner, lease, fresh, until);
            }
        }, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes first: on a promoted replica whose copy of the lease ran out, the token is what still protects. */
    private boolean replicatedOrLeaseLost(TokenAccount account, String owner, Duration lease, Token fresh) {
        try {
            if (tokens.read(account).filter(stored -> !stored.obtainedAt().isBefore(fresh.obtainedAt())).isEmpty()) {
                tokens.write(account, fresh);
            }
            return !commands.renewLease(account, keys.lease(account), owner, lease)
                    || commands.replicated(account, keys.token(account));
        } catch (TokenStoreUnavailableException e) {
            return false;
        }
    }

    private Token keepingLease(TokenAccount account, String owner, Duration lease, Request request, RefreshUse refresh) {
        long period = Math.max(1, lease.toMillis() / 3);
        AtomicBoolean lost = new AtomicBoolean();
        ScheduledFuture<?> keeping = timer.scheduleAtFixedRate(() -> keep(account, owner, lease, lost),
                period, period, TimeUnit.MILLISECONDS);
        try {
            return request.run(refresh);
        } finally {
            keeping.cancel(false);
        }
    }

    private void keep(TokenAccount account, String owner, Duration lease, AtomicBoolean lost) {
        if (lost.get()) {
            return;
        }
        try {
            if (!commands.renewLease(account, keys.lease(account), owner, lease) && lost.compareAndSet(false, true)) {
                LOG.warn("{}: the token lease was gone from Redis while this instance's token request ran (Redis"
                        + " restarted or failed over); another instance may make a token request too", account.providerId());
            }
        } catch (TokenStoreUnavailableException e) {
            // the next renewal tries again; the lease still has two periods left
        }
    }

    /** Never hides what happened under the lease: a lease that cannot be deleted runs out by itself. */
    private void giveBack(TokenAccount account, String owner, boolean stored) {
        try {
            commands.releaseLease(account, keys.lease(account), owner);
            if (!stored) {
                tokens.released(account);
            }
        } catch (TokenStoreUnavailableException e) {
            // expires within the lease
        }
    }

    /** A stored token replaces the caller's only if it is another one and not older (never a step back in a rotation). */
    private Optional<Token> newerThan(TokenAccount account, Token replacing) {
        return tokens.read(account).filter(stored -> replacing == null
                || !stored.value().equals(replacing.value()) && !stored.obtainedAt().isBefore(replacing.obtainedAt()));
    }

    private static void await(TokenAccount account, CompletableFuture<Void> event, long nanos) {
        try {
            event.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // look again: the holder's lease ran out, or the poll interval passed
        } catch (ExecutionException e) {
            throw new IllegalStateException("event signals never fail", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedTokenTimeoutException(account.providerId(), "interrupted while waiting for another instance's token");
        }
    }
}
