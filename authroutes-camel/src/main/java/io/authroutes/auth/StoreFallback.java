package io.authroutes.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token store of one app as the engine uses it: the cluster while the store answers, this instance
 * alone while it does not (README, "Several instances"). Redis trouble is never an outage: the first
 * failed store command logs one WARN and every provider goes on with its near cache and its own token
 * requests; the store is tried again after {@code retryAfter}, and the first command that works logs
 * one INFO. Nothing is replayed on return: each provider adopts the shared token at its next token request.
 * Not for applications (public for the library's monitoring); may change.
 */
public final class StoreFallback implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFallback.class);

    private final TokenStore store;
    private final String kind;
    private final long retryAfterNanos;
    private final AtomicBoolean away = new AtomicBoolean();
    private volatile long retryAt;

    /** @param kind what {@code authroutes.store} named: local or redis */
    public StoreFallback(TokenStore store, String kind, Duration retryAfter) {
        this.store = store;
        this.kind = kind;
        this.retryAfterNanos = retryAfter.toNanos();
    }

    /** A store of this instance alone: what the app runs with unless {@code authroutes.store} says otherwise. */
    static StoreFallback local(java.time.Clock clock) {
        return new StoreFallback(new LocalTokenStore(clock), "local", Duration.ofSeconds(5));
    }

    /** Why stored values cannot be read by this instance, while some cannot (a different encryption key). */
    public Optional<String> unreadable() {
        return store.unreadable();
    }

    TokenStore store() {
        return store;
    }

    public String kind() {
        return kind;
    }

    public boolean isShared() {
        return store.isShared();
    }

    /** Whether this instance works alone for now because the shared store did not answer or refused a command. */
    public boolean isFallingBack() {
        return away.get();
    }

    /** Asks the store now (a health check's question); does not change whether this instance falls back. */
    public boolean reachable() {
        return store.reachable();
    }

    /**
     * {@code shared} against the store, or {@code alone} when the store is away or fails now. Exceptions
     * other than the store's own pass unchanged. {@code shared} must not have made its token request
     * when it throws {@link TokenStoreUnavailableException} (the store's contract), so {@code alone}
     * never repeats one.
     */
    <T> T either(Supplier<T> shared, Supplier<T> alone) {
        if (!store.isShared() || away.get() && System.nanoTime() - retryAt < 0) {
            return alone.get();
        }
        T result;
        try {
            result = shared.get();
        } catch (TokenStoreUnavailableException e) {
            retryAt = System.nanoTime() + retryAfterNanos;
            if (away.compareAndSet(false, true)) {
                LOG.warn("The {} token store cannot be used ({}); each instance obtains its own tokens until it is back,"
                        + " calls go on", kind, e.getMessage());
            }
            return alone.get();
        }
        if (away.compareAndSet(true, false)) {
            LOG.info("The {} token store answers again; tokens are shared from the next token request on", kind);
        }
        return result;
    }

    void run(Runnable shared) {
        either(() -> {
            shared.run();
            return null;
        }, () -> null);
    }

    @Override
    public void close() {
        store.close();
    }
}
