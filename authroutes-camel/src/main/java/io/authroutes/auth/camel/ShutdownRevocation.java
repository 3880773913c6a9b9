package io.authroutes.auth.camel;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.TokenOperation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.engine.DefaultShutdownStrategy;
import org.apache.camel.spi.RouteStartupOrder;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's graceful shutdown with one step added when the application stops (design, "Token lifecycle
 * rules"): every route but the token routes drains first, flows and calls in flight finish within
 * {@code camel.main.shutdown-timeout}; then, whether the drain finished or was forced, each live token
 * the provider lets us revoke is revoked (Salebasis DELETE /login) through its still running {@code <id>.revoke} route, within
 * {@code authroutes.revokeTimeout} (default 10s); then the token routes stop, and after them the HTTP
 * clients, as Camel stops components after routes.
 */
final class ShutdownRevocation extends DefaultShutdownStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownRevocation.class);
    static final String TIMEOUT = "authroutes.revokeTimeout";

    private final AuthroutesComponent component;
    /** True while tokens are revoked: a drain that was forced must not refuse the revoke routes' exchanges. */
    private volatile boolean revoking;

    /** Takes over the context's strategy with the settings Camel Main gave it (shutdown-timeout and the others). */
    ShutdownRevocation(AuthroutesComponent component, ShutdownStrategy configured) {
        super(component.getCamelContext());
        this.component = component;
        setTimeout(configured.getTimeout());
        setTimeUnit(configured.getTimeUnit());
        setSuppressLoggingOnTimeout(configured.isSuppressLoggingOnTimeout());
        setShutdownNowOnTimeout(configured.isShutdownNowOnTimeout());
        setShutdownRoutesInReverseOrder(configured.isShutdownRoutesInReverseOrder());
        setLogInflightExchangesOnTimeout(configured.isLogInflightExchangesOnTimeout());
    }

    @Override
    protected boolean doShutdown(CamelContext context, List<RouteStartupOrder> routes, long timeout, TimeUnit timeUnit,
                                 boolean suspendOnly, boolean abortAfterTimeout, boolean forceShutdown) throws Exception {
        if (suspendOnly || !context.isStopping()) {
            // a route stopped or suspended by hand while the application runs: its tokens stay
            return super.doShutdown(context, routes, timeout, timeUnit, suspendOnly, abortAfterTimeout, forceShutdown);
        }
        List<ProviderAuth> providers = List.copyOf(component.providers());
        Set<String> tokenRoutes = providers.stream().flatMap(auth -> Stream.of(TokenOperation.values())
                .map(operation -> RouteTokenEndpoint.routeId(auth.providerId(), operation))).collect(Collectors.toSet());
        Map<Boolean, List<RouteStartupOrder>> byKind = routes.stream()
                .collect(Collectors.partitioningBy(route -> tokenRoutes.contains(route.getRoute().getRouteId())));
        boolean drained = super.doShutdown(context, byKind.get(false), timeout, timeUnit, false, abortAfterTimeout, forceShutdown);
        revoking = true;
        try {
            revoke(providers);
        } finally {
            revoking = false;
        }
        return super.doShutdown(context, byKind.get(true), timeout, timeUnit, false, abortAfterTimeout, forceShutdown) && drained;
    }

    /**
     * Once a drain outlasted the shutdown timeout, Camel refuses every new exchange while this says true; the
     * revocation that follows the drain, forced or not, is bounded by its own timeout instead.
     */
    @Override
    public boolean isForceShutdown() {
        return !revoking && super.isForceShutdown();
    }

    private void revoke(List<ProviderAuth> providers) {
        Duration budget = component.getCamelContext().getPropertiesComponent().resolveProperty(TIMEOUT)
                .map(v -> Duration.ofMillis(TimeUtils.toMilliSeconds(v))).orElse(Duration.ofSeconds(10));
        List<CompletableFuture<Void>> revocations = providers.stream()
                .map(auth -> CompletableFuture.runAsync(auth::close)).toList();
        try {
            CompletableFuture.allOf(revocations.toArray(CompletableFuture[]::new)).get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Token revocation did not finish within {} ({}); the remaining tokens expire on their own", budget, TIMEOUT);
        } catch (ExecutionException e) {
            LOG.warn("Token revocation failed: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
