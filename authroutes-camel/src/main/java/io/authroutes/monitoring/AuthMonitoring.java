package io.authroutes.monitoring;

import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.camel.AuthroutesComponent;
import io.authroutes.auth.camel.ProviderRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the context has started, publishes every active provider three ways: an MBean
 * ({@link ProviderAuthView}), a health check ({@link ProviderHealthCheck}) and meters
 * ({@link AuthMetrics}); and the token store as a health check ({@link StoreHealthCheck}). Withdraws the MBeans and health checks when the context stops.
 * Not for applications (public for the component's plugin); may change.
 */
public final class AuthMonitoring extends ServiceSupport implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(AuthMonitoring.class);
    /** The name camel-micrometer-prometheus binds its registry under. */
    private static final String METER_REGISTRY = "metricsRegistry";
    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

    private final CamelContext context;
    private final List<ObjectName> mbeans = new ArrayList<>();
    private final List<ProviderHealthCheck> checks = new ArrayList<>();
    private StoreHealthCheck storeCheck;

    public AuthMonitoring(CamelContext context) {
        this.context = context;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // everything this needs (JMX agent, health registry, meter registry) exists only once fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        ManagementAgent agent = context.getManagementStrategy().getManagementAgent();
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        Optional<MeterRegistry> meters = meters(context);
        AuthroutesComponent component = AuthroutesComponent.of(context);
        Set<String> providers = ProviderRoutes.activeProviders(context);
        for (String id : providers) {
            ProviderAuth auth = component.provider(id);
            if (agent != null) {
                ObjectName name = ProviderAuthView.objectName(id);
                agent.register(new DescribedMBean<>(new ProviderAuthView(auth), ProviderAuthMBean.class,
                        "Token lifecycle of provider " + id), name, true);
                mbeans.add(name);
            }
            if (health != null) {
                ProviderHealthCheck check = new ProviderHealthCheck(auth);
                check.setCamelContext(context);
                health.register(check);
                checks.add(check);
            }
            if (meters.isPresent()) {
                new AuthMetrics(auth).bindTo(meters.get());
            }
        }
        if (health != null) {
            StoreHealthCheck store = new StoreHealthCheck(component.engine().store());
            store.setCamelContext(context);
            health.register(store);
            storeCheck = store;
        }
        LOG.debug("Auth of {} published: {} MBeans, {} health checks, metrics {}", providers,
                mbeans.size(), checks.size(), meters.isPresent() ? "on" : "off");
    }

    /**
     * The app's meter registry. Micrometer is an optional dependency of the library: no Micrometer type is
     * touched unless it is on the class path.
     */
    private static Optional<MeterRegistry> meters(CamelContext context) {
        if (context.getClassResolver().resolveClass(MICROMETER) == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.getRegistry().lookupByNameAndType(METER_REGISTRY, MeterRegistry.class));
    }

    @Override
    protected void doStop() throws Exception {
        ManagementAgent agent = context.getManagementStrategy().getManagementAgent();
        for (ObjectName name : mbeans) {
            if (agent != null) {
                agent.unregister(name);
            }
        }
        mbeans.clear();
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            checks.forEach(health::unregister);
            if (storeCheck != null) {
                health.unregister(storeCheck);
            }
        }
        checks.clear();
    }
}
