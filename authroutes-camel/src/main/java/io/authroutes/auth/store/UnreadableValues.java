package io.authroutes.auth.store;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values in Redis this instance cannot open: sealed under another {@code encryptionKey} (an instance
 * configured apart from the others, or a key changed since). Such a value is treated as absent, so the
 * next token request replaces it instead of the account working alone for good; it is logged once and
 * shown by the store's health until it is replaced or read again.
 */
final class UnreadableValues {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableValues.class);

    private final String prefix;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    UnreadableValues(String prefix) {
        this.prefix = prefix;
    }

    /** What a read or write of {@code key} found: a value this instance cannot open, or one it can (or none). */
    void seen(String providerId, String key, boolean unopenable) {
        if (!unopenable) {
            keys.remove(key);
        } else if (keys.add(key)) {
            LOG.warn("{}: {} in Redis cannot be opened with this instance's {}; it counts as absent and the next"
                    + " token request replaces it. Likely cause: the key differs between instances using prefix {},"
                    + " or it changed since the value was stored", providerId, key, RedisStoreSettings.KEY_PROPERTY, prefix);
        }
    }

    Optional<String> problem() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.size() + " value(s) in Redis cannot be read with this"
                + " instance's " + RedisStoreSettings.KEY_PROPERTY + ": is it the same on every instance using prefix " + prefix + "?");
    }
}
