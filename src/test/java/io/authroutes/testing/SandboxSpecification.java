package io.authroutes.testing;

import io.authroutes.sandbox.Sandbox;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every specification of the app against the sandbox starts from: the running context, the
 * simulated providers, a clock the test moves (the engine and the simulators both read it), and
 * calls to {@code direct:<id>} as a flow makes them. Subclasses carry {@code @CamelMainTest}.
 */
public abstract class SandboxSpecification {

    protected final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    @BeanInject
    protected Sandbox sandbox;
    @BeanInject
    protected CamelContext context;
    protected ProviderCalls calls;

    @Configure
    protected void bindClock(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new TestSetup(clock, Map.of()));
    }

    @BeforeEach
    void createCalls() {
        calls = new ProviderCalls(context);
    }
}
