package io.authroutes.monitoring;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.Token;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code authroutes-<id>}: DOWN while calls cannot get a token (no valid token cached, and the failure
 * policy holds logins back: credentials refused, token endpoint backing off, fresh tokens rejected),
 * UP otherwise. A readiness check only: restarting
 * the app fixes neither wrong credentials nor a provider outage.
 */
public final class ProviderHealthCheck extends AbstractHealthCheck {

    public static final String GROUP = "authroutes";

    private final ProviderAuth auth;

    public ProviderHealthCheck(ProviderAuth auth) {
        super(GROUP, GROUP + "-" + auth.providerId());
        this.auth = auth;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("provider", auth.providerId());
        builder.detail("state", auth.status().state().name());
        auth.current().map(Token::fingerprint).ifPresent(fingerprint -> builder.detail("token", fingerprint));
        if (auth.status().healthy()) {
            builder.up();
            return;
        }
        String reason = Optional.of(auth.stats().lastError()).filter(e -> !e.isEmpty())
                .orElse("fix providers." + auth.providerId() + ".*");
        auth.status().nextAttemptAt().ifPresent(next -> builder.detail("nextAttemptAt", next.toString()));
        builder.down().message(auth.status().state() + ", next attempt " + auth.status().nextAttemptAt().map(Instant::toString).orElse("now")
                + ": " + reason);
    }
}
