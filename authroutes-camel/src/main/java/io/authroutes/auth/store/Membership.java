package io.authroutes.auth.store;

import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStoreUnavailableException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Which instances use an account's token, so only the last one to stop revokes it. Each instance is a
 * member whose heartbeat runs out after {@code heartbeat}; it renews three times per period, so one
 * missed beat (a Redis hiccup, a GC pause) does not make it look gone. An instance that dies simply stops
 * beating and drops out.
 */
final class Membership implements AutoCloseable {

    private final StoreCommands commands;
    private final StoreKeys keys;
    private final String instanceId;
    private final Duration heartbeat;
    private final Set<TokenAccount> joined = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> beats;

    Membership(StoreCommands commands, StoreKeys keys, String instanceId, Duration heartbeat, ScheduledExecutorService timer) {
        this.commands = commands;
        this.keys = keys;
        this.instanceId = instanceId;
        this.heartbeat = heartbeat;
        long period = Math.max(1, heartbeat.toMillis() / 3);
        this.beats = timer.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Counts from the first beat that reaches Redis: now, or when Redis is back. */
    void join(TokenAccount account) {
        joined.add(account);
        beat(account);
    }

    boolean leave(TokenAccount account) {
        joined.remove(account);
        return commands.leave(account, keys.members(account), instanceId) == 0;
    }

    /** The accounts this instance uses, and so the ones whose keys its commands touch. */
    Set<TokenAccount> joined() {
        return Set.copyOf(joined);
    }

    long live(TokenAccount account) {
        return commands.live(account, keys.members(account));
    }

    private void beat() {
        joined.forEach(this::beat);
    }

    private void beat(TokenAccount account) {
        try {
            commands.heartbeat(account, keys.members(account), instanceId, heartbeat);
        } catch (TokenStoreUnavailableException e) {
            // the next beat tries again; a longer outage drops this instance, and it rejoins with that beat
        }
    }

    /** Stops beating without leaving: what an instance that dies does, and the others see it after the heartbeat. */
    @Override
    public void close() {
        beats.cancel(false);
    }
}
