package io.authroutes.monitoring;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.Token;
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
        Optional<String> lastError = Optional.of(auth.stats().lastError()).filter(e -> !e.isEmpty());
        if (auth.credentialsRejected()) {
            builder.down().message("credentials rejected: " + lastError.orElse("fix providers." + auth.providerId() + ".*"));
        } else if (auth.cooldownUntil().isPresent()) {
            builder.detail("cooldownUntil", auth.cooldownUntil().get().toString());
            builder.down().message("token endpoint unavailable until " + auth.cooldownUntil().get()
                    + lastError.map(e -> ": " + e).orElse(""));
        } else {
            builder.up();
        }
    }
}
