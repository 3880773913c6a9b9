package io.authroutes.testing;

import io.authroutes.auth.MonotonicClock;
import io.authroutes.auth.Pause;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;

/**
 * What a route test adds to the application: the clock the engine reads, and properties only known
 * at run time (ports of the test's servers). Added as a routes builder, it runs before the provider
 * routes are built from their templates.
 */
public final class TestSetup extends RouteBuilder {

    private final Clock clock;
    private final Map<String, String> overrides;

    public TestSetup(Clock clock, Map<String, String> overrides) {
        this.clock = clock;
        this.overrides = overrides;
    }

    @Override
    public void configure() {
        getContext().getRegistry().bind("clock", Clock.class, clock);
        if (clock instanceof MutableClock fixed) {
            // a caller waiting for a backing-off token endpoint moves the fixed clock instead of sleeping
            Pause pause = fixed::advanceTo;
            getContext().getRegistry().bind("pause", Pause.class, pause);
            getContext().getRegistry().bind("monotonicClock", MonotonicClock.class, fixed);
        }
        overrides.forEach(getContext().getPropertiesComponent()::addOverrideProperty);
    }
}
