package io.authroutes.auth.camel;

import io.authroutes.auth.CredentialOption;
import io.authroutes.auth.ProviderAuth;
import io.authroutes.auth.ProviderProperties;
import io.authroutes.auth.Redactor;
import io.authroutes.auth.TokenEndpoint;
import io.authroutes.auth.TokenEngine;
import io.authroutes.auth.TokenStore;
import io.authroutes.auth.store.TokenStores;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.PropertiesHelper;

/**
 * The {@code authroutes:} component: the steps provider routes use to obtain, apply and renew tokens.
 * One instance per Camel context owns that context's token cache, so nothing is shared statically.
 *
 * <ul>
 *   <li>{@code authroutes:call} sends the call with a token and re-authenticates on rejection;</li>
 *   <li>{@code authroutes:token} turns a token endpoint's answer into a token;</li>
 *   <li>{@code authroutes:form|json|query|basic|header} put credentials into a token request at run time.</li>
 * </ul>
 */
@Component(AuthroutesComponent.NAME)
public class AuthroutesComponent extends DefaultComponent {

    public static final String NAME = "authroutes";

    /** Every header name any provider authenticates with: all are dropped from inbound calls. */
    private final CredentialHeaders credentialHeaders = new CredentialHeaders();
    private final TokenEngine engine = new TokenEngine(new CamelHost());
    private volatile ExecutorService tokenThreads;

    public static AuthroutesComponent of(CamelContext context) {
        return context.getComponent(NAME, AuthroutesComponent.class);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AuthroutesEndpoint endpoint = new AuthroutesEndpoint(uri, this, remaining);
        endpoint.behaviour();
        StepOptions.check(remaining, parameters);
        // options with a prefix, one per header or field, e.g. field.client_id
        endpoint.getCall().setProviderHeader(PropertiesHelper.extractProperties(parameters, CallStep.PROVIDER_HEADER));
        endpoint.getCall().setSend(PropertiesHelper.extractProperties(parameters, CallStep.SEND));
        endpoint.getTokenAnswer().setKeep(PropertiesHelper.extractProperties(parameters, TokenAnswerStep.KEEP));
        endpoint.getRequestFields().setField(PropertiesHelper.extractProperties(parameters, RequestFieldsStep.FIELD));
        endpoint.getRequestFields().setSecretField(PropertiesHelper.extractProperties(parameters, RequestFieldsStep.SECRET_FIELD));
        setProperties(endpoint, parameters);
        endpoint.validate();
        endpoint.credentialsRead().forEach(option -> engine.declare(endpoint.getProvider(), option));
        return endpoint;
    }

    /** The token lifecycle of a provider, created on first use from its {@code providers.<id>.*} block. */
    public ProviderAuth provider(String providerId) {
        return engine.provider(providerId);
    }

    /** The engine that builds every provider's auth. Not for applications; may change. */
    public TokenEngine engine() {
        return engine;
    }

    Collection<ProviderAuth> providers() {
        return engine.providers();
    }

    /** The options a provider's token requests read, as its routes' steps declared them. */
    Collection<CredentialOption> credentials(String providerId) {
        return engine.credentials(providerId);
    }

    CredentialHeaders credentialHeaders() {
        return credentialHeaders;
    }

    ProviderProperties properties(String providerId) {
        return engine.properties(providerId);
    }

    public Clock clock() {
        return engine.clock();
    }

    Redactor redactor(String providerId) {
        return engine.redactor(providerId);
    }

    private synchronized ExecutorService tokenThreads() {
        if (tokenThreads == null) {
            // cached: an acquisition per provider at most, and a slow endpoint must not starve another's
            tokenThreads = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "authroutes-token");
        }
        return tokenThreads;
    }

    /** What the engine learns from Camel: properties, the registry, thread pools and the provider's token routes. */
    private final class CamelHost implements TokenEngine.Host {

        @Override
        public Optional<String> property(String key) {
            return getCamelContext().getPropertiesComponent().resolveProperty(key);
        }

        @Override
        public <T> Optional<T> bound(Class<T> type) {
            Set<T> bound = getCamelContext().getRegistry().findByType(type);
            return bound.size() == 1 ? Optional.of(bound.iterator().next()) : Optional.empty();
        }

        @Override
        public Executor tokenThreads() {
            return AuthroutesComponent.this.tokenThreads();
        }

        @Override
        public TokenEndpoint tokenEndpoint(String providerId, Clock clock) {
            return new RouteTokenEndpoint(getCamelContext(), providerId, clock);
        }

        @Override
        public TokenStore openStore(Clock clock) {
            return TokenStores.open(getCamelContext().getPropertiesComponent()::resolveProperty, System.getenv(), clock);
        }

        /**
         * camel-http's {@code camel.component.http.*} waits for a pooled connection, to connect and for the
         * response, together; zero when one of them is off (no limit).
         */
        @Override
        public Duration callLimit() {
            HttpComponent http = getCamelContext().getComponent("http", HttpComponent.class);
            long[] limits = http == null ? new long[] {0}
                    : new long[] {http.getConnectionRequestTimeout(), http.getConnectTimeout(), http.getResponseTimeout()};
            return Arrays.stream(limits).anyMatch(limit -> limit <= 0) ? Duration.ZERO : Duration.ofMillis(Arrays.stream(limits).sum());
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a wrong authroutes.store.* setting refuses the start, before any call is made
        engine.store();
        // on stop: routes drain, then tokens are revoked, then token routes and HTTP clients stop
        if (!(getCamelContext().getShutdownStrategy() instanceof ShutdownRevocation)) {
            getCamelContext().setShutdownStrategy(new ShutdownRevocation(this, getCamelContext().getShutdownStrategy()));
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (tokenThreads != null) {
            getCamelContext().getExecutorServiceManager().shutdown(tokenThreads);
            tokenThreads = null;
        }
        engine.closeStore();
        super.doStop();
    }
}
