package io.authroutes.monitoring;

import io.authroutes.auth.AuthState;

import io.authroutes.auth.AuthStats;
import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.TokenOperation;
import io.authroutes.auth.TokenRequestOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * A provider's counters as Micrometer meters tagged {@code provider}; in Prometheus format:
 * <pre>
 * authroutes_token_requests_total{provider, operation, outcome, store}   store: local or redis
 * authroutes_reauthentications_total{provider}
 * authroutes_calls_seconds_count / _sum{provider}
 * authroutes_auth_up{provider}   1 while the health check is UP
 * authroutes_auth_state{provider, state}   1 for the current state (VALID, BACKING_OFF, CREDENTIALS_REFUSED ...)
 * authroutes_auth_next_attempt_seconds{provider}   until the held-back token operation may try again
 * authroutes_store_shared{provider, store}   1 while the token is shared with other instances
 * </pre>
 * The meters read {@link AuthStats} when scraped, so the engine knows nothing of Micrometer.
 */
public final class AuthMetrics implements MeterBinder {

    private final ProviderAuth auth;

    public AuthMetrics(ProviderAuth auth) {
        this.auth = auth;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String provider = auth.providerId();
        AuthStats stats = auth.stats();
        for (TokenOperation operation : TokenOperation.values()) {
            for (TokenRequestOutcome outcome : TokenRequestOutcome.values()) {
                FunctionCounter.builder("authroutes.token.requests", stats, s -> s.tokenRequests(operation, outcome))
                        .description("Requests to the provider's token endpoint")
                        .tags("provider", provider, "operation", operation.label(), "outcome", outcome.label(),
                                "store", auth.shared().store().kind())
                        .register(registry);
            }
        }
        FunctionCounter.builder("authroutes.reauthentications", stats, AuthStats::reauthentications)
                .description("Calls the upstream rejected with the configured statuses, retried with a new token")
                .tag("provider", provider)
                .register(registry);
        FunctionTimer.builder("authroutes.calls", stats, AuthStats::calls, s -> s.callTime().toNanos(), TimeUnit.NANOSECONDS)
                .description("Calls through direct:" + provider + ", re-authentication included")
                .tag("provider", provider)
                .register(registry);
        for (AuthState state : AuthState.values()) {
            Gauge.builder("authroutes.auth.state", auth, a -> a.status().state() == state ? 1 : 0)
                    .description("1 for the provider's current state (README, \"When things fail\")")
                    .tags("provider", provider, "state", state.name())
                    .register(registry);
        }
        Gauge.builder("authroutes.auth.next.attempt", auth, a -> a.status().untilNextAttempt().toMillis() / 1000.0)
                .description("Seconds until the failure policy lets the held-back token operation try again; 0 while healthy")
                .tag("provider", provider)
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("authroutes.store.shared", auth, a -> a.shared().store().isShared() && !a.shared().store().isFallingBack() ? 1 : 0)
                .description("1 while this instance shares the provider's token through the store; 0 with the local store or while it falls back")
                .tags("provider", provider, "store", auth.shared().store().kind())
                .register(registry);
        Gauge.builder("authroutes.auth.up", auth, a -> a.status().healthy() ? 1 : 0)
                .description("1 while the provider's health check is UP")
                .tag("provider", provider)
                .register(registry);
    }
}
