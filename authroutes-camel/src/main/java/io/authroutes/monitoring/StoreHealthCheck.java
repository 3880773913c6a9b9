package io.authroutes.monitoring;

import io.authroutes.auth.StoreFallback;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code authroutes-store}: DOWN while the shared token store does not answer. Calls go on meanwhile (each
 * instance obtains its own tokens), so this tells an operator why token requests multiply, not that the
 * app cannot serve; DOWN too while values in it cannot be read with this instance's encryption key; always UP
 * with the local store.
 */
final class StoreHealthCheck extends AbstractHealthCheck {

    private final StoreFallback store;

    StoreHealthCheck(StoreFallback store) {
        super(ProviderHealthCheck.GROUP, ProviderHealthCheck.GROUP + "-store");
        this.store = store;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("store", store.kind());
        builder.detail("shared", store.isShared());
        if (store.isShared() && store.unreadable().isPresent()) {
            builder.down().message(store.unreadable().get() + " Each such value is replaced at its account's next token request.");
            return;
        }
        if (!store.isShared() || store.reachable()) {
            builder.up();
            return;
        }
        builder.down().message("the " + store.kind() + " token store does not answer; each instance obtains its own"
                + " tokens until it is back (authroutes.store.redis.uri)");
    }
}
