package io.authroutes.monitoring;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.Token;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code authroutes-<id>}: DOWN while the provider refuses the configured credentials or its token
 * endpoint is cooling down after repeated failures, UP otherwise. A readiness check only: restarting
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
        builder.detail("state", auth.state().name());
        auth.current().map(Token::fingerprint).ifPresent(fingerprint -> builder.detail("token", fingerprint));
        if (auth.healthy()) {
            builder.up();
            return;
        }
        String reason = Optional.of(auth.stats().lastError()).filter(e -> !e.isEmpty())
                .orElse("fix providers." + auth.providerId() + ".*");
        Optional<Instant> cooldown = auth.cooldownUntil();
        cooldown.ifPresent(until -> builder.detail("cooldownUntil", until.toString()));
        builder.down().message(auth.credentialsRejected() ? "credentials rejected: " + reason
                : "token endpoint unavailable until " + cooldown.map(Instant::toString).orElse("now") + ": " + reason);
    }
}
