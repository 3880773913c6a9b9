package io.authroutes.auth.store;

import io.authroutes.auth.Token;
import io.authroutes.auth.TokenAccount;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The account's token in Redis, sealed, and the events that say it changed. The key expires with the
 * token, so Redis never keeps a dead token; a token without an expiry stays until invalidated.
 */
final class SharedTokens {

    private final StoreCommands commands;
    private final StoreKeys keys;
    private final TokenCipher cipher;
    private final String instanceId;
    private final Clock clock;
    private final UnreadableValues unreadable;

    SharedTokens(StoreCommands commands, StoreKeys keys, TokenCipher cipher, String instanceId, Clock clock,
                 UnreadableValues unreadable) {
        this.commands = commands;
        this.keys = keys;
        this.cipher = cipher;
        this.instanceId = instanceId;
        this.clock = clock;
        this.unreadable = unreadable;
    }

    /** The stored token; none when absent, expired, or sealed under another key (then the next write replaces it). */
    Optional<Token> read(TokenAccount account) {
        Optional<byte[]> raw = commands.get(account, keys.token(account));
        Optional<Token> stored = raw.flatMap(sealed -> open(account, sealed));
        unreadable.seen(account.providerId(), keys.token(account), raw.isPresent() && stored.isEmpty());
        return stored.filter(token -> !token.isExpiredAt(clock.instant()));
    }

    void write(TokenAccount account, Token token) {
        byte[] sealed = cipher.seal(TokenCodec.encode(token), keys.token(account));
        Optional<Duration> ttl = token.expiry().map(expiry -> Duration.between(clock.instant(), expiry));
        if (ttl.isPresent() && (ttl.get().isNegative() || ttl.get().isZero())) {
            return;
        }
        commands.set(account, keys.token(account), sealed, ttl);
        unreadable.seen(account.providerId(), keys.token(account), false);
        publish(account, TokenEvents.Kind.STORED, sealed);
    }

    /** Compare-and-delete on the sealed value read, so a token stored meanwhile by another instance survives. */
    boolean invalidate(TokenAccount account, Token failed) {
        Optional<byte[]> raw = commands.get(account, keys.token(account));
        if (raw.flatMap(sealed -> open(account, sealed)).filter(stored -> stored.value().equals(failed.value())).isEmpty()) {
            return false;
        }
        boolean deleted = commands.swap(account, keys.token(account), raw, Optional.empty(), Duration.ZERO);
        if (deleted) {
            publish(account, TokenEvents.Kind.INVALIDATED, raw.get());
        }
        return deleted;
    }

    /** Wakes waiters at once when a lease holder gives up without a token, instead of at their next poll. */
    void released(TokenAccount account) {
        publish(account, TokenEvents.Kind.RELEASED, new byte[0]);
    }

    /** A token as stored or sent in an event; nothing when it cannot be opened (another key on the same prefix). */
    Optional<Token> open(TokenAccount account, byte[] sealed) {
        try {
            return Optional.of(TokenCodec.decode(cipher.open(sealed, keys.token(account))));
        } catch (GeneralSecurityException | IOException e) {
            return Optional.empty();
        }
    }

    private void publish(TokenAccount account, TokenEvents.Kind kind, byte[] sealed) {
        commands.publish(account, keys.events(), TokenEvents.message(kind, instanceId, account, sealed));
    }
}
