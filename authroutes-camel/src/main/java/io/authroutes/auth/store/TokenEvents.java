package io.authroutes.auth.store;

import io.authroutes.auth.Token;
import io.authroutes.auth.TokenAccount;
import io.authroutes.auth.TokenStore;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * What instances tell each other on the prefix's channel: a token was stored, a token was invalidated,
 * a lease was given up without a token. Messages carry the token sealed as it is stored, so a near cache
 * follows without reading Redis. Each message wakes this instance's waiters for the account; listeners
 * hear only other instances' messages (an instance knows what it did itself).
 */
final class TokenEvents extends RedisPubSubAdapter<String, String> {

    enum Kind { STORED, INVALIDATED, RELEASED }

    private final String instanceId;
    private final BiFunction<TokenAccount, byte[], Optional<Token>> opener;
    private final Map<TokenAccount, CompletableFuture<Void>> wakeups = new ConcurrentHashMap<>();
    private final Map<TokenAccount, List<TokenStore.Listener>> listeners = new ConcurrentHashMap<>();

    /** {@code opener} unseals a token sent for an account, or gives nothing when it cannot. */
    TokenEvents(String instanceId, BiFunction<TokenAccount, byte[], Optional<Token>> opener) {
        this.instanceId = instanceId;
        this.opener = opener;
    }

    static String message(Kind kind, String origin, TokenAccount account, byte[] sealedToken) {
        return kind + " " + origin + " " + account.providerId() + " " + account.identity() + " "
                + Base64.getEncoder().encodeToString(sealedToken);
    }

    /**
     * A signal completed by the next message about {@code account}. Taken before looking at Redis, so a
     * token that lands between the look and the wait still wakes the waiter.
     */
    CompletableFuture<Void> nextEvent(TokenAccount account) {
        return wakeups.computeIfAbsent(account, a -> new CompletableFuture<>());
    }

    TokenStore.Subscription listen(TokenAccount account, TokenStore.Listener listener) {
        listeners.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(account, List.of()).remove(listener);
    }

    @Override
    public void message(String channel, String message) {
        String[] parts = message.split(" ", 5);
        if (parts.length != 5) {
            return;
        }
        TokenAccount account = new TokenAccount(parts[2], parts[3]);
        CompletableFuture<Void> waiting = wakeups.remove(account);
        if (waiting != null) {
            waiting.complete(null);
        }
        if (parts[1].equals(instanceId) || parts[0].equals(Kind.RELEASED.name())) {
            return;
        }
        Optional<Token> token = opener.apply(account, Base64.getDecoder().decode(parts[4]));
        for (TokenStore.Listener listener : listeners.getOrDefault(account, List.of())) {
            token.ifPresent(parts[0].equals(Kind.STORED.name()) ? listener::stored : listener::invalidated);
        }
    }
}
