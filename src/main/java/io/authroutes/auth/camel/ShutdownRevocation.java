package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderAuth;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the application stops, revokes every live token the provider lets us revoke (Salebasis
 * DELETE /login), after the calls in flight have finished and before the token routes stop, all
 * within {@code authroutes.revokeTimeout} (default 10s).
 */
final class ShutdownRevocation extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownRevocation.class);
    private static final Duration POLL = Duration.ofMillis(20);

    private final AuthroutesComponent component;

    ShutdownRevocation(AuthroutesComponent component) {
        this.component = component;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelContext context = component.getCamelContext();
        Duration budget = context.getPropertiesComponent().resolveProperty("authroutes.revokeTimeout")
                .map(v -> Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(v))).orElse(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + budget.toNanos();
        List<ProviderAuth> providers = List.copyOf(component.providers());
        awaitCallsInFlight(context, providers, deadline - budget.toNanos() / 2);
        List<CompletableFuture<Void>> revocations = providers.stream()
                .map(auth -> CompletableFuture.runAsync(auth::close)).toList();
        try {
            CompletableFuture.allOf(revocations.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Token revocation did not finish within {}; the remaining tokens expire on their own", budget);
        } catch (ExecutionException e) {
            LOG.warn("Token revocation failed: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, until {@code deadline}, for exchanges inside the providers' call routes to leave them. */
    private static void awaitCallsInFlight(CamelContext context, List<ProviderAuth> providers, long deadline) {
        Set<String> callRoutes = providers.stream().map(ProviderAuth::providerId).collect(Collectors.toSet());
        while (System.nanoTime() < deadline && context.getInflightRepository().browse().stream()
                .anyMatch(inflight -> callRoutes.contains(inflight.getAtRouteId()))) {
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
